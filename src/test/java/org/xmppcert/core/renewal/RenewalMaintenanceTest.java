package org.xmppcert.core.renewal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.xmppcert.core.issuance.RenewalWindow;
import org.xmppcert.core.renewal.RenewalEvent.ClassicReminder;
import org.xmppcert.core.renewal.RenewalEvent.ExpiryWarning;
import org.xmppcert.core.renewal.RenewalEvent.Failed;
import org.xmppcert.core.renewal.RenewalEvent.Renewed;
import org.xmppcert.testing.InMemoryRenewalStateStore;
import org.xmppcert.testing.TestClock;

class RenewalMaintenanceTest {

    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final URI WIZARD = URI.create("https://xmpp.example.org:9091/plugins/certificatemanager/classic-renew.jsp");
    private static final Duration CHECK_INTERVAL = Duration.ofHours(6);
    private static final String ID = "xmpp-domain";
    private static final List<String> NAMES = List.of("example.org", "conference.example.org");

    private final TestClock clock = new TestClock(ISSUED);
    private final FakeCa ca = new FakeCa(clock);
    private final List<RenewalEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final InMemoryRenewalStateStore states = new InMemoryRenewalStateStore();
    private final RenewalMaintenance maintenance = maintenance(ca);

    @Test
    void ninetyDayCertificateIsRenewedOnDaySixty() throws InterruptedException {
        ca.install(acme(Duration.ofDays(90)));

        runUntil(day(61));

        assertEquals(List.of(day(60)), ca.attempts());
        assertEquals(List.of(new Renewed(ID, NAMES, day(60), RenewalReason.LIFETIME, Optional.empty(), day(150))), events);
    }

    @Test
    void sixDayCertificateIsRenewedOnDayFour() throws InterruptedException {
        ca.issuesFor(Duration.ofDays(6));
        ca.install(acme(Duration.ofDays(6)));

        runUntil(day(5));

        assertEquals(List.of(day(4)), ca.attempts());
        assertEquals(List.of(new Renewed(ID, NAMES, day(4), RenewalReason.LIFETIME, Optional.empty(), day(10))), events);
    }

    @Test
    void revokedCertificateIsRenewedAtTheNextCheck() throws InterruptedException {
        ca.install(acme(Duration.ofDays(90)));
        runUntil(day(10));

        ca.install(ca.installed(ID).withRevoked(true));
        maintenance.check(ca.installed());

        assertEquals(List.of(new Renewed(ID, NAMES, day(10), RenewalReason.REVOKED, Optional.empty(), day(100))), events);
    }

    @Test
    void windowMovedToThePastRenewsAtOnceAndPassesOnTheCasExplanation() throws InterruptedException {
        URI explanation = URI.create("https://ca.test/incidents/2026-01-20");
        ca.install(acme(Duration.ofDays(90)));
        runUntil(day(20));

        ca.install(ca.installed(ID).withAriWindow(new RenewalWindow(day(19), day(19), Optional.of(explanation))));
        maintenance.check(ca.installed());

        assertEquals(List.of(new Renewed(ID, NAMES, day(20), RenewalReason.ARI_WINDOW, Optional.of(explanation), day(110))),
                events);
    }

    @Test
    void whileFailingTheAdminsHearOfEachThresholdOnceAndOfEveryFailure() throws InterruptedException {
        ca.install(acme(Duration.ofDays(90)));
        ca.unreachable(ISSUED, day(1000));

        runUntil(day(95));

        List<ExpiryWarning> warnings = only(ExpiryWarning.class);
        assertEquals(List.of(14, 7, 3, 1), warnings.stream().map(ExpiryWarning::thresholdDays).toList());
        for (ExpiryWarning warning : warnings) {
            Instant crossed = day(90).minus(Duration.ofDays(warning.thresholdDays()));
            assertFalse(warning.at().isBefore(crossed), warning.toString());
            assertFalse(warning.at().isAfter(crossed.plus(CHECK_INTERVAL)), "announced late: " + warning);
            assertEquals(FakeCa.UNREACHABLE, warning.lastError());
            assertEquals(FakeCa.UNREACHABLE_ADVICE, warning.advice());
        }
        List<Failed> failures = only(Failed.class);
        assertEquals(ca.attempts().size(), failures.size());
        assertEquals(ca.attempts(), failures.stream().map(Failed::at).toList());
        assertEquals(FakeCa.UNREACHABLE_ADVICE, failures.get(0).advice());
        assertTrue(only(Renewed.class).isEmpty());
    }

