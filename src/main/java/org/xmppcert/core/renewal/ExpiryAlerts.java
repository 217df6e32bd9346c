package org.xmppcert.core.renewal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which expiry threshold (days before expiry, e.g. 14, 7, 3, 1) is to be announced now. Thresholds
 * are crossed in order, so the state need only remember the lowest one announced. When several are
 * crossed between two checks (the server was down), only the tightest is announced: one message
 * saying "3 days left" rather than three messages at once.
 */
public final class ExpiryAlerts {

    private final List<Integer> thresholdDays;

    /** @param thresholdDays the days before expiry to announce, each 1 or more */
    public ExpiryAlerts(List<Integer> thresholdDays) {
        this.thresholdDays = List.copyOf(thresholdDays);
    }

    /**
     * @param lowestAnnounced the lowest threshold already announced for this certificate
     * @return the threshold to announce now, if one has been crossed since
     */
    public Optional<Integer> due(Instant now, Instant notAfter, Optional<Integer> lowestAnnounced) {
        Duration left = Duration.between(now, notAfter);
        return thresholdDays.stream()
                .filter(days -> left.compareTo(Duration.ofDays(days)) <= 0)
                .min(Integer::compare)
                .filter(tightest -> lowestAnnounced.map(announced -> tightest < announced).orElse(true));
    }
}
