package org.xmppcert.openfire.install;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.TimerTask;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the keystore files {@link KeystoreFileSync} holds back, every day at the admin's
 * maintenance time, and once more when the plugin stops for good. The next write is armed after
 * each one from the time configured then, so a changed maintenance time applies from the following
 * write without a restart.
 *
 * <p>A file write makes Openfire reload its listeners, which closes every established TLS session,
 * so a plugin that is only reloaded or updated writes nothing: its next start finds the durable
 * copy and takes the write over ({@link KeystoreFileSync#reapplyAtStart}). Only when the server
 * shuts down, or the plugin is deleted and will not start again, is the write done at the stop.
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
    private final BooleanSupplier stoppingForGood;
    private TimerTask armed;
    private boolean closed;

    /**
     * @param stoppingForGood asked when the plugin stops: true when the server is shutting down or
     *                        the plugin's jar was deleted, false for a reload or an update
     */
    public MaintenanceWrites(KeystoreFileSync fileSync, Supplier<LocalTime> maintenanceTime,
                             Supplier<ZonedDateTime> now, Timer timer, BooleanSupplier stoppingForGood) {
        this.fileSync = fileSync;
        this.maintenanceTime = maintenanceTime;
        this.now = now;
        this.timer = timer;
        this.stoppingForGood = stoppingForGood;
    }

    /** Arms the first write. */
    public synchronized MaintenanceWrites start() {
        arm();
        return this;
    }

    /** Cancels the next write; writes whatever is pending now if the plugin will not start again. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (armed != null) {
                timer.cancel(armed);
                armed = null;
            }
        }
        if (stoppingForGood.getAsBoolean()) {
            write();
        } else if (fileSync.hasPendingWrite()) {
            LOG.info("The plugin stops for a reload: the keystore file write waits for its next start, so established"
                    + " sessions are kept");
        }
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
