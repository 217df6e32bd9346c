package org.xmppcert.openfire.names;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jivesoftware.openfire.component.ComponentEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmppcert.core.names.CertificateNames;

/**
 * Notices when the server starts answering to a name its certificate does not cover, so that a
 * new component gets a certificate without waiting for the next renewal. Components come in
 * bursts (a plugin registers several, the server replays every existing component to a new
 * listener, an external component reconnects), and each order costs the CA's rate limits, so the
 * watcher waits for a quiet period after the last change and then reports the gap once.
 *
 * <p>Every event is handled alike: the wanted names are recomputed from the live server and
 * compared with the certificate's. If something is missing the quiet period starts over; if
 * nothing is (a component came and went), a pending report is dropped. When the period ends the
 * comparison is made once more, so the report reflects the server as it is then.
 */
public final class ComponentWatcher implements ComponentEventListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ComponentWatcher.class);

    /** Runs a task once after a delay; the returned future cancels it. */
    @FunctionalInterface
    public interface Scheduler {

        Future<?> schedule(Runnable task, Duration delay);

        static Scheduler on(ScheduledExecutorService executor) {
            return (task, delay) -> executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private final Supplier<CertificateNames> wantedNames;
    private final Supplier<? extends Collection<String>> coveredNames;
    private final Supplier<Duration> quietPeriod;
    private final Scheduler scheduler;
    private final CoverageGapListener listener;
    private Future<?> pendingReport;
    /** Counts schedulings, so a report that started just as it was cancelled sees it is stale. */
    private long generation;
    private boolean closed;

    /**
     * @param wantedNames  the names to certify now: the live server's, through the admin's policy
     * @param coveredNames the dNSName entries of the certificate in use
     * @param quietPeriod  how long no component may change before a gap is reported; read at each
     *                     change, so the admin's setting applies at once
     */
    public ComponentWatcher(Supplier<CertificateNames> wantedNames, Supplier<? extends Collection<String>> coveredNames,
                            Supplier<Duration> quietPeriod, Scheduler scheduler, CoverageGapListener listener) {
        this.wantedNames = wantedNames;
        this.coveredNames = coveredNames;
        this.quietPeriod = quietPeriod;
        this.scheduler = scheduler;
        this.listener = listener;
    }

    @Override
    public void componentRegistered(JID componentJID) {
        componentsChanged();
    }

    @Override
    public void componentUnregistered(JID componentJID) {
        componentsChanged();
    }

    @Override
    public void componentInfoReceived(IQ iq) {
        componentsChanged();
    }

    /** Drops a pending report; later events are ignored. */
    @Override
    public synchronized void close() {
        closed = true;
        cancelPendingReport();
    }

    /** Called on Openfire's threads, which must never see an exception from a listener. */
    private void componentsChanged() {
        try {
            boolean gap = !missingNames().isEmpty();
            synchronized (this) {
                if (closed) {
                    return;
                }
                cancelPendingReport();
                if (gap) {
                    long scheduled = ++generation;
                    pendingReport = scheduler.schedule(() -> reportGap(scheduled), quietPeriod.get());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not check whether the certificate covers the server's components", e);
        }
    }

    private void reportGap(long scheduled) {
        synchronized (this) {
            if (closed || scheduled != generation) {
                return;
            }
            pendingReport = null;
        }
        try {
            Set<String> missing = missingNames();
            if (!missing.isEmpty()) {
                listener.namesNotCovered(missing);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not report the names the certificate does not cover", e);
        }
    }

    private Set<String> missingNames() {
        return new LinkedHashSet<>(wantedNames.get().notCoveredBy(coveredNames.get()));
    }

    private void cancelPendingReport() {
        generation++;
        if (pendingReport != null) {
            pendingReport.cancel(false);
            pendingReport = null;
        }
    }
}
