package org.xmppcert.core.issuance;

import java.time.Instant;

/**
 * The period in which the CA would like the certificate renewed (ACME Renewal Information, RFC 9773).
 * A CA moves it earlier when it must revoke, so it beats any fixed "30 days before expiry" rule.
 */
public record RenewalWindow(Instant start, Instant end) {

    public RenewalWindow {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("A renewal window cannot end before it starts");
        }
    }
}
