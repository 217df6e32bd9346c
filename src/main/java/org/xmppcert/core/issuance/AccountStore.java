package org.xmppcert.core.issuance;

import java.net.URI;
import java.util.Optional;

/** Where ACME accounts are kept, one per CA directory. */
public interface AccountStore {

    void save(AccountRecord account);

    Optional<AccountRecord> load(URI directory);
}
