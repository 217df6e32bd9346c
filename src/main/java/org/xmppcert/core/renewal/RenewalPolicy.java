package org.xmppcert.core.renewal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.xmppcert.core.issuance.RenewalWindow;

/**
 * Decides when a certificate is to be renewed. In order of precedence:
 * <ol>
 * <li>at once when it is revoked, no longer covers the server's names, or has expired: the server
 *     is presenting a certificate peers will (or soon will) refuse;</li>
 * <li>at a random moment inside the CA's renewal window (RFC 9773) when the CA offers one: the CA
 *     knows best, moves the window earlier before a mass revocation, and spreads its load by the
 *     randomness. The moment is drawn once per window and kept (see {@link AriChoice}); a window
 *     already past, or a moment drawn in the past, means now;</li>
 * <li>otherwise when a third of the lifetime remains: 30 days of a 90-day certificate, 2 days of a
 *     6-day one. That leaves time for ten days of failures on the former and a day on the latter
 *     before the admins must act.</li>
 * </ol>
 * A window reaching past the certificate's expiry is a CA mistake and is ignored, so renewal is
 * never scheduled after the certificate has expired.
 */
public final class RenewalPolicy {

    private final Clock clock;
    private final RandomGenerator random;

    public RenewalPolicy(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    /**
     * @param previous the moment drawn at an earlier check, kept if the CA's window has not moved
     */
    public RenewalDecision decide(ManagedCertificate certificate, Optional<AriChoice> previous) {
        Instant now = clock.instant();
        if (certificate.revoked()) {
            return dueNow(now, RenewalReason.REVOKED, Optional.empty());
        }
        if (!certificate.coversRequiredNames()) {
            return dueNow(now, RenewalReason.NAMES_NOT_COVERED, Optional.empty());
        }
        if (!now.isBefore(certificate.notAfter())) {
            return dueNow(now, RenewalReason.EXPIRED, Optional.empty());
        }
        Optional<AriChoice> choice = certificate.ariWindow()
                .filter(window -> window.end().isBefore(certificate.notAfter()))
                .map(window -> previous.filter(kept -> kept.drawnFor(window)).orElseGet(() -> draw(window)));
        if (choice.isPresent()) {
            return at(now, choice.get().moment(), RenewalReason.ARI_WINDOW, choice);
        }
        Instant thirdLeft = certificate.notAfter().minus(certificate.lifetime().dividedBy(3));
        return at(now, thirdLeft, RenewalReason.LIFETIME, Optional.empty());
    }

    /**
     * When renewal of {@code certificate} will next be attempted, for the admins to see: now if it
     * is due, else the moment {@link #decide} names; while a failed attempt waits for its retry,
     * not before that retry. Empty for classic-CA certificates, which are never renewed automatically.
     *
     * @param state what the renewal check remembers about this certificate, if anything
     */
    public Optional<Instant> nextRenewal(ManagedCertificate certificate, Optional<RenewalState> state) {
        if (certificate.kind() == IssuanceKind.CLASSIC) {
            return Optional.empty();
        }
        Instant decided = decide(certificate, state.flatMap(RenewalState::ariChoice)).at();
        Optional<Instant> retry = state.flatMap(RenewalState::nextAttempt).filter(decided::isBefore);
        return Optional.of(retry.orElse(decided));
    }

    private AriChoice draw(RenewalWindow window) {
        long spanMillis = Duration.between(window.start(), window.end()).toMillis();
        Instant moment = window.start().plusMillis(random.nextLong(spanMillis + 1));
        return new AriChoice(window.start(), window.end(), moment);
    }

    private static RenewalDecision at(Instant now, Instant moment, RenewalReason reason, Optional<AriChoice> choice) {
        return moment.isAfter(now) ? new RenewalDecision(false, moment, reason, choice) : dueNow(now, reason, choice);
    }

    private static RenewalDecision dueNow(Instant now, RenewalReason reason, Optional<AriChoice> choice) {
        return new RenewalDecision(true, now, reason, choice);
    }
}
