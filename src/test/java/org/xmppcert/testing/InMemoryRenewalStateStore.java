package org.xmppcert.testing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.xmppcert.core.renewal.RenewalState;
import org.xmppcert.core.renewal.RenewalStateStore;

/** Keeps renewal states in memory, for tests. */
public final class InMemoryRenewalStateStore implements RenewalStateStore {

    private final Map<String, RenewalState> states = new ConcurrentHashMap<>();

    @Override
    public Optional<RenewalState> load(String certificateId) {
        return Optional.ofNullable(states.get(certificateId));
    }

    @Override
    public void save(String certificateId, RenewalState state) {
        states.put(certificateId, state);
    }
}
