package org.xmppcert.core.renewal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant FAR_EXPIRY = NOW.plus(Duration.ofDays(30));

    private final RetrySchedule schedule = new RetrySchedule(
            RenewalSettings.defaults(URI.create("https://xmpp.example.org:9091/plugins/certificatemanager/classic.jsp")),
            new Random(7));

    @Test
    void waitDoublesFromFiveMinutesAndStopsAtOneDay() {
        List<Duration> waits = IntStream.rangeClosed(1, 12).mapToObj(schedule::backoff).toList();

        assertEquals(List.of(minutes(5), minutes(10), minutes(20), minutes(40), minutes(80), minutes(160),
                minutes(320), minutes(640), minutes(1280), Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1)),
                waits);
        assertEquals(Duration.ofDays(1), schedule.backoff(Integer.MAX_VALUE));
    }

    @Test
    void nextAttemptIsTheWaitShortenedByAtMostATenth() {
        for (int failures = 1; failures <= 12; failures++) {
            Duration wait = waitAfter(failures, List.of(NOW), Optional.empty());
            Duration nominal = schedule.backoff(failures);
            assertFalse(wait.compareTo(nominal) > 0, failures + " failures: waited " + wait + ", more than " + nominal);
            assertTrue(wait.compareTo(nominal.multipliedBy(9).dividedBy(10)) >= 0,
                    failures + " failures: waited " + wait + ", jitter took more than a tenth of " + nominal);
        }
    }

    @Test
    void jitterSpreadsServersThatFailedTogether() {
        Instant one = new RetrySchedule(RenewalSettings.defaults(URI.create("https://a/")), new Random(1))
                .nextAttempt(8, NOW, FAR_EXPIRY, List.of(NOW), Optional.empty());
        Instant other = new RetrySchedule(RenewalSettings.defaults(URI.create("https://a/")), new Random(2))
                .nextAttempt(8, NOW, FAR_EXPIRY, List.of(NOW), Optional.empty());

        assertFalse(one.equals(other));
    }

    @Test
    void theCasRetryAfterIsNeverAnticipated() {
        Instant retryAfter = NOW.plus(Duration.ofHours(3));

        assertEquals(retryAfter, schedule.nextAttempt(1, NOW, FAR_EXPIRY, List.of(NOW), Optional.of(retryAfter)));
    }

    @Test
    void retryAfterSoonerThanTheBackoffDoesNotShortenIt() {
        Duration wait = waitAfter(4, List.of(NOW), Optional.of(NOW.plus(minutes(1))));

        assertTrue(wait.compareTo(minutes(36)) >= 0, wait.toString());
    }

    @Test
    void noMoreThanThreeAttemptsInAnyHour() {
        List<Instant> lastHour = List.of(NOW.minus(minutes(25)), NOW.minus(minutes(15)), NOW);

        Instant next = schedule.nextAttempt(3, NOW, FAR_EXPIRY, lastHour, Optional.empty());

        // The third failure would wait 20 minutes, but the three attempts fill the hour from -25 minutes.
        assertEquals(NOW.plus(minutes(35)), next);
    }

    @Test
    void aLongWaitDoesNotJumpOverTheLastDay() {
        Instant notAfter = NOW.plus(Duration.ofHours(30));

        Instant next = schedule.nextAttempt(12, NOW, notAfter, List.of(NOW), Optional.empty());

        assertEquals(notAfter.minus(Duration.ofDays(1)), next);
    }

    @Test
    void inTheLastDayAttemptsAreAtMostAnHourApart() {
        Instant notAfter = NOW.plus(Duration.ofHours(20));

        Duration wait = Duration.between(NOW, schedule.nextAttempt(12, NOW, notAfter, List.of(NOW), Optional.empty()));

        assertTrue(wait.compareTo(Duration.ofHours(1)) <= 0 && wait.compareTo(minutes(54)) >= 0, wait.toString());
    }

    @Test
    void theCasRetryAfterWinsEvenInTheLastDay() {
        Instant notAfter = NOW.plus(Duration.ofHours(20));
        Instant retryAfter = NOW.plus(Duration.ofHours(5));

        assertEquals(retryAfter, schedule.nextAttempt(12, NOW, notAfter, List.of(NOW), Optional.of(retryAfter)));
    }

    @Test
    void afterExpiryTheWaitGrowsBackToADay() {
        Instant expired = NOW.minus(Duration.ofHours(2));

        Duration wait = Duration.between(NOW, schedule.nextAttempt(12, NOW, expired, List.of(NOW), Optional.empty()));

        assertTrue(wait.compareTo(Duration.ofHours(21)) > 0, wait.toString());
    }

    private Duration waitAfter(int failures, List<Instant> recentAttempts, Optional<Instant> retryAfter) {
        return Duration.between(NOW, schedule.nextAttempt(failures, NOW, FAR_EXPIRY, recentAttempts, retryAfter));
    }

    private static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }
}
