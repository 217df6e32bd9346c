package org.xmppcert.core.renewal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ExpiryAlertsTest {

    private static final Instant NOT_AFTER = Instant.parse("2026-06-01T00:00:00Z");

    private final ExpiryAlerts alerts = new ExpiryAlerts(List.of(14, 7, 3, 1));

    @Test
    void nothingIsDueBeforeTheFirstThreshold() {
        assertEquals(Optional.empty(), alerts.due(daysBefore(14).minusSeconds(1), NOT_AFTER, Optional.empty()));
    }

    @Test
    void aThresholdIsDueFromTheMomentItIsCrossed() {
        assertEquals(Optional.of(14), alerts.due(daysBefore(14), NOT_AFTER, Optional.empty()));
        assertEquals(Optional.of(7), alerts.due(daysBefore(7), NOT_AFTER, Optional.of(14)));
    }

    @Test
    void anAnnouncedThresholdIsNotDueAgain() {
        assertEquals(Optional.empty(), alerts.due(daysBefore(10), NOT_AFTER, Optional.of(14)));
        assertEquals(Optional.empty(), alerts.due(daysBefore(0).minusSeconds(60), NOT_AFTER, Optional.of(1)));
    }

    @Test
    void severalThresholdsCrossedAtOnceGiveOneAlertForTheTightest() {
        assertEquals(Optional.of(3), alerts.due(daysBefore(2), NOT_AFTER, Optional.empty()));
        assertEquals(Optional.of(3), alerts.due(daysBefore(2), NOT_AFTER, Optional.of(14)));
    }

    private static Instant daysBefore(int days) {
        return NOT_AFTER.minus(Duration.ofDays(days));
    }
}