    @Test
    void aFailingRenewalNeverHammersTheCaYetKeepsTryingToTheEnd() throws InterruptedException {
        ca.install(acme(Duration.ofDays(90)));
        ca.unreachable(ISSUED, day(1000));

        runUntil(day(90));

        List<Instant> attempts = ca.attempts();
        for (int i = 3; i < attempts.size(); i++) {
            assertFalse(attempts.get(i).isBefore(attempts.get(i - 3).plus(Duration.ofHours(1))),
                    "four attempts within an hour, ending " + attempts.get(i));
        }
        for (int i = 1; i < attempts.size(); i++) {
            Duration gap = Duration.between(attempts.get(i - 1), attempts.get(i));
            assertFalse(gap.compareTo(Duration.ofDays(1)) > 0, "waited " + gap + " before " + attempts.get(i));
            if (!attempts.get(i - 1).isBefore(day(89))) {
                assertFalse(gap.compareTo(Duration.ofHours(1)) > 0, "in the last day, waited " + gap);
            }
        }
        assertFalse(attempts.get(attempts.size() - 1).isBefore(day(90).minus(Duration.ofHours(1))),
                "last attempt " + attempts.get(attempts.size() - 1));
        // Thirty failing days: about ten attempts in the first day, one a day, then hourly in the last day.
        assertTrue(attempts.size() < 70, attempts.size() + " attempts");
    }

    @Test
    void theCasRetryAfterIsWhenTheNextAttemptHappens() throws InterruptedException {
        ca.install(acme(Duration.ofDays(90)));
        ca.unreachable(day(60), day(60).plus(Duration.ofHours(1)));
        ca.askingToRetryAfter(Duration.ofHours(7));

        runUntil(day(61));

        assertEquals(List.of(day(60), day(60).plusSeconds(7 * 3600)), ca.attempts());
        assertEquals(day(60).plusSeconds(7 * 3600), only(Failed.class).get(0).nextAttempt());
    }

    @Test
    void afterARenewalTheNewCertificateStartsWithNoAlertsAndNoFailures() throws InterruptedException {
        ca.install(acme(Duration.ofDays(90)));
        ca.unreachable(day(60), day(80));

        runUntil(day(130));

        assertEquals(List.of(14), only(ExpiryWarning.class).stream().map(ExpiryWarning::thresholdDays).toList());
        Renewed renewed = only(Renewed.class).get(0);
        assertFalse(renewed.at().isBefore(day(80)) || renewed.at().isAfter(day(81)), renewed.toString());
        assertEquals(RenewalState.fresh(renewed.newNotAfter()), states.load(ID).orElseThrow().withAriChoice(Optional.empty()));
        assertEquals(renewed, events.get(events.size() - 1), "nothing after the renewal");
    }

    @Test
    void classicCertificateGetsOneReminderPerThresholdAndIsNeverRenewedByItself() throws InterruptedException {
        ca.install(ManagedCertificate.of(ID, NAMES, IssuanceKind.CLASSIC, ISSUED, day(365)));

        runUntil(day(370));

        List<ClassicReminder> reminders = only(ClassicReminder.class);
        assertEquals(events, reminders);
        assertEquals(List.of(14, 7, 3, 1), reminders.stream().map(ClassicReminder::thresholdDays).toList());
        for (ClassicReminder reminder : reminders) {
            Instant crossed = day(365).minus(Duration.ofDays(reminder.thresholdDays()));
            assertFalse(reminder.at().isBefore(crossed) || reminder.at().isAfter(crossed.plus(CHECK_INTERVAL)),
                    reminder.toString());
            assertEquals(WIZARD, reminder.wizard());
            assertEquals(day(365), reminder.notAfter());
        }
        assertTrue(ca.attempts().isEmpty());
    }

