package org.xmppcert.openfire.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocket;

import org.jivesoftware.openfire.keystore.CertificateStoreManager;
import org.jivesoftware.openfire.keystore.IdentityStore;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.jivesoftware.util.CertificateEventListener;
import org.jivesoftware.util.CertificateManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppcert.core.tlscheck.CertificateCapture;
import org.xmppcert.core.tlscheck.EndpointResult;
import org.xmppcert.core.tlscheck.HandshakeCheck;
import org.xmppcert.core.tlscheck.TlsEndpoint;
import org.xmppcert.core.tlscheck.TlsEndpoint.Handshake;
import org.xmppcert.core.tlscheck.TlsHandshakeProbe;
import org.xmppcert.openfire.install.InstallOutcome.Status;
import org.xmppcert.openfire.install.LiveKeystoreInstaller.Origin;
import org.xmppcert.testing.IdentityStoreFiles;
import org.xmppcert.testing.LiveKeyStoreTlsServer;
import org.xmppcert.testing.SmackClientStartTlsProbe;
import org.xmppcert.testing.LiveKeyStoreTlsServer.Mode;
import org.xmppcert.testing.TestCertificateAuthority;
import org.xmppcert.testing.TestCertificateAuthority.Issued;

/**
 * The installer against real key store files served by real loopback TLS listeners that, like
 * Openfire's, build each handshake's key manager from the live in-memory store.
 */
class LiveKeystoreInstallerTest {

    private static final String DOMAIN = "example.org";
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path home;

    private final TestCertificateAuthority ca = TestCertificateAuthority.create("Test", Instant.now());
    private final Issued old = ca.issueWithNewKey(DOMAIN, "*.example.org");
    private final Issued renewed = ca.issueWithNewKey(DOMAIN, "*.example.org");
    private final List<String> adminMessages = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger httpsBindRestarts = new AtomicInteger();
    private final InMemoryDurableCertificateCopy durableCopy = new InMemoryDurableCertificateCopy();
    private final List<LiveKeyStoreTlsServer> servers = new ArrayList<>();
    private IdentityStore store;
    private CertificateStoreManager storeManager;

    @BeforeEach
    void openfireWithTheOldCertificate() throws Exception {
        store = identityStoreFile("keystore", old);
        storeManager = mock(CertificateStoreManager.class);
        when(storeManager.getIdentityStore(any())).thenReturn(store);
        when(storeManager.backup()).thenAnswer(invocation -> List.of(store.backup()));
    }

    @AfterEach
    void stopListeners() throws Exception {
        for (LiveKeyStoreTlsServer server : servers) {
            server.close();
        }
    }

    @Test
    void anEstablishedSessionSurvivesTheInstallWhileNewHandshakesGetTheNewCertificate() throws Exception {
        LiveKeyStoreTlsServer direct = serve(store, Mode.DIRECT_TLS);
        LiveKeyStoreTlsServer c2s = serve(store, Mode.XMPP_CLIENT_STARTTLS);
        LiveKeyStoreTlsServer s2s = serve(store, Mode.XMPP_SERVER_STARTTLS);
        EstablishedSession session = EstablishedSession.open(direct);
        assertEquals("before", session.roundTrip("before"));

        InstallOutcome outcome = installer(true, List.of(endpoint(direct, Handshake.DIRECT_TLS),
                endpoint(c2s, Handshake.XMPP_CLIENT_STARTTLS), endpoint(s2s, Handshake.XMPP_SERVER_STARTTLS)))
                .install(bundle(renewed), Origin.BACKGROUND);

        assertEquals(Status.INSTALLED, outcome.status(), outcome.message());
        assertEquals("after", session.roundTrip("after"), "the established session still carries data");
        assertEquals(old.leaf(), session.peerLeaf(), "and keeps the certificate it was set up with");
        assertEquals(renewed.leaf(), new TlsHandshakeProbe().presentedLeaf(endpoint(direct, Handshake.DIRECT_TLS),
                Duration.ofSeconds(5)), "a new handshake gets the new certificate");
        assertEquals(3, outcome.check().results().size());
        assertEquals(Map.of(DomainEntrySwap.aliasFor(DOMAIN, renewed.leaf()), renewed.leaf()),
                store.getAllCertificates(), "the old entry is gone, so Openfire's expiry checker forgets it");
        assertEquals(1, httpsBindRestarts.get());
        assertEquals(1, outcome.backups().size());
        assertTrue(Files.exists(outcome.backups().get(0)));
        System.out.println("install + check of 3 listeners took " + outcome.elapsed().toMillis() + " ms");

        // The watcher is on, so the file waits for the maintenance time; the durable copy covers a crash.
        assertFalse(outcome.fileWritten());
        assertEquals(old.leaf(), leafOnDisk(store));
        assertEquals(renewed.leaf(), durableCopy.load().orElseThrow().leaf());
    }

