package org.xmppcert.core.tlscheck;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.xmppcert.core.tlscheck.EndpointResult.Verdict;

/**
 * Confirms with real TLS handshakes that each listener presents a given certificate.
 *
 * <p>A listener may lag behind an install for a moment (an HTTP server restarting, a listener
 * reconfiguring), so each listener is retried with doubling pauses until it presents the expected
 * certificate or one shared deadline passes. The deadline bounds the whole check, not each listener,
 * so an install never waits longer than {@code patience} in total for its verdict.
 */
public final class HandshakeCheck {

    /** Per-handshake cap, so one silent listener cannot eat the others' share of the deadline. */
    private static final Duration MAX_ATTEMPT = Duration.ofSeconds(5);
    private static final Duration MIN_ATTEMPT = Duration.ofSeconds(1);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(2);

    private final PresentedCertificateProbe probe;
    private final Duration patience;
    private final Duration firstPause;

    /**
     * @param probe      makes the handshakes
     * @param patience   how long, in total, listeners may take to present the certificate
     * @param firstPause pause after the first miss; doubles after each further miss, up to 2 s
     */
    public HandshakeCheck(PresentedCertificateProbe probe, Duration patience, Duration firstPause) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.patience = requirePositive(patience, "patience");
        this.firstPause = requirePositive(firstPause, "firstPause");
    }

    public HandshakeReport expect(X509Certificate expectedLeaf, List<TlsEndpoint> endpoints) {
        return expect(expectedLeaf, endpoints, List.of());
    }

    /**
     * Checks every listener except those that were already unreachable before the install (from
     * {@link #unreachable}): those cannot be the install's doing, so waiting for them would only
     * spend the whole patience and then roll back a certificate that works everywhere it can.
     */
    public HandshakeReport expect(X509Certificate expectedLeaf, List<TlsEndpoint> endpoints,
                                  List<EndpointResult> unreachableBefore) {
        String expected = CertificateFingerprint.sha256(expectedLeaf);
        List<TlsEndpoint> skipped = unreachableBefore.stream().map(EndpointResult::endpoint).toList();
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        List<EndpointResult> results = new ArrayList<>(endpoints.size());
        for (TlsEndpoint endpoint : endpoints) {
            if (!skipped.contains(endpoint)) {
                results.add(awaitOne(endpoint, expected, deadline));
            }
        }
        return new HandshakeReport(expected, results, unreachableBefore, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * One handshake with each listener, before anything changes, with no retry: the listeners that
     * answer no handshake at all now (stopped, bound elsewhere, refusing TLS).
     */
    public List<EndpointResult> unreachable(List<TlsEndpoint> endpoints) {
        List<EndpointResult> unreachable = new ArrayList<>();
        for (TlsEndpoint endpoint : endpoints) {
            EndpointResult result = attempt(endpoint, null, System.nanoTime() + MAX_ATTEMPT.toNanos(), 1);
            if (result.verdict() == Verdict.UNREACHABLE) {
                unreachable.add(result);
            }
        }
        return unreachable;
    }

    private EndpointResult awaitOne(TlsEndpoint endpoint, String expected, long deadline) {
        Duration pause = firstPause;
        int attempts = 0;
        while (true) {
            attempts++;
            EndpointResult result = attempt(endpoint, expected, deadline, attempts);
            Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
            // No retry that could not finish before the deadline: the last full answer is the verdict.
            if (result.passed() || remaining.compareTo(pause) <= 0) {
                return result;
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result;
            }
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
    }

    private EndpointResult attempt(TlsEndpoint endpoint, String expected, long deadline, int attempts) {
        // Even past the deadline each listener gets one handshake with a fair timeout.
        Duration remaining = Duration.ofNanos(Math.max(deadline - System.nanoTime(), MIN_ATTEMPT.toNanos()));
        Duration timeout = remaining.compareTo(MAX_ATTEMPT) < 0 ? remaining : MAX_ATTEMPT;
        try {
            String presented = CertificateFingerprint.sha256(probe.presentedLeaf(endpoint, timeout));
            Verdict verdict = presented.equals(expected) ? Verdict.PRESENTS_EXPECTED : Verdict.PRESENTS_OTHER;
            return new EndpointResult(endpoint, verdict, presented, null, attempts);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new EndpointResult(endpoint, Verdict.UNREACHABLE, null, why, attempts);
        }
    }

    private static Duration requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
        return duration;
    }
}