    @Test
    void classicCertificateReplacedByHandStartsItsRemindersAfresh() throws InterruptedException {
        ca.install(ManagedCertificate.of(ID, NAMES, IssuanceKind.CLASSIC, ISSUED, day(365)));
        runUntil(day(360));
        ca.install(ManagedCertificate.of(ID, NAMES, IssuanceKind.CLASSIC, day(360), day(725)));
        events.clear();

        runUntil(day(720));

        assertEquals(List.of(14, 7), only(ClassicReminder.class).stream().map(ClassicReminder::thresholdDays).toList());
        assertEquals(day(725), only(ClassicReminder.class).get(0).notAfter());
    }

    @Test
    void aTickArrivingDuringARenewalLeavesItAlone() throws Exception {
        CountDownLatch renewing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        FakeCa slowCa = new FakeCa(clock);
        RenewalMaintenance slow = maintenance(current -> {
            calls.incrementAndGet();
            renewing.countDown();
            release.await();
            return slowCa.renew(current);
        });
        ManagedCertificate due = acme(Duration.ofDays(90));
        clock.set(day(60));
        Thread firstTick = new Thread(() -> {
            try {
                slow.check(List.of(due));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        firstTick.start();
        assertTrue(renewing.await(10, TimeUnit.SECONDS));

        Instant nextWanted = slow.check(List.of(due));
        release.countDown();
        firstTick.join(10_000);

        assertEquals(1, calls.get());
        assertEquals(day(60).plus(CHECK_INTERVAL), nextWanted);
        assertEquals(1, only(Renewed.class).size());
    }

    @Test
    void anUnexpectedErrorInTheRenewerIsReportedAndRetriedLikeAnyFailure() throws InterruptedException {
        RenewalMaintenance broken = maintenance(current -> {
            throw new IllegalStateException("key store is read-only");
        });
        clock.set(day(60));

        Instant next = broken.check(List.of(acme(Duration.ofDays(90))));

        Failed failed = only(Failed.class).get(0);
        assertTrue(failed.reason().contains("key store is read-only"), failed.reason());
        assertTrue(failed.advice().contains("current certificate stays installed"), failed.advice());
        assertEquals(next, failed.nextAttempt());
        assertBetween(Duration.ofSeconds(270), Duration.ofMinutes(5), Duration.between(day(60), next));
    }

    @Test
    void aListenerFailingDoesNotKeepOtherCertificatesFromRenewal() throws InterruptedException {
        ManagedCertificate first = acme(Duration.ofDays(90));
        ManagedCertificate second = ManagedCertificate.of("component", List.of("upload.example.org"),
                IssuanceKind.ACME, ISSUED, day(90));
        ca.install(first);
        ca.install(second);
        RenewalMaintenance withBrokenMail = new RenewalMaintenance(settings(), states, ca, event -> {
            events.add(event);
            throw new IllegalStateException("mail server down");
        }, clock, new Random(3));
        clock.set(day(60));

        withBrokenMail.check(ca.installed());

        assertEquals(2, only(Renewed.class).size());
    }

    /**
     * A certificate's whole life: issued; its window reached and renewed; the next one's window
     * reached while the CA is unreachable for 19 days; renewed when the CA is back, before expiry.
     */
    @Test
    void wholeLifeWithAnOutage() throws InterruptedException {
        ca.offersWindow(Duration.ofDays(60), Duration.ofDays(62));
        ca.install(acme(Duration.ofDays(90)).withAriWindow(ca.windowFor(ISSUED).orElseThrow()));

        // Issued: the first check picks the moment in the window, and every later check keeps it.
        maintenance.check(ca.installed());
        Instant firstMoment = states.load(ID).orElseThrow().ariChoice().orElseThrow().moment();
        assertInside(day(60), day(62), firstMoment);
        runUntil(firstMoment);
        assertTrue(events.isEmpty());
        assertEquals(firstMoment, states.load(ID).orElseThrow().ariChoice().orElseThrow().moment());

        // Window reached: renewed and installed at that very moment.
        maintenance.check(ca.installed());
        assertEquals(List.of(new Renewed(ID, NAMES, firstMoment, RenewalReason.ARI_WINDOW, Optional.empty(),
                firstMoment.plus(Duration.ofDays(90)))), events);
        Instant secondIssued = firstMoment;
        Instant secondExpiry = secondIssued.plus(Duration.ofDays(90));

        // The CA goes away before the second certificate's window and stays away 19 days.
        Instant caBack = secondIssued.plus(Duration.ofDays(78));
        ca.unreachable(secondIssued.plus(Duration.ofDays(59)), caBack);
        runUntil(secondIssued.plus(Duration.ofDays(100)));

        List<Instant> attempts = ca.attempts().subList(1, ca.attempts().size());
        Instant firstFailure = attempts.get(0);
        assertInside(secondIssued.plus(Duration.ofDays(60)), secondIssued.plus(Duration.ofDays(62)), firstFailure);
        assertBetween(Duration.ofSeconds(270), Duration.ofMinutes(5), Duration.between(firstFailure, attempts.get(1)));
        assertBetween(Duration.ofMinutes(9), Duration.ofMinutes(10), Duration.between(attempts.get(1), attempts.get(2)));
        assertEquals(firstFailure.plus(Duration.ofHours(1)), attempts.get(3), "a fourth attempt waits for the hour to end");

        List<Failed> failures = only(Failed.class);
        assertEquals(attempts.size() - 1, failures.size());
        assertTrue(failures.stream().allMatch(failure -> failure.at().isBefore(caBack)));
        assertEquals(countingFrom(1, failures.size()), failures.stream().map(Failed::consecutiveFailures).toList());

        List<ExpiryWarning> warnings = only(ExpiryWarning.class);
        assertEquals(1, warnings.size());
        assertEquals(14, warnings.get(0).thresholdDays());
        assertInside(secondExpiry.minus(Duration.ofDays(14)), secondExpiry.minus(Duration.ofDays(14)).plus(CHECK_INTERVAL),
                warnings.get(0).at());

        // Back: renewed at the first attempt after the CA returns, at most a day later, long before expiry.
        List<Renewed> renewals = only(Renewed.class);
        assertEquals(2, renewals.size());
        Renewed afterOutage = renewals.get(1);
        assertEquals(attempts.get(attempts.size() - 1), afterOutage.at());
        assertInside(caBack, caBack.plus(Duration.ofDays(1)), afterOutage.at());
        assertEquals(afterOutage.at().plus(Duration.ofDays(90)), ca.installed(ID).notAfter());
        assertEquals(events.get(events.size() - 1), afterOutage, "nothing after the renewal");
    }

    private RenewalMaintenance maintenance(Renewer renewer) {
        return new RenewalMaintenance(settings(), states, renewer, events::add, clock, new Random(3));
    }

    private static RenewalSettings settings() {
        return RenewalSettings.defaults(WIZARD);
    }

    /** Runs the scheduler as the plugin does: each tick at the time the previous one asked for. */
    private void runUntil(Instant end) throws InterruptedException {
        while (clock.instant().isBefore(end)) {
            Instant next = maintenance.check(ca.installed());
            if (!next.isAfter(clock.instant())) {
                fail("the next tick must lie in the future, was " + next + " at " + clock.instant());
            }
            clock.set(next.isBefore(end) ? next : end);
        }
    }

    private <T extends RenewalEvent> List<T> only(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<Integer> countingFrom(int from, int to) {
        List<Integer> numbers = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            numbers.add(n);
        }
        return numbers;
    }

    private static void assertInside(Instant start, Instant end, Instant actual) {
        assertFalse(actual.isBefore(start) || actual.isAfter(end), actual + " is not within " + start + " to " + end);
    }

    private static void assertBetween(Duration least, Duration most, Duration actual) {
        assertFalse(actual.compareTo(least) < 0 || actual.compareTo(most) > 0, actual + " is not within " + least + " to " + most);
    }

    private static ManagedCertificate acme(Duration lifetime) {
        return ManagedCertificate.of(ID, NAMES, IssuanceKind.ACME, ISSUED, ISSUED.plus(lifetime));
    }

    private static Instant day(int day) {
        return ISSUED.plus(Duration.ofDays(day));
    }
}