    @Test
    void theMaintenanceWriteBringsTheFileUpToDateAndDropsTheDurableCopy() throws Exception {
        LiveKeyStoreTlsServer direct = serve(store, Mode.DIRECT_TLS);
        KeystoreFileSync fileSync = new KeystoreFileSync(true, durableCopy);
        installer(fileSync, List.of(endpoint(direct, Handshake.DIRECT_TLS))).install(bundle(renewed), Origin.BACKGROUND);
        assertTrue(fileSync.hasPendingWrite());

        EstablishedSession session = EstablishedSession.open(direct);
        CertificateEventListener reconfigureListeners = changed -> direct.dropEstablishedSessions();
        CertificateManager.addListener(reconfigureListeners);
        try {
            fileSync.writePending();
            // What Openfire's store watcher does when it sees the file change.
            store.reload();
        } finally {
            CertificateManager.removeListener(reconfigureListeners);
        }

        assertEquals(renewed.leaf(), leafOnDisk(store));
        assertTrue(durableCopy.load().isEmpty());
        assertFalse(fileSync.hasPendingWrite());
        assertEquals(null, session.roundTripOrNull("after the write"),
                "the documented cost of the file write with the watcher on: established sessions reconnect");
    }

    @Test
    void afterACrashBeforeTheFileWriteTheDurableCopyIsReappliedAtStart() throws Exception {
        LiveKeyStoreTlsServer direct = serve(store, Mode.DIRECT_TLS);
        installer(true, List.of(endpoint(direct, Handshake.DIRECT_TLS))).install(bundle(renewed), Origin.BACKGROUND);

        // Openfire restarts: the store is loaded again from the file, which still holds the old certificate.
        IdentityStore reloaded = new IdentityStore(store.getConfiguration(), false);
        assertEquals(old.leaf(), onlyLeaf(reloaded));
        KeystoreFileSync afterRestart = new KeystoreFileSync(true, durableCopy);

        List<IdentityStore> reapplied = afterRestart.reapplyAtStart(List.of(reloaded), DOMAIN);

        assertEquals(List.of(reloaded), reapplied);
        assertEquals(renewed.leaf(), onlyLeaf(reloaded));
        assertTrue(afterRestart.hasPendingWrite());
    }

    @Test
    void withTheWatcherOffTheFileIsWrittenAtOnce() throws Exception {
        LiveKeyStoreTlsServer direct = serve(store, Mode.DIRECT_TLS);

        InstallOutcome outcome = installer(false, List.of(endpoint(direct, Handshake.DIRECT_TLS)))
                .install(bundle(renewed), Origin.BACKGROUND);

        assertEquals(Status.INSTALLED, outcome.status(), outcome.message());
        assertTrue(outcome.fileWritten());
        assertEquals(renewed.leaf(), leafOnDisk(store));
        assertTrue(durableCopy.load().isEmpty(), "nothing to re-apply: the file has it");
    }

    @Test
    void aListenerThatKeepsTheOldCertificateMakesTheInstallRollBack() throws Exception {
        // This listener serves a snapshot of the store, so it never sees the install.
        IdentityStore frozenCopy = new IdentityStore(store.getConfiguration(), false);
        LiveKeyStoreTlsServer stale = serve(frozenCopy, Mode.XMPP_SERVER_STARTTLS);
        String oldAlias = onlyAlias(store);

        InstallOutcome outcome = installer(false, List.of(endpoint(stale, Handshake.XMPP_SERVER_STARTTLS)))
                .install(bundle(renewed), Origin.BACKGROUND);

        assertEquals(Status.ROLLED_BACK, outcome.status(), outcome.message());
        assertTrue(outcome.message().contains("still presents another certificate"), outcome.message());
        assertEquals(Map.of(oldAlias, old.leaf()), store.getAllCertificates(), "the old entry is back, same alias");
        assertEquals(old.leaf(), leafOnDisk(store), "the file written during the install is restored");
        assertNotNull(store.getStore().getKey(oldAlias, PASSWORD), "with its private key");
        assertEquals(2, httpsBindRestarts.get(), "HTTPS bind restarted again to serve the old certificate");
        assertEquals(1, adminMessages.size());
        assertTrue(adminMessages.get(0).contains("was not installed"), adminMessages.get(0));
        assertTrue(durableCopy.load().isEmpty(), "a rolled-back certificate is never re-applied at start");
    }

