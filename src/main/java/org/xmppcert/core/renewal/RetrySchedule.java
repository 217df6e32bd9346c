package org.xmppcert.core.renewal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try again after a failed renewal. The wait doubles with each consecutive failure, from
 * {@link RenewalSettings#firstRetryDelay()} up to {@link RenewalSettings#longestRetryDelay()}, so a
 * CA that is down is not hammered, and is shortened by up to a tenth at random so that servers
 * that failed together do not return together. Then, in this order:
 * <ul>
 * <li>expiry comes first: no wait jumps over the start of the certificate's last day, and in that
 *     day the wait is at most an hour, so a CA that comes back in time is used in time. After
 *     expiry the plain doubling applies again;</li>
 * <li>at most {@link RenewalSettings#attemptsPerHour()} attempts fall in any hour, to stay clear
 *     of limits on failed validations per name;</li>
 * <li>the CA's Retry-After always wins: an earlier attempt would only be refused.</li>
 * </ul>
 */
public final class RetrySchedule {

    private static final Duration LAST_DAY = Duration.ofDays(1);
    private static final Duration LAST_DAY_LONGEST_WAIT = Duration.ofHours(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final int JITTER_DIVISOR = 10;

    private final RenewalSettings settings;
    private final RandomGenerator random;

    public RetrySchedule(RenewalSettings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    /**
     * @param failures       consecutive failures so far, the one just now included (1 or more)
     * @param recentAttempts the attempts of the last hour, the one just now included
     * @param retryAfter     when the CA said it would accept another request, if it said so
     */
    public Instant nextAttempt(int failures, Instant now, Instant notAfter, List<Instant> recentAttempts,
                               Optional<Instant> retryAfter) {
        Duration wait = jittered(backoff(failures));
        Instant lastDay = notAfter.minus(LAST_DAY);
        if (now.isBefore(lastDay)) {
            wait = min(wait, Duration.between(now, lastDay));
        } else if (now.isBefore(notAfter)) {
            wait = min(wait, LAST_DAY_LONGEST_WAIT);
        }
        Instant next = now.plus(wait);
        if (recentAttempts.size() >= settings.attemptsPerHour()) {
            Instant oldestCounted = recentAttempts.get(recentAttempts.size() - settings.attemptsPerHour());
            next = latest(next, oldestCounted.plus(HOUR));
        }
        if (retryAfter.isPresent()) {
            next = latest(next, retryAfter.get());
        }
        return next;
    }

    /** The wait before jitter and expiry are considered: first delay doubled per further failure, capped. */
    public Duration backoff(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("There is no wait before a first failure");
        }
        Duration longest = settings.longestRetryDelay();
        Duration wait = settings.firstRetryDelay();
        for (int doubled = 1; doubled < failures && wait.compareTo(longest) < 0; doubled++) {
            wait = wait.multipliedBy(2);
        }
        return min(wait, longest);
    }

    /** Attempts within the hour before {@code now}, which the per-hour limit counts. */
    public static List<Instant> withinLastHour(List<Instant> attempts, Instant now) {
        Instant hourAgo = now.minus(HOUR);
        return attempts.stream().filter(attempt -> attempt.isAfter(hourAgo)).toList();
    }

    private Duration jittered(Duration wait) {
        return wait.minusMillis(random.nextLong(wait.toMillis() / JITTER_DIVISOR + 1));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
