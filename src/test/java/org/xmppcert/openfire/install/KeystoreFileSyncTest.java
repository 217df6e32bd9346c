package org.xmppcert.openfire.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.jivesoftware.openfire.keystore.CertificateStoreWatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeystoreFileSyncTest {

    @AfterEach
    void restoreDefault() {
        CertificateStoreWatcher.ENABLED.setValue(null);
    }

    @Test
    void theWatcherSettingInForceIsTheOneReadAtStart() {
        assertTrue(KeystoreFileSync.storeWatcherActive(), "default: on");

        // Switched off after start: Openfire flags "restart required" and the watcher still runs.
        CertificateStoreWatcher.ENABLED.setValue(false);

        assertTrue(KeystoreFileSync.storeWatcherActive());
    }

    @Test
    void installsAreWrittenAtOnceOnlyWithoutAWatcher() {
        assertTrue(new KeystoreFileSync(false, new InMemoryDurableCertificateCopy()).writesImmediately());
        assertFalse(new KeystoreFileSync(true, new InMemoryDurableCertificateCopy()).writesImmediately());
    }

    @Test
    void theNextMaintenanceIsTodayIfStillAheadElseTomorrow() {
        ZoneId zone = ZoneId.of("Europe/Berlin");
        LocalTime four = KeystoreFileSync.DEFAULT_MAINTENANCE_TIME;

        assertEquals(Duration.ofHours(2), KeystoreFileSync.untilNextMaintenance(
                ZonedDateTime.of(2026, 3, 10, 2, 0, 0, 0, zone), four));
        assertEquals(Duration.ofHours(23), KeystoreFileSync.untilNextMaintenance(
                ZonedDateTime.of(2026, 3, 10, 5, 0, 0, 0, zone), four));
        assertEquals(Duration.ofDays(1), KeystoreFileSync.untilNextMaintenance(
                ZonedDateTime.of(2026, 3, 10, 4, 0, 0, 0, zone), four));
    }
}
