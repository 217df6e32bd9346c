package org.xmppcert.openfire.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimerTask;

import org.jivesoftware.openfire.keystore.IdentityStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppcert.testing.IdentityStoreFiles;
import org.xmppcert.testing.TestCertificateAuthority;
import org.xmppcert.testing.TestCertificateAuthority.Issued;

/**
 * The deferred keystore file write, on a timer the test drives: the file catches up with the live
 * store at the admin's maintenance time, the time in force when each write is armed counts, and a
 * failed write loses nothing.
 */
class MaintenanceWritesTest {

    private static final String DOMAIN = "example.org";
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path home;

    private final TestCertificateAuthority ca = TestCertificateAuthority.create("Test", Instant.now());
    private final Issued old = ca.issueWithNewKey(DOMAIN);
    private final Issued renewed = ca.issueWithNewKey(DOMAIN);
    private final InMemoryDurableCertificateCopy durableCopy = new InMemoryDurableCertificateCopy();
    private final KeystoreFileSync fileSync = new KeystoreFileSync(true, durableCopy);
    private final DrivenTimer timer = new DrivenTimer();
    private ZonedDateTime now = ZonedDateTime.of(2026, 11, 25, 10, 0, 0, 0, ZoneOffset.UTC);
    private LocalTime maintenanceTime = LocalTime.of(3, 0);
    private boolean stoppingForGood = true;
    private IdentityStore store;

    @BeforeEach
    void renewedLiveWithTheFileStillOld() throws Exception {
        store = IdentityStoreFiles.create(Files.createDirectories(home.resolve("conf")).resolve("keystore"), PASSWORD,
                home.resolve("archive"), Map.of(DOMAIN + "_1", old));
        CertificateBundle bundle = CertificateBundle.of(renewed.key(), renewed.chain());
        fileSync.beforeLiveInstall(bundle);
        DomainEntrySwap.apply(store, DOMAIN, bundle);
        assertFalse(fileSync.afterLiveInstall(List.of(store)), "the watcher is on: the file waits");
    }

    @Test
    void theFileCatchesUpAtTheMaintenanceTimeAndTheNextWriteFollowsAChangedTime() {
        MaintenanceWrites writes = writes().start();
        assertEquals(Duration.ofHours(17), timer.delay, "from 10:00 to 03:00 the next day");
        assertEquals(old.leaf(), IdentityStoreFiles.leafOnDisk(store, PASSWORD), "nothing written before then");

        now = now.plusHours(17);
        maintenanceTime = LocalTime.of(4, 30);
        timer.fire();

        assertEquals(renewed.leaf(), IdentityStoreFiles.leafOnDisk(store, PASSWORD));
        assertTrue(durableCopy.load().isEmpty(), "the file holds it now, the copy is dropped");
        assertFalse(fileSync.hasPendingWrite());
        assertEquals(Duration.ofMinutes(90), timer.delay, "the admin's new time counts from the next write");
        writes.close();
    }

    @Test
    void stoppingForGoodWritesWhatIsPendingAndArmsNothingMore() {
        MaintenanceWrites writes = writes().start();
        TimerTask armed = timer.armed;

        writes.close();

        assertEquals(renewed.leaf(), IdentityStoreFiles.leafOnDisk(store, PASSWORD));
        assertEquals(List.of(armed), timer.cancelled);
        assertNull(timer.armed, "no write after the plugin stopped");
    }

    @Test
    void aReloadLeavesTheWriteToTheNextStartWhichFindsTheFileStillOld() throws Exception {
        MaintenanceWrites writes = writes().start();
        stoppingForGood = false;

        writes.close();

        assertEquals(old.leaf(), IdentityStoreFiles.leafOnDisk(store, PASSWORD), "no write, so no session is dropped");
        assertNull(timer.armed);
        KeystoreFileSync afterReload = new KeystoreFileSync(true, durableCopy);
        assertEquals(List.of(store), afterReload.reapplyAtStart(List.of(store), DOMAIN),
                "the live store holds the certificate, its file does not: the write is owed");
        assertTrue(afterReload.hasPendingWrite());
        assertEquals(Map.of(DomainEntrySwap.aliasFor(DOMAIN, renewed.leaf()), renewed.leaf()),
                store.getAllCertificates(), "applied once, not twice");

        afterReload.writePending();
        assertEquals(renewed.leaf(), IdentityStoreFiles.leafOnDisk(store, PASSWORD));
        assertTrue(new KeystoreFileSync(true, durableCopy).reapplyAtStart(List.of(store), DOMAIN).isEmpty());
    }

    @Test
    void aWriteThatFailsKeepsTheCopyAndTriesAgainAtTheNextMaintenanceTime() throws Exception {
        MaintenanceWrites writes = writes().start();
        Path conf = home.resolve("conf");
        Path keptAside = Files.move(conf, home.resolve("conf-away"));
        Files.writeString(conf, "a file where the keystore's folder was");

        now = now.plusHours(17);
        timer.fire();

        assertTrue(fileSync.hasPendingWrite());
        assertEquals(renewed.leaf(), durableCopy.load().orElseThrow().leaf(), "the certificate is still kept");
        assertEquals(Duration.ofDays(1), timer.delay, "armed again for tomorrow's maintenance time");

        Files.delete(conf);
        Files.move(keptAside, conf);
        now = now.plusDays(1);
        timer.fire();
        assertEquals(renewed.leaf(), IdentityStoreFiles.leafOnDisk(store, PASSWORD));
        writes.close();
    }

    private MaintenanceWrites writes() {
        return new MaintenanceWrites(fileSync, () -> maintenanceTime, () -> now, timer, () -> stoppingForGood);
    }

    /** Openfire's TaskEngine as far as the writes use it; the test fires the armed task itself. */
    private static final class DrivenTimer implements MaintenanceWrites.Timer {
        private TimerTask armed;
        private Duration delay;
        private final List<TimerTask> cancelled = new ArrayList<>();

        @Override
        public void schedule(TimerTask task, Duration delay) {
            this.armed = task;
            this.delay = delay;
        }

        @Override
        public void cancel(TimerTask task) {
            cancelled.add(task);
            if (task == armed) {
                armed = null;
            }
        }

        void fire() {
            TimerTask task = armed;
            armed = null;
            task.run();
        }
    }
}
