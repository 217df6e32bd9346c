package org.xmppcert.core.renewal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link RenewalPolicy} decided for one certificate at one check.
 *
 * @param due       whether to renew now
 * @param at        when renewal is due: now if {@code due}, else the moment to renew at (never after expiry)
 * @param reason    why renewal is due then
 * @param ariChoice the moment drawn in the CA's renewal window, to keep for the next check
 */
public record RenewalDecision(boolean due, Instant at, RenewalReason reason, Optional<AriChoice> ariChoice) {

    public RenewalDecision {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(ariChoice, "ariChoice");
    }
}
