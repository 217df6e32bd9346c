package org.xmppcert.testing;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.xmppcert.core.issuance.AccountRecord;
import org.xmppcert.core.issuance.AccountStore;

/** Keeps accounts for the life of the object: for tests, benchmarks and one-shot tools. */
public final class InMemoryAccountStore implements AccountStore {

    private final Map<URI, AccountRecord> accounts = new ConcurrentHashMap<>();

    @Override
    public void save(AccountRecord account) {
        accounts.put(account.directory(), account);
    }

    @Override
    public Optional<AccountRecord> load(URI directory) {
        return Optional.ofNullable(accounts.get(directory));
    }
}
