package org.xmppcert.core.classic;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The store for tests; the server keeps its requests in the database. */
final class InMemoryPendingRequestStore implements PendingRequestStore {

    private final Map<String, PendingRequest> requests = new ConcurrentHashMap<>();

    @Override
    public void save(PendingRequest request) {
        requests.put(request.id(), request);
    }

    @Override
    public Optional<PendingRequest> find(String id) {
        return Optional.ofNullable(requests.get(id));
    }

    @Override
    public List<PendingRequest> list() {
        return requests.values().stream().sorted(Comparator.comparing(PendingRequest::createdAt)).toList();
    }

    @Override
    public void delete(String id) {
        requests.remove(id);
    }
}