    @Test
    void aListenerThatWasDownBeforeTheInstallDoesNotMakeItRollBack() throws Exception {
        LiveKeyStoreTlsServer c2s = serve(store, Mode.XMPP_CLIENT_STARTTLS);
        LiveKeyStoreTlsServer s2s = serve(store, Mode.XMPP_SERVER_STARTTLS);
        TlsEndpoint stoppedS2s = endpoint(s2s, Handshake.XMPP_SERVER_STARTTLS);
        s2s.close();

        InstallOutcome outcome = installer(true, List.of(endpoint(c2s, Handshake.XMPP_CLIENT_STARTTLS), stoppedS2s))
                .install(bundle(renewed), Origin.BACKGROUND);

        assertEquals(Status.INSTALLED, outcome.status(), outcome.message());
        assertEquals(renewed.leaf(), new TlsHandshakeProbe(new SmackClientStartTlsProbe()).presentedLeaf(
                endpoint(c2s, Handshake.XMPP_CLIENT_STARTTLS), Duration.ofSeconds(5)));
        assertEquals(List.of(stoppedS2s), outcome.check().notChecked().stream().map(EndpointResult::endpoint).toList());
        assertTrue(outcome.message().contains("1 listener(s) answered no handshake before the install either"),
                outcome.message());
        assertEquals(List.of(), adminMessages, "nothing went wrong that the install could mend");
    }

