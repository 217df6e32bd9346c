package org.xmppcert.core.renewal;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Something the admins are told about, once: {@link RenewalMaintenance} emits each event a single
 * time, so the Openfire layer can turn every event into one message and one audit entry without
 * deduplicating.
 */
public sealed interface RenewalEvent {

    /** The id of the {@link ManagedCertificate} concerned. */
    String certificateId();

    /** Its names, for the message. */
    List<String> names();

    /** When it happened. */
    Instant at();

    /**
     * A new certificate was obtained and installed.
     *
     * @param explanation the CA's page explaining its renewal window, when the CA moved the window (e.g. before revoking)
     */
    record Renewed(String certificateId, List<String> names, Instant at, RenewalReason reason,
                   Optional<URI> explanation, Instant newNotAfter) implements RenewalEvent {
        public Renewed {
            names = List.copyOf(names);
        }
    }

    /** An attempt failed; another will be made at {@code nextAttempt}. */
    record Failed(String certificateId, List<String> names, Instant at, String reason, String advice,
                  int consecutiveFailures, Instant nextAttempt, Instant notAfter) implements RenewalEvent {
        public Failed {
            names = List.copyOf(names);
        }
    }

    /** Renewal keeps failing and expiry is {@code thresholdDays} days away or closer. */
    record ExpiryWarning(String certificateId, List<String> names, Instant at, int thresholdDays, Instant notAfter,
                         String lastError, String advice) implements RenewalEvent {
        public ExpiryWarning {
            names = List.copyOf(names);
        }
    }

    /**
     * A classic-CA certificate expires in {@code thresholdDays} days or fewer: someone must renew it
     * at the CA. The {@code wizard} renews it with the saved CSR, so only the CA's steps remain.
     */
    record ClassicReminder(String certificateId, List<String> names, Instant at, int thresholdDays, Instant notAfter,
                           URI wizard) implements RenewalEvent {
        public ClassicReminder {
            names = List.copyOf(names);
        }
    }
}
