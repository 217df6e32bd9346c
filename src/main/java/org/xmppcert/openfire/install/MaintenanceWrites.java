package org.xmppcert.openfire.install;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.TimerTask;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the keystore files {@link KeystoreFileSync} holds back, every day at the admin's
 * maintenance time, and once more when the plugin stops. The next write is armed after each one
 * from the time configured then, so a changed maintenance time applies from the following write
 * without a restart.
 */
public final class MaintenanceWrites implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceWrites.class);

    /** Openfire's TaskEngine in the server. */
    public interface Timer {
        void schedule(TimerTask task, Duration delay);

        void cancel(TimerTask task);
    }

    private final KeystoreFileSync fileSync;
    private final Supplier<LocalTime> maintenanceTime;
    private final Supplier<ZonedDateTime> now;
    private final Timer timer;
    private TimerTask armed;
    private boolean closed;

    public MaintenanceWrites(KeystoreFileSync fileSync, Supplier<LocalTime> maintenanceTime,
                             Supplier<ZonedDateTime> now, Timer timer) {
        this.fileSync = fileSync;
        this.maintenanceTime = maintenanceTime;
        this.now = now;
        this.timer = timer;
    }

    /** Arms the first write. */
    public synchronized MaintenanceWrites start() {
        arm();
        return this;
    }

    /** Cancels the next write and writes whatever is pending now: a stopped plugin writes nothing later. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (armed != null) {
                timer.cancel(armed);
                armed = null;
            }
        }
        write();
    }

    private void arm() {
        if (closed) {
            return;
        }
        armed = new TimerTask() {
            @Override
            public void run() {
                write();
                synchronized (MaintenanceWrites.this) {
                    arm();
                }
            }
        };
        timer.schedule(armed, KeystoreFileSync.untilNextMaintenance(now.get(), maintenanceTime.get()));
    }

    private void write() {
        if (!fileSync.hasPendingWrite()) {
            return;
        }
        try {
            fileSync.writePending();
        } catch (Exception e) {
            LOG.warn("Could not write the keystore files holding the installed certificate; the plugin keeps its copy"
                    + " and tries again at the next maintenance time", e);
        }
    }
}
