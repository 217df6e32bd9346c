package org.xmppcert.openfire.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jivesoftware.openfire.keystore.CertificateStoreConfiguration;
import org.jivesoftware.openfire.keystore.CertificateStoreManager;
import org.jivesoftware.openfire.keystore.IdentityStore;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppcert.core.tlscheck.EndpointResult;
import org.xmppcert.core.tlscheck.HandshakeCheck;
import org.xmppcert.core.tlscheck.HandshakeReport;
import org.xmppcert.core.tlscheck.TlsEndpoint;
import org.xmppcert.openfire.install.InstallOutcome.Status;

/**
 * Puts a new certificate and key into every identity store of a running Openfire without a restart
 * and without dropping established sessions, proves it with real TLS handshakes, and puts the old
 * certificate back when anything fails.
 *
 * <p>The order of an install, and why:
 * <ol>
 *     <li>{@link CertificateStoreManager#backup()} first: whatever happens next, a copy of every store
 *     file exists. If it cannot be made, nothing is touched.</li>
 *     <li>The bundle is made durable ({@link KeystoreFileSync#beforeLiveInstall}) before any live
 *     change, so a crash in the middle cannot lose it.</li>
 *     <li>Each distinct identity store (all {@link ConnectionType}s, deduplicated by configuration,
 *     as Openfire shares one store between types with the same configuration) gets the new entry in
 *     its live in-memory KeyStore; see {@link DomainEntrySwap} for why this drops nobody.</li>
 *     <li>The store files are written now or later, see {@link KeystoreFileSync}.</li>
 *     <li>The HTTPS-bind server is restarted: Jetty copies the keys when it starts, so 7443 (BOSH and
 *     WebSocket) serves the new certificate only after its restart, and its open HTTP connections
 *     drop (clients reconnect).</li>
 *     <li>Every listener is checked with {@link HandshakeCheck}. One that still presents another
 *     certificate after the bounded wait makes the install roll back. A listener that answered no
 *     handshake before the install either (probed first, before anything changed) is reported but
 *     not waited for: the install did not break it, and rolling back would not mend it.</li>
 * </ol>
 * Rollback restores the remembered entries in every store already changed, rewrites any file
 * already written from the restored state (or copies the backup over it if that fails), restarts the
 * HTTPS-bind server again, and tells the admins why. The working certificate is never lost: it is in
 * memory until the rollback and in the backup files afterwards.
 */
