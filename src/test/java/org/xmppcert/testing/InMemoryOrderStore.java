package org.xmppcert.testing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.xmppcert.core.issuance.NameSet;
import org.xmppcert.core.issuance.OrderRecord;
import org.xmppcert.core.issuance.OrderStore;

/** Keeps orders for the life of the object: for tests, benchmarks and one-shot tools. */
public final class InMemoryOrderStore implements OrderStore {

    private final Map<NameSet, OrderRecord> records = new ConcurrentHashMap<>();

    @Override
    public void save(OrderRecord record) {
        records.put(record.nameSet(), record);
    }

    @Override
    public Optional<OrderRecord> load(NameSet names) {
        return Optional.ofNullable(records.get(names));
    }

    @Override
    public void delete(NameSet names) {
        records.remove(names);
    }
}
