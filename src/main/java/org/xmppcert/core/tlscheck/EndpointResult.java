package org.xmppcert.core.tlscheck;

import java.util.Objects;

/**
 * What one listener showed during the check.
 *
 * @param endpoint             the listener
 * @param verdict              the outcome of the last attempt
 * @param presentedFingerprint SHA-256 of the certificate last presented, or null when no handshake succeeded
 * @param failure              why the last handshake failed, or null when it succeeded
 * @param attempts             handshakes tried
 */
public record EndpointResult(TlsEndpoint endpoint, Verdict verdict, String presentedFingerprint, String failure,
                             int attempts) {

    public EndpointResult {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(verdict, "verdict");
    }

    public enum Verdict {
        /** The listener serves the certificate that was just installed. */
        PRESENTS_EXPECTED,
        /** The listener completed handshakes but kept serving another certificate. */
        PRESENTS_OTHER,
        /** No handshake could be completed. */
        UNREACHABLE
    }

    public boolean passed() {
        return verdict == Verdict.PRESENTS_EXPECTED;
    }

    /** One line for administrators. */
    public String describe() {
        return switch (verdict) {
            case PRESENTS_EXPECTED -> endpoint + ": presents the new certificate";
            case PRESENTS_OTHER -> endpoint + ": still presents another certificate (SHA-256 "
                    + presentedFingerprint + ") after " + attempts + " handshakes";
            case UNREACHABLE -> endpoint + ": no TLS handshake after " + attempts + " attempts: " + failure;
        };
    }
}
