package org.xmppcert.core.renewal;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppcert.core.issuance.RenewalWindow;

/**
 * Keeps the managed certificates renewed: the body of the scheduler's tick. For each certificate it
 * decides ({@link RenewalPolicy}), renews through the {@link Renewer} when due and allowed
 * ({@link RetrySchedule}), remembers the outcome ({@link RenewalStateStore}) and tells the admins
 * ({@link RenewalListener}): each failure, a persistent failure at each {@link ExpiryAlerts expiry
 * threshold}, each renewal, and for classic-CA certificates a reminder at each threshold.
 *
 * <p>It has no thread of its own; the caller runs {@link #check(Collection)} on a timer, at the
 * latest one check interval apart and earlier when the previous tick asks. A certificate being
 * renewed when another tick (or a manual check) reaches it is skipped, never renewed twice at once.
 *
 * <p>Before deciding on an ACME certificate it asks the {@link RenewalInfoSource} for the CA's
 * current renewal window; when the CA offers none or cannot be reached, the window known so far
 * (from issuance or an earlier check) stays, so a network failure never stops the check.
 *
 * <p>The state is saved before events are emitted: a crash in between loses a message rather than
 * sending it twice.
 */
public final class RenewalMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(RenewalMaintenance.class);

    private final RenewalSettings settings;
    private final RenewalStateStore states;
    private final Renewer renewer;
    private final RenewalInfoSource renewalInfo;
    private final RenewalListener listener;
    private final Clock clock;
    private final RenewalPolicy policy;
    private final RetrySchedule retries;
    private final ExpiryAlerts alerts;
    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();

    /** For CAs without renewal information. */
    public RenewalMaintenance(RenewalSettings settings, RenewalStateStore states, Renewer renewer,
                              RenewalListener listener, Clock clock, RandomGenerator random) {
        this(settings, states, renewer, RenewalInfoSource.NONE, listener, clock, random);
    }

    public RenewalMaintenance(RenewalSettings settings, RenewalStateStore states, Renewer renewer,
                              RenewalInfoSource renewalInfo, RenewalListener listener, Clock clock,
                              RandomGenerator random) {
        this.settings = settings;
        this.states = states;
        this.renewer = renewer;
        this.renewalInfo = renewalInfo;
        this.listener = listener;
        this.clock = clock;
        this.policy = new RenewalPolicy(clock, random);
        this.retries = new RetrySchedule(settings, random);
        this.alerts = new ExpiryAlerts(settings.alertDays());
    }

    /**
     * One tick: checks every certificate, renewing those that are due.
     *
     * @param certificates the managed certificates as installed now (a renewed one is recognised by
     *                     its new expiry, so stale facts would have it renewed again)
     * @return when the next tick is wanted: when the next renewal or retry falls due, at the latest
     *         one check interval from now
     */
    public Instant check(Collection<ManagedCertificate> certificates) throws InterruptedException {
        Instant next = clock.instant().plus(settings.checkInterval());
        for (ManagedCertificate certificate : certificates) {
            Instant wanted = check(certificate);
            if (wanted.isBefore(next)) {
                next = wanted;
            }
        }
        return next;
    }

    /**
     * Checks one certificate, renewing it if due; skipped if it is being renewed right now.
     *
     * @return when it next needs looking at
     */
    public Instant check(ManagedCertificate certificate) throws InterruptedException {
        if (!inProgress.add(certificate.id())) {
            return clock.instant().plus(settings.checkInterval());
        }
        try {
            RenewalState state = states.load(certificate.id())
                    .filter(saved -> saved.isAbout(certificate))
                    .orElseGet(() -> RenewalState.fresh(certificate.notAfter()));
            return certificate.kind() == IssuanceKind.CLASSIC ? remind(certificate, state) : maintain(certificate, state);
        } finally {
            inProgress.remove(certificate.id());
        }
    }

    private Instant maintain(ManagedCertificate known, RenewalState state) throws InterruptedException {
        Instant now = clock.instant();
        ManagedCertificate certificate = withCurrentWindow(known);
        RenewalDecision decision = policy.decide(certificate, state.ariChoice());
        state = state.withAriChoice(decision.ariChoice());
        if (!decision.due()) {
            states.save(certificate.id(), state);
            return decision.at();
        }
        Optional<Instant> backingOff = state.nextAttempt().filter(now::isBefore);
        if (backingOff.isPresent()) {
            List<RenewalEvent> events = new ArrayList<>();
            states.save(certificate.id(), warnIfExpiring(certificate, state, events));
            events.forEach(this::emit);
            return backingOff.get();
        }
        return renew(certificate, state, decision);
    }

    private ManagedCertificate withCurrentWindow(ManagedCertificate certificate) {
        try {
            return renewalInfo.currentWindow(certificate).map(certificate::withAriWindow).orElse(certificate);
        } catch (RuntimeException e) {
            LOG.warn("The CA's renewal window for {} could not be read; keeping the one known so far",
                    certificate.names(), e);
            return certificate;
        }
    }

    private Instant renew(ManagedCertificate certificate, RenewalState state, RenewalDecision decision)
            throws InterruptedException {
        Instant attempted = clock.instant();
        List<Instant> recentAttempts = new ArrayList<>(RetrySchedule.withinLastHour(state.recentAttempts(), attempted));
        recentAttempts.add(attempted);
        ManagedCertificate renewed;
        try {
            renewed = renewer.renew(certificate);
        } catch (RenewalFailure failure) {
            return failed(certificate, state, attempted, recentAttempts, failure);
        } catch (RuntimeException bug) {
            LOG.error("Renewing the certificate for {} failed unexpectedly", certificate.names(), bug);
            return failed(certificate, state, attempted, recentAttempts, new RenewalFailure(
                    "Renewing the certificate for " + String.join(", ", certificate.names())
                            + " failed unexpectedly: " + bug,
                    "This is a fault in the plugin; the server log has the details. The current certificate stays installed.",
                    null, bug));
        }
        states.save(certificate.id(), RenewalState.fresh(renewed.notAfter()));
        emit(new RenewalEvent.Renewed(certificate.id(), certificate.names(), clock.instant(), decision.reason(),
                explanation(certificate, decision), renewed.notAfter()));
        return clock.instant().plus(settings.checkInterval());
    }

    /** The CA's explanation of its window, worth passing on when the window made us renew. */
    private static Optional<URI> explanation(ManagedCertificate certificate, RenewalDecision decision) {
        return decision.reason() == RenewalReason.ARI_WINDOW
                ? certificate.ariWindow().flatMap(RenewalWindow::explanation) : Optional.empty();
    }

    private Instant failed(ManagedCertificate certificate, RenewalState state, Instant attempted,
                           List<Instant> recentAttempts, RenewalFailure failure) {
        Instant now = clock.instant();
        int failures = state.consecutiveFailures() + 1;
        Instant next = retries.nextAttempt(failures, now, certificate.notAfter(), recentAttempts, failure.retryAfter());
        LOG.warn("Renewal of the certificate for {} failed ({} in a row), next attempt at {}: {}",
                certificate.names(), failures, next, failure.reason());
        List<RenewalEvent> events = new ArrayList<>();
        events.add(new RenewalEvent.Failed(certificate.id(), certificate.names(), now, failure.reason(),
                failure.advice(), failures, next, certificate.notAfter()));
        RenewalState failedState = state.afterFailure(attempted, failure, next, recentAttempts);
        states.save(certificate.id(), warnIfExpiring(certificate, failedState, events));
        events.forEach(this::emit);
        return next;
    }

    /** While renewal keeps failing, the admins hear once of each expiry threshold crossed. */
    private RenewalState warnIfExpiring(ManagedCertificate certificate, RenewalState state, List<RenewalEvent> events) {
        Instant now = clock.instant();
        Optional<Integer> threshold = alerts.due(now, certificate.notAfter(), state.lowestAlertAnnounced());
        if (!state.failing() || threshold.isEmpty()) {
            return state;
        }
        events.add(new RenewalEvent.ExpiryWarning(certificate.id(), certificate.names(), now, threshold.get(),
                certificate.notAfter(), state.lastError().orElseThrow(), state.lastAdvice().orElseThrow()));
        return state.withAlertAnnounced(threshold.get());
    }

    /** A classic-CA certificate cannot renew itself: the admins are reminded once at each threshold. */
    private Instant remind(ManagedCertificate certificate, RenewalState state) {
        Instant now = clock.instant();
        Optional<Integer> threshold = alerts.due(now, certificate.notAfter(), state.lowestAlertAnnounced());
        if (threshold.isPresent()) {
            states.save(certificate.id(), state.withAlertAnnounced(threshold.get()));
            emit(new RenewalEvent.ClassicReminder(certificate.id(), certificate.names(), now, threshold.get(),
                    certificate.notAfter(), settings.classicWizard()));
        }
        return now.plus(settings.checkInterval());
    }

    private void emit(RenewalEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.error("Telling the admins of {} failed", event, e);
        }
    }
}
