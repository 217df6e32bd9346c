package org.xmppcert.core.issuance;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * The period in which the CA would like the certificate renewed (ACME Renewal Information, RFC 9773).
 * A CA moves it earlier when it must revoke, so it beats any fixed "30 days before expiry" rule.
 *
 * @param explanation the CA's page saying why the window is where it is (RFC 9773 {@code explanationURL}),
 *                    worth showing the admin when the window was moved to the past
 */
public record RenewalWindow(Instant start, Instant end, Optional<URI> explanation) {

    public RenewalWindow {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("A renewal window cannot end before it starts");
        }
    }

    public RenewalWindow(Instant start, Instant end) {
        this(start, end, Optional.empty());
    }
}