public final class LiveKeystoreInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(LiveKeystoreInstaller.class);

    /** Who asked for the install; the admin console must not log its own user out. */
    public enum Origin { ADMIN_CONSOLE, BACKGROUND }

    private final CertificateStoreManager storeManager;
    private final String xmppDomain;
    private final KeystoreFileSync fileSync;
    private final Runnable restartHttpsBind;
    private final Supplier<List<TlsEndpoint>> listeners;
    private final HandshakeCheck check;
    private final Runnable pauseConsoleRestart;
    private final Consumer<String> tellAdmins;

    /**
     * @param restartHttpsBind    restarts the BOSH/WebSocket HTTPS server, see {@link OpenfireListeners}
     * @param listeners           the listeners to check, read at each install
     * @param pauseConsoleRestart what Openfire's certificate pages do before touching stores
     * @param tellAdmins          how failures reach the administrators
     */
    public LiveKeystoreInstaller(CertificateStoreManager storeManager, String xmppDomain, KeystoreFileSync fileSync,
                                 Runnable restartHttpsBind, Supplier<List<TlsEndpoint>> listeners, HandshakeCheck check,
                                 Runnable pauseConsoleRestart, Consumer<String> tellAdmins) {
        this.storeManager = Objects.requireNonNull(storeManager, "storeManager");
        this.xmppDomain = Objects.requireNonNull(xmppDomain, "xmppDomain");
        this.fileSync = Objects.requireNonNull(fileSync, "fileSync");
        this.restartHttpsBind = Objects.requireNonNull(restartHttpsBind, "restartHttpsBind");
        this.listeners = Objects.requireNonNull(listeners, "listeners");
        this.check = Objects.requireNonNull(check, "check");
        this.pauseConsoleRestart = Objects.requireNonNull(pauseConsoleRestart, "pauseConsoleRestart");
        this.tellAdmins = Objects.requireNonNull(tellAdmins, "tellAdmins");
    }

    /** Installs and checks; never throws for a failed install, the outcome says what happened. */
    public synchronized InstallOutcome install(CertificateBundle bundle, Origin origin) {
        long start = System.nanoTime();
        if (origin == Origin.ADMIN_CONSOLE) {
            pauseConsoleRestart.run();
        }
        List<IdentityStore> stores = distinctIdentityStores();
        List<Path> files = stores.stream().map(store -> store.getConfiguration().getFile().toPath()).toList();

        if (!DomainEntrySwap.coversDomain(bundle.leaf(), xmppDomain)) {
            return refused("The certificate does not cover the XMPP domain " + xmppDomain + "; nothing was changed.",
                    files, List.of(), start);
        }
        if (stores.isEmpty()) {
            return refused("Openfire has no identity store loaded; nothing was changed.", files, List.of(), start);
        }
        List<TlsEndpoint> endpoints = listeners.get();
        List<EndpointResult> unreachableBefore = check.unreachable(endpoints);
        List<Path> backups;
        CertificateBundle previouslyPending;
        try {
            backups = List.copyOf(storeManager.backup());
            previouslyPending = fileSync.pendingBundle();
            fileSync.beforeLiveInstall(bundle);
        } catch (IOException e) {
            return refused("Could not back up the certificate stores (" + e.getMessage() + "); nothing was changed.",
                    files, List.of(), start);
        }

        List<DomainEntrySwap> applied = new ArrayList<>();
        boolean fileWritten = false;
        try {
            for (IdentityStore store : stores) {
                applied.add(DomainEntrySwap.apply(store, xmppDomain, bundle));
            }
            fileWritten = fileSync.afterLiveInstall(stores);
            restartHttpsBind.run();
        } catch (Exception e) {
            // A failure part-way through writing may have written some files: rewrite them all.
            return rollBack("Installing the certificate failed: " + describe(e), applied, fileSync.writesImmediately(),
                    previouslyPending, files, backups, null, start);
        }

        HandshakeReport report = check.expect(bundle.leaf(), endpoints, unreachableBefore);
        if (!report.allPresentExpected()) {
            return rollBack("After the install, not every listener presented the new certificate:\n"
                    + report.describe(), applied, fileWritten, previouslyPending, files, backups, report, start);
        }
        String message = "Installed the certificate for " + xmppDomain + " (SHA-256 " + report.expectedFingerprint()
                + ") in " + stores.size() + " identity store(s); " + report.results().size()
                + " listener(s) present it. " + notCheckedNote(report) + (fileWritten ? "The keystore files are written."
                : "The keystore files will be written at the maintenance time; established sessions were kept.");
        LOG.info(message);
        return new InstallOutcome(Status.INSTALLED, message, null, files, backups, report, fileWritten, since(start));
    }

    private static String notCheckedNote(HandshakeReport report) {
        return report.notChecked().isEmpty() ? "" : report.notChecked().size()
                + " listener(s) answered no handshake before the install either and were not checked. ";
    }

    /** Every distinct identity store, as Openfire's expiry checker collects them. */
    private List<IdentityStore> distinctIdentityStores() {
        Map<CertificateStoreConfiguration, IdentityStore> distinct = new LinkedHashMap<>();
        for (ConnectionType type : ConnectionType.values()) {
            IdentityStore store = storeManager.getIdentityStore(type);
            if (store != null) {
                distinct.putIfAbsent(store.getConfiguration(), store);
            }
        }
        return List.copyOf(distinct.values());
    }

    private InstallOutcome rollBack(String why, List<DomainEntrySwap> applied, boolean filesWritten,
                                    CertificateBundle previouslyPending, List<Path> files, List<Path> backups,
                                    HandshakeReport report, long start) {
        List<String> problems = new ArrayList<>();
        for (int i = applied.size() - 1; i >= 0; i--) {
            DomainEntrySwap swap = applied.get(i);
            try {
                swap.undo();
            } catch (Exception e) {
                problems.add("restoring " + swap.store().getConfiguration().getFile() + " in memory: " + describe(e));
            }
            if (filesWritten) {
                restoreFile(swap.store(), backups, problems);
            }
        }
        try {
            fileSync.afterRollback(previouslyPending);
        } catch (IOException e) {
            problems.add("resetting the plugin's durable copy: " + describe(e));
        }
        try {
            restartHttpsBind.run();
        } catch (RuntimeException e) {
            problems.add("restarting the HTTPS-bind server: " + describe(e));
        }
        Status status = problems.isEmpty() ? Status.ROLLED_BACK : Status.ROLLBACK_FAILED;
        String reason = problems.isEmpty() ? why
                : why + "\nRolling back: " + String.join("; ", problems) + ". Backups of the stores: " + backups;
        String message = why + "\n" + (problems.isEmpty()
                ? "The previous certificate was put back in place."
                : "Putting the previous certificate back also failed (" + String.join("; ", problems)
                        + "). Backups of the stores: " + backups);
        LOG.warn(message);
        tellAdmins.accept("Certificate Manager: the new certificate for " + xmppDomain + " was not installed.\n" + message);
        return new InstallOutcome(status, message, reason, files, backups, report, false, since(start));
    }

    /** Rewrites the file from the restored in-memory store; if that fails, the backup goes back. */
    private static void restoreFile(IdentityStore store, List<Path> backups, List<String> problems) {
        try {
            store.persist();
        } catch (Exception persistFailure) {
            Path file = store.getConfiguration().getFile().toPath();
            Path backup = backupOf(store, backups);
            try {
                if (backup == null) {
                    throw new IOException("no backup of " + file);
                }
                Files.copy(backup, file, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException copyFailure) {
                problems.add("restoring " + file + ": " + describe(persistFailure) + ", then " + describe(copyFailure));
            }
        }
    }

    /** {@code backup()} names copies {@code <backup dir>/<file name>.<epoch millis>}. */
    private static Path backupOf(IdentityStore store, Collection<Path> backups) {
        Path backupDirectory = store.getConfiguration().getBackupDirectory().toPath().toAbsolutePath().normalize();
        String prefix = store.getConfiguration().getFile().getName() + ".";
        return backups.stream()
                .filter(path -> path.toAbsolutePath().normalize().getParent().equals(backupDirectory))
                .filter(path -> path.getFileName().toString().startsWith(prefix))
                .max(Path::compareTo)
                .orElse(null);
    }

    private InstallOutcome refused(String message, List<Path> files, List<Path> backups, long start) {
        LOG.warn(message);
        tellAdmins.accept("Certificate Manager: the new certificate for " + xmppDomain + " was not installed.\n" + message);
        return new InstallOutcome(Status.REFUSED, message, message, files, backups, null, false, since(start));
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
