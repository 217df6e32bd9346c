package org.xmppcert.core.renewal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.xmppcert.core.issuance.RenewalWindow;

/**
 * A CA and installer in one, for walking through certificates' lives on a test clock: renewing
 * replaces the installed certificate with one valid from now. It can be unreachable for a while,
 * can ask for a Retry-After, and can offer renewal windows.
 */
final class FakeCa implements Renewer {

    static final String UNREACHABLE = "Could not reach the CA at https://ca.test/directory: connection refused";
    static final String UNREACHABLE_ADVICE = "Check outgoing HTTPS (firewall, proxy).";

    private final Clock clock;
    private final Map<String, ManagedCertificate> installed = new LinkedHashMap<>();
    private final List<Instant> attempts = new ArrayList<>();
    private final List<Instant[]> outages = new ArrayList<>();
    private Duration lifetime = Duration.ofDays(90);
    private Optional<Duration> retryAfter = Optional.empty();
    private Optional<Duration[]> windowAfterIssuance = Optional.empty();

    FakeCa(Clock clock) {
        this.clock = clock;
    }

    void install(ManagedCertificate certificate) {
        installed.put(certificate.id(), certificate);
    }

    Collection<ManagedCertificate> installed() {
        return List.copyOf(installed.values());
    }

    ManagedCertificate installed(String id) {
        return installed.get(id);
    }

    List<Instant> attempts() {
        return attempts;
    }

    void issuesFor(Duration validity) {
        lifetime = validity;
    }

    /** The CA cannot be reached from {@code from} (inclusive) until {@code until} (exclusive). */
    void unreachable(Instant from, Instant until) {
        outages.add(new Instant[] {from, until});
    }

    /** While unreachable, the CA's answer says when to come back. */
    void askingToRetryAfter(Duration wait) {
        retryAfter = Optional.of(wait);
    }

    /** New certificates get a renewal window this long after issuance. */
    void offersWindow(Duration start, Duration end) {
        windowAfterIssuance = Optional.of(new Duration[] {start, end});
    }

    /** The renewal window the CA offers for a certificate issued at {@code notBefore}. */
    Optional<RenewalWindow> windowFor(Instant notBefore) {
        return windowAfterIssuance.map(offsets -> new RenewalWindow(notBefore.plus(offsets[0]), notBefore.plus(offsets[1])));
    }

    @Override
    public ManagedCertificate renew(ManagedCertificate current) throws RenewalFailure {
        Instant now = clock.instant();
        attempts.add(now);
        if (outages.stream().anyMatch(outage -> !now.isBefore(outage[0]) && now.isBefore(outage[1]))) {
            throw new RenewalFailure(UNREACHABLE, UNREACHABLE_ADVICE, retryAfter.map(now::plus).orElse(null), null);
        }
        ManagedCertificate renewed = new ManagedCertificate(current.id(), current.names(), IssuanceKind.ACME, now,
                now.plus(lifetime), windowFor(now), true, false);
        install(renewed);
        return renewed;
    }
}
