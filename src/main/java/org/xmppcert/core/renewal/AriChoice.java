package org.xmppcert.core.renewal;

import java.time.Instant;

import org.xmppcert.core.issuance.RenewalWindow;

/**
 * The moment drawn inside a CA's renewal window, kept with the window it was drawn for. Kept so
 * that every check agrees on one moment (RFC 9773 section 4.2): drawing afresh at each check would
 * make an early moment ever more likely and pile renewals at the window's start.
 */
public record AriChoice(Instant windowStart, Instant windowEnd, Instant moment) {

    public AriChoice {
        if (moment.isBefore(windowStart) || moment.isAfter(windowEnd)) {
            throw new IllegalArgumentException("The chosen moment must lie inside its window");
        }
    }

    /** Whether this moment was drawn for the window the CA suggests now. */
    public boolean drawnFor(RenewalWindow window) {
        return windowStart.equals(window.start()) && windowEnd.equals(window.end());
    }
}
