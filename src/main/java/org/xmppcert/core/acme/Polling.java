package org.xmppcert.core.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.shredzone.acme4j.exception.AcmeException;

/**
 * Polls a CA resource until it settles. The first look comes after a few milliseconds (a fast CA
 * is done by then), each later one waits half as long again as the one before, up to a few
 * seconds, and never earlier than a Retry-After the CA asked for. The whole wait is bounded.
 */
final class Polling {

    private static final Duration FIRST_DELAY = Duration.ofMillis(10);
    private static final Duration LONGEST_DELAY = Duration.ofSeconds(5);

    /** One look at the resource; returns the CA's Retry-After, if it gave one. */
    interface Probe {
        Optional<Instant> fetch() throws AcmeException;
    }

    private Polling() {
    }

    /**
     * @return {@code true} once {@code settled}, {@code false} if {@code limit} passed first
     */
    static boolean until(Probe probe, BooleanSupplier settled, Duration limit)
            throws AcmeException, InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        long delayMillis = FIRST_DELAY.toMillis();
        while (true) {
            Optional<Instant> retryAfter = probe.fetch();
            if (settled.getAsBoolean()) {
                return true;
            }
            Instant now = Instant.now();
            Instant next = now.plusMillis(delayMillis);
            if (retryAfter.isPresent() && retryAfter.get().isAfter(next)) {
                next = retryAfter.get();
            }
            if (!next.isBefore(deadline)) {
                return false;
            }
            Thread.sleep(Math.max(1, Duration.between(now, next).toMillis()));
            delayMillis = Math.min(LONGEST_DELAY.toMillis(), delayMillis * 3 / 2 + 1);
        }
    }
}
