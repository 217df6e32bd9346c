package org.xmppcert.openfire.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.jivesoftware.openfire.keystore.CertificateStoreConfigException;
import org.jivesoftware.openfire.keystore.CertificateStoreConfiguration;
import org.jivesoftware.openfire.keystore.CertificateStoreWatcher;
import org.jivesoftware.openfire.keystore.IdentityStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when the keystore FILES catch up with the live in-memory stores after an install.
 *
 * <p>Writing a store file is what drops established sessions, and only indirectly: Openfire's
 * {@link CertificateStoreWatcher} sees the file change, reloads the store, and the reload event
 * reconfigures every listener. {@code persist()} itself fires nothing. So:
 * <ul>
 *     <li>with the watcher off ({@code cert.storewatcher.enabled=false}, read once at Openfire's
 *     start), the file is written right after the live change: nobody notices;</li>
 *     <li>with the watcher on, the write waits for the administrator's maintenance time (a daily
 *     time, default 04:00 server time) or for the plugin to stop, whichever comes first. Until then
 *     the plugin's {@link DurableCertificateCopy} holds the certificate, and
 *     {@link #reapplyAtStart} puts it back into the live stores if Openfire restarted before the
 *     file was written, so a crash loses nothing.</li>
 * </ul>
 * There is no way to write a watched file without the watcher firing (it watches the directory for
 * modifications and creations, so a write-and-rename fires as well), hence the deferral.
 */
public final class KeystoreFileSync {

    private static final Logger LOG = LoggerFactory.getLogger(KeystoreFileSync.class);

    /** Default daily time for deferred writes: when the fewest people are connected. */
    public static final LocalTime DEFAULT_MAINTENANCE_TIME = LocalTime.of(4, 0);

    private final boolean watcherActive;
    private final DurableCertificateCopy durableCopy;
    private final List<IdentityStore> pending = new ArrayList<>();

    /**
     * @param watcherActive whether Openfire's store watcher runs, see {@link #storeWatcherActive()}
     * @param durableCopy   where an install waiting for its file write is kept
     */
    public KeystoreFileSync(boolean watcherActive, DurableCertificateCopy durableCopy) {
        this.watcherActive = watcherActive;
        this.durableCopy = Objects.requireNonNull(durableCopy, "durableCopy");
    }

    /**
     * Whether Openfire started its store watcher. The property is read once at start, so a value
     * changed since then (which Openfire flags as "restart required") is not the one in force.
     */
    public static boolean storeWatcherActive() {
        boolean configured = CertificateStoreWatcher.ENABLED.getValue();
        return CertificateStoreWatcher.ENABLED.isRestartRequired() != configured;
    }

    /** True when installs are written to the files at once; false when they wait for maintenance. */
    public boolean writesImmediately() {
        return !watcherActive;
    }

    /**
     * Called by the installer before it changes the live stores: keeps the bundle durable when the
     * file write will be deferred.
     */
    synchronized void beforeLiveInstall(CertificateBundle bundle) throws IOException {
        if (!writesImmediately()) {
            durableCopy.save(bundle);
        }
    }

    /**
     * Called after the live stores changed. Writes the files now or records them as pending.
     *
     * @return true when the files were written
     */
    synchronized boolean afterLiveInstall(Collection<IdentityStore> stores) throws CertificateStoreConfigException {
        if (writesImmediately()) {
            for (IdentityStore store : stores) {
                store.persist();
            }
            return true;
        }
        for (IdentityStore store : stores) {
            if (!pending.contains(store)) {
                pending.add(store);
            }
        }
        return false;
    }

    /** The durable copy of the install that was just rolled back is replaced by the one before it. */
    synchronized void afterRollback(CertificateBundle previouslyPending) throws IOException {
        if (previouslyPending == null) {
            durableCopy.discard();
            pending.clear();
        } else {
            durableCopy.save(previouslyPending);
        }
    }

    /** The bundle still waiting for its file write, if any. */
    synchronized CertificateBundle pendingBundle() throws IOException {
        return writesImmediately() ? null : durableCopy.load().orElse(null);
    }

    public synchronized boolean hasPendingWrite() {
        return !pending.isEmpty();
    }

    /**
     * Writes every pending store file: at the maintenance time, and when the plugin stops. With the
     * watcher on this reloads the stores, so established TLS sessions are closed and clients
     * reconnect (to the certificate they would get anyway). The durable copy is dropped only when
     * every file was written.
     */
    public synchronized void writePending() throws CertificateStoreConfigException, IOException {
        List<IdentityStore> written = new ArrayList<>();
        try {
            for (IdentityStore store : pending) {
                store.persist();
                written.add(store);
            }
        } finally {
            pending.removeAll(written);
        }
        durableCopy.discard();
        LOG.info("Wrote {} identity store file(s) holding the installed certificate", written.size());
    }

    /**
     * At plugin start: if a durable copy exists, each store whose file lacks it waits for its file
     * write again, after the copy goes back into its live store if that lacks it too. Two ways to get
     * here: Openfire stopped before the write (the live stores were loaded from the old files), or
     * the plugin was reloaded or updated, which leaves the write to this start (the live stores still
     * hold the certificate). Once every file holds it, the copy is dropped.
     *
     * @return the stores whose file still lacks the copy, each holding it live now
     */
    public synchronized List<IdentityStore> reapplyAtStart(Collection<IdentityStore> stores, String xmppDomain)
            throws IOException, GeneralSecurityException, CertificateStoreConfigException {
        CertificateBundle copy = durableCopy.load().orElse(null);
        if (copy == null) {
            return List.of();
        }
        List<IdentityStore> unwritten = new ArrayList<>();
        for (IdentityStore store : stores) {
            if (!fileHolds(store, xmppDomain, copy.leaf())) {
                if (!DomainEntrySwap.holds(store, xmppDomain, copy.leaf())) {
                    DomainEntrySwap.apply(store, xmppDomain, copy);
                }
                unwritten.add(store);
            }
        }
        if (unwritten.isEmpty()) {
            durableCopy.discard();
        } else if (writesImmediately()) {
            for (IdentityStore store : unwritten) {
                store.persist();
            }
            durableCopy.discard();
        } else {
            pending.addAll(unwritten);
        }
        return unwritten;
    }

    private static boolean fileHolds(IdentityStore store, String xmppDomain, X509Certificate leaf)
            throws IOException, GeneralSecurityException {
        CertificateStoreConfiguration configuration = store.getConfiguration();
        KeyStore onDisk = KeyStore.getInstance(configuration.getType());
        try (InputStream in = Files.newInputStream(configuration.getFile().toPath())) {
            onDisk.load(in, configuration.getPassword());
        }
        return leaf.equals(onDisk.getCertificate(DomainEntrySwap.aliasFor(xmppDomain, leaf)));
    }

    /** Time until the next daily maintenance time, seen from {@code now}. */
    public static Duration untilNextMaintenance(ZonedDateTime now, LocalTime maintenanceTime) {
        ZonedDateTime next = now.with(maintenanceTime);
        if (!next.isAfter(now)) {
            next = now.plusDays(1).with(maintenanceTime);
        }
        return Duration.between(now, next);
    }
}
