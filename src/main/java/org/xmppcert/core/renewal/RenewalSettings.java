package org.xmppcert.core.renewal;

import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The admin's renewal settings.
 *
 * @param checkInterval   how often every certificate is looked at even when nothing is due (6 hours)
 * @param firstRetryDelay the wait after a first failure, doubled after each further one (5 minutes)
 * @param longestRetryDelay the longest wait between attempts while there is time (1 day)
 * @param attemptsPerHour the most attempts per certificate in any hour (3): Let's Encrypt allows 5 failed
 *                        validations per name per hour, and a failed attempt may fail more than one
 * @param alertDays       days before expiry at which the admins hear of a failing renewal or are reminded
 *                        of a classic certificate (14, 7, 3, 1)
 * @param classicWizard   the admin console page that renews a classic certificate with its saved CSR
 */
public record RenewalSettings(Duration checkInterval, Duration firstRetryDelay, Duration longestRetryDelay,
                              int attemptsPerHour, List<Integer> alertDays, URI classicWizard) {

    public RenewalSettings {
        requirePositive(checkInterval, "checkInterval");
        requirePositive(firstRetryDelay, "firstRetryDelay");
        requirePositive(longestRetryDelay, "longestRetryDelay");
        if (longestRetryDelay.compareTo(firstRetryDelay) < 0) {
            throw new IllegalArgumentException("The longest retry delay cannot be shorter than the first");
        }
        if (attemptsPerHour < 1) {
            throw new IllegalArgumentException("At least one attempt per hour must be allowed");
        }
        if (alertDays.stream().anyMatch(days -> days < 1)) {
            throw new IllegalArgumentException("Alerts are given a whole number of days (1 or more) before expiry");
        }
        alertDays = alertDays.stream().distinct().sorted(Comparator.reverseOrder()).toList();
        Objects.requireNonNull(classicWizard, "classicWizard");
    }

    public static RenewalSettings defaults(URI classicWizard) {
        return new RenewalSettings(Duration.ofHours(6), Duration.ofMinutes(5), Duration.ofDays(1), 3,
                List.of(14, 7, 3, 1), classicWizard);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
