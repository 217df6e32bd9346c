package org.xmppcert.openfire.console;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.jivesoftware.openfire.keystore.CertificateStore;
import org.jivesoftware.util.CertificateEventListener;

/**
 * Keeps the status page's {@link IdentityStoreOverview} between page views, so that showing the
 * page does not re-read every store each time. Openfire reports every reloaded store (after an
 * import in the console, a renewal, or an edit of the file by another process), and that report
 * discards the cached overview; so does the arrival of a moment at which a certificate's validity
 * changes, or {@link #invalidate()}.
 */
public final class IdentityStoreOverviewCache implements CertificateEventListener {

    private record Snapshot(IdentityStoreOverview overview, long generation) {
    }

    private final Clock clock;
    private final Function<Instant, IdentityStoreOverview> reader;
    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot cached;

    /** @param reader reads the stores as they are at the given moment */
    public IdentityStoreOverviewCache(Clock clock, Function<Instant, IdentityStoreOverview> reader) {
        this.clock = clock;
        this.reader = reader;
    }

    /** The overview, read again if a store or a certificate's validity changed since it was last read. */
    public IdentityStoreOverview current() {
        Instant now = clock.instant();
        Snapshot snapshot = cached;
        if (snapshot == null || snapshot.generation() != generation.get() || snapshot.overview().isStaleAt(now)) {
            // Taken before reading: a change reported while reading makes this snapshot outdated at once.
            long readGeneration = generation.get();
            snapshot = new Snapshot(reader.apply(now), readGeneration);
            cached = snapshot;
        }
        return snapshot.overview();
    }

    /** Makes the next {@link #current()} read the stores again. */
    public void invalidate() {
        generation.incrementAndGet();
    }

    @Override
    public void storeContentChanged(CertificateStore store) {
        invalidate();
    }
}