    @Test
    void aListenerThatStopsAnsweringDuringTheInstallMakesItRollBack() throws Exception {
        LiveKeyStoreTlsServer c2s = serve(store, Mode.XMPP_CLIENT_STARTTLS);
        LiveKeyStoreTlsServer s2s = serve(store, Mode.XMPP_SERVER_STARTTLS);
        List<TlsEndpoint> endpoints = List.of(endpoint(c2s, Handshake.XMPP_CLIENT_STARTTLS),
                endpoint(s2s, Handshake.XMPP_SERVER_STARTTLS));
        Runnable httpsBindRestartThatTakesS2sDown = () -> {
            try {
                s2s.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        InstallOutcome outcome = installer(new KeystoreFileSync(true, durableCopy), endpoints,
                httpsBindRestartThatTakesS2sDown).install(bundle(renewed), Origin.BACKGROUND);

        assertEquals(Status.ROLLED_BACK, outcome.status(), outcome.message());
        assertTrue(outcome.message().contains("no TLS handshake"), outcome.message());
        assertEquals(old.leaf(), new TlsHandshakeProbe(new SmackClientStartTlsProbe()).presentedLeaf(
                endpoint(c2s, Handshake.XMPP_CLIENT_STARTTLS), Duration.ofSeconds(5)), "the old certificate again");
    }

    @Test
    void aFailureInTheSecondStoreRollsBackTheFirst() throws Exception {
        IdentityStore broken = spy(identityStoreFile("multiplex-keystore", old));
        KeyStore unusable = KeyStore.getInstance("PKCS12"); // never loaded: every access throws
        when(broken.getStore()).thenReturn(unusable);
        // CONNECTION_MANAGER comes last in ConnectionType order, so the shared store is changed before this one fails.
        when(storeManager.getIdentityStore(ConnectionType.CONNECTION_MANAGER)).thenReturn(broken);
        when(storeManager.backup()).thenAnswer(invocation -> List.of(store.backup(), broken.backup()));
        LiveKeyStoreTlsServer direct = serve(store, Mode.DIRECT_TLS);
        String oldAlias = onlyAlias(store);

        InstallOutcome outcome = installer(true, List.of(endpoint(direct, Handshake.DIRECT_TLS)))
                .install(bundle(renewed), Origin.BACKGROUND);

        assertEquals(Status.ROLLED_BACK, outcome.status(), outcome.message());
        assertTrue(outcome.message().startsWith("Installing the certificate failed"), outcome.message());
        assertEquals(Map.of(oldAlias, old.leaf()), store.getAllCertificates());
        assertEquals(old.leaf(), new TlsHandshakeProbe().presentedLeaf(endpoint(direct, Handshake.DIRECT_TLS),
                Duration.ofSeconds(5)), "the listener serves the old certificate again");
        assertEquals(2, outcome.storeFiles().size());
        assertTrue(durableCopy.load().isEmpty());
    }

    @Test
    void aCertificateForAnotherDomainIsRefusedWithoutTouchingAnything() throws Exception {
        Issued foreign = ca.issueWithNewKey("example.net");
        String oldAlias = onlyAlias(store);

        InstallOutcome outcome = installer(true, List.of()).install(bundle(foreign), Origin.ADMIN_CONSOLE);

        assertEquals(Status.REFUSED, outcome.status());
        assertTrue(outcome.message().contains("does not cover the XMPP domain example.org"), outcome.message());
        assertEquals(Map.of(oldAlias, old.leaf()), store.getAllCertificates());
        assertEquals(0, httpsBindRestarts.get());
        assertEquals(1, consolePauses.get(), "started from the console: its auto-restart was paused first");
    }

    private final AtomicInteger consolePauses = new AtomicInteger();

    private LiveKeystoreInstaller installer(boolean watcherActive, List<TlsEndpoint> endpoints) {
        return installer(new KeystoreFileSync(watcherActive, durableCopy), endpoints);
    }

    private LiveKeystoreInstaller installer(KeystoreFileSync fileSync, List<TlsEndpoint> endpoints) {
        return installer(fileSync, endpoints, httpsBindRestarts::incrementAndGet);
    }

    private LiveKeystoreInstaller installer(KeystoreFileSync fileSync, List<TlsEndpoint> endpoints,
                                            Runnable restartHttpsBind) {
        HandshakeCheck check = new HandshakeCheck(new TlsHandshakeProbe(new SmackClientStartTlsProbe()),
                Duration.ofSeconds(1), Duration.ofMillis(50));
        return new LiveKeystoreInstaller(storeManager, DOMAIN, fileSync, restartHttpsBind,
                () -> endpoints, check, consolePauses::incrementAndGet, adminMessages::add);
    }

    private IdentityStore identityStoreFile(String name, Issued content) {
        return IdentityStoreFiles.create(home.resolve(name), PASSWORD, home.resolve("archive"),
                Map.of("example.org_1", content));
    }

    private LiveKeyStoreTlsServer serve(IdentityStore identityStore, Mode mode) throws Exception {
        LiveKeyStoreTlsServer server = new LiveKeyStoreTlsServer(identityStore.getStore(), PASSWORD, mode, DOMAIN);
        servers.add(server);
        return server;
    }

    private static TlsEndpoint endpoint(LiveKeyStoreTlsServer server, Handshake handshake) {
        return new TlsEndpoint(handshake.name(), handshake, server.host(), server.port(), DOMAIN);
    }

    private static CertificateBundle bundle(Issued issued) {
        return CertificateBundle.of(issued.key(), issued.chain());
    }

    private static X509Certificate leafOnDisk(IdentityStore identityStore) {
        return IdentityStoreFiles.leafOnDisk(identityStore, PASSWORD);
    }

    private static X509Certificate onlyLeaf(IdentityStore identityStore) throws Exception {
        return identityStore.getAllCertificates().values().stream().reduce((a, b) -> {
            throw new AssertionError("more than one entry");
        }).orElseThrow();
    }

    private static String onlyAlias(IdentityStore identityStore) throws Exception {
        return identityStore.getAllCertificates().keySet().iterator().next();
    }

    /** A TLS client connection kept open across the install, like a logged-in XMPP client's. */
    private record EstablishedSession(SSLSocket socket, BufferedReader in, PrintWriter out, CertificateCapture capture) {

        static EstablishedSession open(LiveKeyStoreTlsServer server) throws Exception {
            CertificateCapture capture = new CertificateCapture();
            SSLSocket socket = (SSLSocket) capture.socketFactory().createSocket(server.host(), server.port());
            socket.setSoTimeout(5000);
            socket.startHandshake();
            EstablishedSession session = new EstablishedSession(socket,
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)),
                    new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8), capture);
            // The client's handshake can end before the server has filed the session as established;
            // an echo proves the server side is in its loop, so it counts among the sessions it drops.
            if (!"established".equals(session.roundTrip("established"))) {
                throw new IllegalStateException("The test listener does not echo");
            }
            return session;
        }

        String roundTrip(String line) throws Exception {
            out.println(line);
            return in.readLine();
        }

        /** Null when the server closed the session. */
        String roundTripOrNull(String line) {
            try {
                return roundTrip(line);
            } catch (Exception closed) {
                return null;
            }
        }

        X509Certificate peerLeaf() throws Exception {
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
