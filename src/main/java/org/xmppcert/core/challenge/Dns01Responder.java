package org.xmppcert.core.challenge;

import java.util.List;

/**
 * Puts dns-01 records in place, all of an order's at once, so one propagation wait covers them.
 * Implementations: a manual one that shows the records to the admin and returns once the admin
 * confirms they exist, and an RFC 2136 one that adds them by TSIG-signed dynamic update.
 */
public interface Dns01Responder {

    /**
     * Returns once the records should be published. The engine then checks they are visible at the
     * zone's authoritative servers before it asks the CA to validate.
     *
     * @throws ChallengeException if they cannot be put in place (update refused, admin cancelled)
     */
    void deploy(List<TxtRecord> records) throws ChallengeException;

    /** Removes records that are no longer needed; failures are logged, never thrown. */
    void remove(List<TxtRecord> records);
}
