package org.xmppcert.core.classic;

import java.util.List;
import java.util.Optional;

/**
 * Keeps pending requests across restarts: between the CSR and the CA's answer lie an e-mail round
 * trip and a human, so the request must outlive the process. The Openfire layer stores them in the
 * server's database.
 */
public interface PendingRequestStore {

    /** Stores the request, replacing any with the same id. */
    void save(PendingRequest request);

    Optional<PendingRequest> find(String id);

    /** All pending requests, oldest first. */
    List<PendingRequest> list();

    /** Forgets the request; deleting an unknown id does nothing. */
    void delete(String id);
}
