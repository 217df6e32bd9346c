package org.xmppcert.openfire.renewal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.TimerTask;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jivesoftware.openfire.cluster.ClusterEventListener;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.util.TaskEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppcert.core.renewal.RenewalMaintenance;

/**
 * Runs the renewal check ({@link RenewalMaintenance#check}) on Openfire's {@link TaskEngine}: at
 * plugin start, then every check interval, and earlier whenever a check says a renewal or retry
 * falls due sooner.
 *
 * <p>There is always exactly one scheduled task, a periodic one: after each check it is replaced
 * by one whose first run is when the check asked. Only the periodic forms of {@code schedule} can
 * be cancelled in Openfire (it forgets one-shot tasks), so a replaced or unloaded schedule is
 * really gone; and if a check ever dies before rescheduling, the period still brings the next.
 *
 * <p>In a cluster every node schedules the check, and at each run only the senior member goes on:
 * seniority moves when nodes come and go, so it is asked at each run, never remembered. While
 * clustering is still starting nobody knows who is senior, so the check waits a minute. The
 * renewal state lives in the shared database, so a new senior member carries on where the old one
 * stopped; {@link #clusterListener()} runs a check as soon as this node becomes senior.
 *
 * <p>The check runs with the plugin's class loader as the thread's context class loader: acme4j
 * finds its CA providers with {@link java.util.ServiceLoader}, which looks there, and Openfire's
 * pool threads carry the server's loader.
 */
public final class RenewalScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RenewalScheduler.class);

    /** How long to wait for clustering to finish starting before asking again who is senior. */
    static final Duration CLUSTERING_STARTUP_WAIT = Duration.ofMinutes(1);
    /** The soonest a check may ask for the next; a check asking for "now" again must not spin. */
    static final Duration SHORTEST_DELAY = Duration.ofMinutes(1);

    /** One renewal check. */
    @FunctionalInterface
    public interface Check {

        /** @return when the next check is wanted */
        Instant run() throws InterruptedException;
    }

    private final TaskEngine taskEngine;
    private final Check check;
    private final Supplier<Duration> checkInterval;
    private final ClassLoader pluginClassLoader;
    private final Clock clock;
    private final ReentrantLock checking = new ReentrantLock();
    private TimerTask scheduled;
    private boolean closed;

    /**
     * @param taskEngine        in the server {@code TaskEngine.getInstance()}
     * @param check             typically {@code () -> maintenance.check(managedCertificates())}
     * @param checkInterval     the admin's interval, read at every rescheduling
     * @param pluginClassLoader the plugin's class loader, for ServiceLoader look-ups during the check
     */
    public RenewalScheduler(TaskEngine taskEngine, Check check, Supplier<Duration> checkInterval,
                            ClassLoader pluginClassLoader, Clock clock) {
        this.taskEngine = Objects.requireNonNull(taskEngine, "taskEngine");
        this.check = Objects.requireNonNull(check, "check");
        this.checkInterval = Objects.requireNonNull(checkInterval, "checkInterval");
        this.pluginClassLoader = Objects.requireNonNull(pluginClassLoader, "pluginClassLoader");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Schedules the first check at once and the next every check interval. */
    public void start() {
        scheduleIn(Duration.ZERO);
    }

    /** Brings the next check forward to now, e.g. after the admin changed the settings. */
    public void checkNow() {
        scheduleIn(Duration.ZERO);
    }

    /** Runs a check as soon as this node becomes the senior member, or stands alone again. */
    public ClusterEventListener clusterListener() {
        return new ClusterEventListener() {
            @Override
            public void joinedCluster() {
            }

            @Override
            public void joinedCluster(byte[] nodeID) {
            }

            @Override
            public void leftCluster() {
                checkNow();
            }

            @Override
            public void leftCluster(byte[] nodeID) {
            }

            @Override
            public void markedAsSeniorClusterMember() {
                checkNow();
            }
        };
    }

    /** Cancels the schedule; a check already running finishes, and nothing runs after it. */
    @Override
    public synchronized void close() {
        closed = true;
        if (scheduled != null) {
            taskEngine.cancelScheduledTask(scheduled);
            scheduled = null;
        }
    }

    private synchronized void scheduleIn(Duration delay) {
        if (closed) {
            return;
        }
        if (scheduled != null) {
            taskEngine.cancelScheduledTask(scheduled);
        }
        scheduled = new TimerTask() {
            @Override
            public void run() {
                runCheck();
            }
        };
        taskEngine.schedule(scheduled, delay, checkInterval.get());
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** One run of the schedule; a run that finds another still checking leaves it to that one. */
    void runCheck() {
        if (!checking.tryLock()) {
            LOG.debug("A renewal check is still running; this one is skipped");
            return;
        }
        try {
            if (isClosed()) {
                return;
            }
            if (ClusterManager.isClusteringStarted()) {
                if (!ClusterManager.isSeniorClusterMember()) {
                    LOG.debug("Not the senior cluster member: the senior member renews the certificates");
                    return;
                }
            } else if (ClusterManager.isClusteringStarting()) {
                LOG.debug("Clustering is starting; the renewal check waits to know which node is senior");
                scheduleIn(CLUSTERING_STARTUP_WAIT);
                return;
            }
            Instant wanted = checkWithPluginClassLoader();
            scheduleIn(delayUntil(wanted));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("The renewal check failed; it runs again in {}", checkInterval.get(), e);
        } finally {
            checking.unlock();
        }
    }

    private Instant checkWithPluginClassLoader() throws InterruptedException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(pluginClassLoader);
        try {
            return check.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private Duration delayUntil(Instant wanted) {
        Duration delay = Duration.between(clock.instant(), wanted);
        if (delay.compareTo(SHORTEST_DELAY) < 0) {
            return SHORTEST_DELAY;
        }
        Duration interval = checkInterval.get();
        return delay.compareTo(interval) > 0 ? interval : delay;
    }
}
