package org.xmppcert.openfire.service;

import java.time.Instant;
import java.util.Optional;

/**
 * When the scheduler will renew next, for the status page. The scheduler knows (it weighs expiry,
 * the CA's renewal window and retries); the service only shows it.
 */
@FunctionalInterface
public interface RenewalOutlook {

    /** No scheduler, or nothing managed yet. */
    RenewalOutlook NONE = Optional::empty;

    Optional<Instant> nextRenewal();
}
