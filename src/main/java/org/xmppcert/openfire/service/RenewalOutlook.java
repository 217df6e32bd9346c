package org.xmppcert.openfire.service;

import java.time.Instant;
import java.util.Optional;

/**
 * When the scheduler will renew next, for the status page. The scheduler decides (it weighs
 * expiry, the CA's renewal window and retries); the status only shows it.
 */
@FunctionalInterface
interface RenewalOutlook {

    /** Empty when nothing is renewed automatically: no managed certificate, a classic one, or automatic renewal off. */
    Optional<Instant> nextRenewal();
}
