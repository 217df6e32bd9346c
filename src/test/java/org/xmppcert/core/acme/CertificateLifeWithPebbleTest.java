package org.xmppcert.core.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmppcert.core.challenge.StandaloneHttp01Responder;
import org.xmppcert.core.issuance.IssuedCertificate;
import org.xmppcert.core.keys.KeyPolicy;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.core.renewal.ManagedCertificate;
import org.xmppcert.core.renewal.RenewalEvent;
import org.xmppcert.core.renewal.RenewalEvent.ExpiryWarning;
import org.xmppcert.core.renewal.RenewalEvent.Failed;
import org.xmppcert.core.renewal.RenewalEvent.Renewed;
import org.xmppcert.core.renewal.RenewalMaintenance;
import org.xmppcert.core.renewal.RenewalReason;
import org.xmppcert.core.renewal.RenewalSettings;
import org.xmppcert.testing.InMemoryRenewalStateStore;
import org.xmppcert.testing.Pebble;
import org.xmppcert.testing.TestClock;

/**
 * A certificate's whole life with a real Pebble issuing 90-day certificates, the maintenance tick
 * run by a hand-moved clock the way the scheduler runs it (each tick at the time the previous one
 * asked for): issued; renewed when a third of its life remains and installed; the CA down for
 * sixteen days, with every failure, the retry times and the 14-day warning told; the CA back and the
 * certificate renewed before it expires.
 *
 * <p>Pebble dates certificates by the real clock, so each certificate's life is walked from its own
 * notBefore: right after a renewal the clock is set to the new certificate's notBefore, which is
 * where a CA on the test's clock would have dated it. Expected times are computed from the real
 * certificates' dates.
 */
class CertificateLifeWithPebbleTest {

    private static final Duration LIFETIME = Duration.ofDays(90);
    private static final String ID = "xmpp-domain";
    private static final List<String> NAMES = List.of("xmpp.example.org", "conference.xmpp.example.org");
    /** The admin pins the key (DANE), so every renewal must keep it. */
    private static final KeyPolicy KEEP_KEY = new KeyPolicy(KeyType.EC_P256, true);
    private static final RenewalSettings SETTINGS =
            RenewalSettings.defaults(URI.create("https://xmpp.example.org:9091/plugins/certificatemanager/classic-renew.jsp"));
    /** Retry times without their random shortening, so they can be asserted exactly. */
    private static final RandomGenerator NO_JITTER = () -> 0L;
    /** The reason's start; the cause that follows is the HTTP client's ("connect", "Idle connection closed ..."). */
    private static final String UNREACHABLE = "Certificate request failed for xmpp.example.org, conference.xmpp.example.org"
            + " (network): the CA could not be reached (";

    private final List<IssuedCertificate> installed = Collections.synchronizedList(new ArrayList<>());
    private final List<RenewalEvent> events = Collections.synchronizedList(new ArrayList<>());
    private StandaloneHttp01Responder responder;
    private Pebble pebble;
    private AcmeIssuer issuer;
    private TestClock clock;
    private RenewalMaintenance maintenance;
    private Instant nextTick;

    @BeforeEach
    void startPebble() throws Exception {
        responder = StandaloneHttp01Responder.start(new InetSocketAddress("127.0.0.1", 0));
        pebble = Pebble.builder().http01Port(responder.address().getPort()).certificateValidityPeriod(LIFETIME).start();
        issuer = Engines.http01(pebble, responder);
    }

    @AfterEach
    void stopPebble() {
        issuer.close();
        pebble.close();
        responder.close();
    }

