package org.xmppcert.core.renewal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What renewal remembers about one certificate between checks, in plain fields so the Openfire
 * layer can store it as properties. It is about one certificate (told by its expiry): when another
 * certificate is installed under the same id, by renewal or by hand, the state starts afresh, so
 * failures and alerts of the old certificate are forgotten.
 *
 * @param certificateNotAfter  the expiry of the certificate this state is about
 * @param consecutiveFailures  failed attempts since the certificate was installed
 * @param lastAttempt          when renewal was last tried
 * @param lastError            why the last attempt failed
 * @param lastAdvice           what the admin can do about it
 * @param nextAttempt          not before this instant may renewal be tried again
 * @param recentAttempts       the attempts of the last hour, oldest first, for the per-hour limit
 * @param ariChoice            the moment drawn in the CA's renewal window
 * @param lowestAlertAnnounced the lowest expiry threshold (days) the admins have been told of
 */
public record RenewalState(Instant certificateNotAfter, int consecutiveFailures, Optional<Instant> lastAttempt,
                           Optional<String> lastError, Optional<String> lastAdvice, Optional<Instant> nextAttempt,
                           List<Instant> recentAttempts, Optional<AriChoice> ariChoice,
                           Optional<Integer> lowestAlertAnnounced) {

    public RenewalState {
        Objects.requireNonNull(certificateNotAfter, "certificateNotAfter");
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("Failures cannot be negative");
        }
        Objects.requireNonNull(lastAttempt, "lastAttempt");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(lastAdvice, "lastAdvice");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
        recentAttempts = List.copyOf(recentAttempts);
        Objects.requireNonNull(ariChoice, "ariChoice");
        Objects.requireNonNull(lowestAlertAnnounced, "lowestAlertAnnounced");
    }

    /** The state of a certificate just installed: nothing tried, nothing announced. */
    public static RenewalState fresh(Instant certificateNotAfter) {
        return new RenewalState(certificateNotAfter, 0, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }

    public boolean isAbout(ManagedCertificate certificate) {
        return certificateNotAfter.equals(certificate.notAfter());
    }

    public boolean failing() {
        return consecutiveFailures > 0;
    }

    public RenewalState withAriChoice(Optional<AriChoice> choice) {
        return new RenewalState(certificateNotAfter, consecutiveFailures, lastAttempt, lastError, lastAdvice,
                nextAttempt, recentAttempts, choice, lowestAlertAnnounced);
    }

    /**
     * @param recent the attempts of the last hour, this one included
     */
    public RenewalState afterFailure(Instant attempt, RenewalFailure failure, Instant next, List<Instant> recent) {
        return new RenewalState(certificateNotAfter, consecutiveFailures + 1, Optional.of(attempt),
                Optional.of(failure.reason()), Optional.of(failure.advice()), Optional.of(next), recent, ariChoice,
                lowestAlertAnnounced);
    }

    public RenewalState withAlertAnnounced(int thresholdDays) {
        return new RenewalState(certificateNotAfter, consecutiveFailures, lastAttempt, lastError, lastAdvice,
                nextAttempt, recentAttempts, ariChoice, Optional.of(thresholdDays));
    }
}