    @Test
    void issuedRenewedAtTwoThirdsRetriedThroughAnOutageAndRenewedBeforeExpiry() throws Exception {
        IssuedCertificate first = issuer.issue(NAMES, KEEP_KEY, Optional.empty());
        installed.add(first);
        assertEquals(LIFETIME.minusSeconds(1), Duration.between(first.notBefore(), first.notAfter()),
                "Pebble's configured validity, notAfter being its last second (RFC 5280)");
        clock = new TestClock(first.notBefore());
        AcmeRenewer renewer = new AcmeRenewer(issuer, KEEP_KEY, current -> Optional.of(inService().keyPair()),
                ManagedCertificate::names,
                (id, issued) -> installed.add(issued));
        maintenance = new RenewalMaintenance(SETTINGS, new InMemoryRenewalStateStore(), renewer, events::add, clock,
                NO_JITTER);
        nextTick = clock.instant();

        // Renewal window reached: nothing happens before the renewal point, and the scheduler is asked back at it.
        Instant firstRenewal = thirdOfLifetimeLeft(first);
        tickWhileNextIsBefore(firstRenewal);
        assertEquals(List.of(), events);
        assertEquals(firstRenewal, nextTick, "the tick before asks to be run again exactly at the renewal point");
        clock.set(firstRenewal.minusSeconds(1));
        assertEquals(firstRenewal, maintenance.check(List.of(managed(inService()))));
        assertEquals(List.of(), events, "a second before the renewal point");

        // Renewed for real at Pebble and installed.
        clock.set(firstRenewal);
        maintenance.check(List.of(managed(inService())));
        IssuedCertificate second = inService();
        assertEquals(2, installed.size());
        assertEquals(List.of(new Renewed(ID, NAMES, firstRenewal, RenewalReason.LIFETIME, Optional.empty(),
                second.notAfter())), events);
        assertEquals(first.leaf().getPublicKey(), second.leaf().getPublicKey(), "the pinned key is kept");
        assertNotEquals(first.leaf().getSerialNumber(), second.leaf().getSerialNumber(), "a new certificate");

        // The CA is unreachable from before the second certificate's renewal point.
        events.clear();
        clock.set(second.notBefore());
        nextTick = clock.instant();
        Instant renewal = thirdOfLifetimeLeft(second);
        tickWhileNextIsBefore(renewal);
        assertEquals(List.of(), events);
        pebble.stop();
        Instant fourteenDaysLeft = second.notAfter().minus(Duration.ofDays(14));
        tickWhileNextIsBefore(fourteenDaysLeft.plus(SETTINGS.checkInterval()));

        // The CA is back (with no memory of the account: the engine registers again); the next attempt
        // renews, 13 days before expiry.
        pebble.resume();
        tickWhileNextIsBefore(second.notAfter());
        IssuedCertificate third = inService();
        assertEquals(3, installed.size());
        List<String> reasons = events.stream().filter(Failed.class::isInstance).map(e -> ((Failed) e).reason()).toList();
        assertEquals(24, reasons.size(), "failed attempts in the 16 days 19 hours without the CA");
        assertTrue(reasons.stream().allMatch(reason -> reason.startsWith(UNREACHABLE)), reasons.toString());
        assertEquals(expectedOutageEvents(renewal, second.notAfter(), third.notAfter(), reasons), events);
        assertEquals(second.leaf().getPublicKey(), third.leaf().getPublicKey(), "the pinned key is kept");
    }

    /**
     * Attempts from the renewal point: the wait doubles from 5 minutes (5, 10, 20 ...), except that
     * after three attempts within an hour the fourth waits until an hour after the first (0, 5, 15,
     * then 60 rather than 35 minutes); from 1 day 19 hours on the wait is capped at a day. Between attempts the tick runs every 6 hours, so the 14-day
     * warning comes with the first tick at or after 14 days before expiry: 16 days 1 hour in. The
     * attempt at 16 days 19 hours finds the CA back. The warning repeats the last failure's reason.
     */
    private static List<RenewalEvent> expectedOutageEvents(Instant renewal, Instant notAfter, Instant renewedNotAfter,
                                                           List<String> reasons) {
        List<Duration> attempts = new ArrayList<>(List.of(Duration.ZERO, minutes(5), minutes(15), minutes(60),
                minutes(100), minutes(180), minutes(340), minutes(660), minutes(1300)));
        for (Duration capped = Duration.ofDays(1).plusHours(19); capped.compareTo(Duration.ofDays(16)) < 0;
             capped = capped.plusDays(1)) {
            attempts.add(capped);
        }
        Duration renewed = Duration.ofDays(16).plusHours(19);
        attempts.add(renewed);
        String advice = IssuanceProblem.NETWORK.advice();
        List<RenewalEvent> expected = new ArrayList<>();
        for (int failure = 1; failure < attempts.size(); failure++) {
            expected.add(new Failed(ID, NAMES, renewal.plus(attempts.get(failure - 1)), reasons.get(failure - 1), advice, failure,
                    renewal.plus(attempts.get(failure)), notAfter));
        }
        expected.add(new ExpiryWarning(ID, NAMES, renewal.plus(Duration.ofDays(16).plusHours(1)), 14, notAfter,
                reasons.get(reasons.size() - 1), advice));
        expected.add(new Renewed(ID, NAMES, renewal.plus(renewed), RenewalReason.LIFETIME, Optional.empty(),
                renewedNotAfter));
        return expected;
    }

    /**
     * Runs the ticks the scheduler would, each at the time the one before asked for, while that
     * time is before {@code end} and no new certificate has been installed (a new one starts a new life).
     */
    private void tickWhileNextIsBefore(Instant end) throws InterruptedException {
        int installedBefore = installed.size();
        while (nextTick.isBefore(end) && installed.size() == installedBefore) {
            clock.set(nextTick);
            nextTick = maintenance.check(List.of(managed(inService())));
        }
    }

    private static Instant thirdOfLifetimeLeft(IssuedCertificate certificate) {
        return certificate.notAfter().minus(Duration.between(certificate.notBefore(), certificate.notAfter()).dividedBy(3));
    }

    private IssuedCertificate inService() {
        return installed.get(installed.size() - 1);
    }

    private static ManagedCertificate managed(IssuedCertificate certificate) {
        return ManagedCertificate.issuedByAcme(ID, certificate);
    }

    private static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }
}
