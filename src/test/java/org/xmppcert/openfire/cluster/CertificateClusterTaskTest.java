package org.xmppcert.openfire.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mockStatic;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.openfire.cluster.NodeID;
import org.jivesoftware.util.cache.CacheFactory;
import org.jivesoftware.util.cache.ClusterTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.core.renewal.IssuanceKind;
import org.xmppcert.core.renewal.ManagedCertificate;
import org.xmppcert.core.secrets.SecretSealer;
import org.xmppcert.openfire.install.CertificateBundle;
import org.xmppcert.openfire.install.InstallOutcome;
import org.xmppcert.openfire.install.LiveKeystoreInstaller.Origin;
import org.xmppcert.openfire.storage.PropertyEncryptorSealer;
import org.xmppcert.testing.TestCertificateAuthority;
import org.xmppcert.testing.TestPropertyEncryptor;

/**
 * A certificate travels from the senior member to the other nodes as the cluster carries it, when
 * the senior installs it and when a node that missed it joins:
 * written with writeExternal, recreated with the no-argument constructor and readExternal, run
 * there. "Another node" is this JVM with another registration, since each node registers its own.
 */
class CertificateClusterTaskTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final NodeID SENIOR = NodeID.getInstance(new byte[] {1, 2, 3});

    private final SecretSealer senior = sealerWithKey("cluster key");
    private final KeyPair keys = KeyType.EC_P256.generate();
    private final CertificateBundle bundle = bundle(keys);
    private final List<CertificateBundle> installed = new ArrayList<>();
    private final List<String> toldAdmins = new ArrayList<>();
    private Runnable stopReceiving = () -> { };

    @AfterEach
    void unregister() {
        stopReceiving.run();
    }

    @Test
    void theChainAndKeyArriveWholeAndAreInstalledOnTheOtherNode() throws Exception {
        stopReceiving = CertificateClusterTask.receiveWith(node("node-2", sealerWithKey("cluster key")));

        CertificateClusterTask arrived = overTheWire(CertificateClusterTask.carrying(bundle, senior));
        arrived.run();

        assertEquals(1, installed.size());
        assertEquals(bundle.chain(), installed.get(0).chain());
        assertArrayEquals(keys.getPrivate().getEncoded(), installed.get(0).key().getEncoded());
        assertEquals(new CertificateClusterTask.NodeOutcome("node-2", true, "installed on node-2"),
                roundTrip(arrived.getResult()));
        assertEquals(List.of(), toldAdmins);
    }

    @Test
    void theKeyNeverCrossesTheWireInTheClear() throws Exception {
        String wire = new String(serialize(CertificateClusterTask.carrying(bundle, senior)), StandardCharsets.ISO_8859_1);

        assertFalse(wire.contains("PRIVATE KEY"));
        String encodedKey = Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
        for (int start = 0; start + 16 <= encodedKey.length(); start += 16) {
            assertFalse(wire.contains(encodedKey.substring(start, start + 16)), "clear key material on the wire");
        }
        assertTrue(wire.contains("BEGIN CERTIFICATE"), "the chain is public and travels as PEM");
    }

    @Test
    void aNodeWithAnotherEncryptionKeyInstallsNothingAndTellsTheAdminsWhatToFix() throws Exception {
        stopReceiving = CertificateClusterTask.receiveWith(node("node-3", sealerWithKey("a different key")));

        CertificateClusterTask arrived = overTheWire(CertificateClusterTask.carrying(bundle, senior));
        arrived.run();

        assertEquals(List.of(), installed);
        assertFalse(arrived.getResult().installed());
        assertEquals(1, toldAdmins.size());
        assertTrue(toldAdmins.get(0).startsWith("Cluster node node-3 could not open the new certificate's key sent by "
                + "the senior member, so it keeps its current certificate. The nodes of a cluster must share Openfire's "
                + "property encryption key: copy conf/security.xml"), toldAdmins.get(0));
        assertEquals(toldAdmins.get(0), arrived.getResult().message());
    }

    @Test
    void aNodeWhereThePluginIsNotRunningSaysSoAndInstallsNothing() throws Exception {
        CertificateClusterTask arrived = overTheWire(CertificateClusterTask.carrying(bundle, senior));
        arrived.run();

        assertFalse(arrived.getResult().installed());
        assertEquals("The plugin is not running on this node, so it keeps its current certificate.",
                arrived.getResult().message());
    }

    @Test
    void aTaskFromAnotherWireFormatIsRefusedNotMisread() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeInt(99);
        }

        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            InvalidObjectException refused = assertThrows(InvalidObjectException.class,
                    () -> new CertificateClusterTask().readExternal(in));
            assertTrue(refused.getMessage().contains("install the same version on every node"), refused.getMessage());
        }
    }

    @Test
    void theSeniorInstallsLocallyFirstThenOnEveryOtherNodeAndCollectsTheirOutcomes() {
        stopReceiving = CertificateClusterTask.receiveWith(node("node-2", sealerWithKey("cluster key")));
        List<String> order = new ArrayList<>();
        ClusterWideInstaller installer = new ClusterWideInstaller((certificate, origin) -> {
            order.add("local " + origin);
            return outcome(InstallOutcome.Status.INSTALLED, "installed here");
        }, senior);

        ClusterWideInstaller.Outcome outcome;
        try (MockedStatic<ClusterManager> cluster = mockStatic(ClusterManager.class);
             MockedStatic<CacheFactory> caches = mockStatic(CacheFactory.class)) {
            cluster.when(ClusterManager::isClusteringStarted).thenReturn(true);
            caches.when(() -> CacheFactory.doSynchronousClusterTask(any(), eq(false))).thenAnswer(call -> {
                order.add("cluster");
                ClusterTask<?> sent = overTheWire(call.getArgument(0));
                sent.run();
                return List.of(sent.getResult());
            });

            outcome = installer.install(bundle, Origin.BACKGROUND);
        }

        assertEquals(List.of("local BACKGROUND", "cluster"), order);
        assertTrue(outcome.installedEverywhere());
        assertEquals(List.of(new CertificateClusterTask.NodeOutcome("node-2", true, "installed on node-2")),
                outcome.otherNodes());
        assertEquals(bundle.chain(), installed.get(0).chain());
    }

    @Test
    void aCertificateThatFailedHereIsNeverSentAndWithoutClusteringNothingIsSent() {
        try (MockedStatic<ClusterManager> cluster = mockStatic(ClusterManager.class);
             MockedStatic<CacheFactory> caches = mockStatic(CacheFactory.class)) {
            cluster.when(ClusterManager::isClusteringStarted).thenReturn(true);
            ClusterWideInstaller.Outcome rolledBack = new ClusterWideInstaller(
                    (certificate, origin) -> outcome(InstallOutcome.Status.ROLLED_BACK, "listener check failed"), senior)
                    .install(bundle, Origin.BACKGROUND);

            cluster.when(ClusterManager::isClusteringStarted).thenReturn(false);
            ClusterWideInstaller.Outcome alone = new ClusterWideInstaller(
                    (certificate, origin) -> outcome(InstallOutcome.Status.INSTALLED, "installed here"), senior)
                    .install(bundle, Origin.BACKGROUND);

            caches.verify(() -> CacheFactory.doSynchronousClusterTask(any(), anyBoolean()), org.mockito.Mockito.never());
            assertFalse(rolledBack.installedEverywhere());
            assertTrue(alone.installedEverywhere());
            assertEquals(List.of(), alone.otherNodes());
        }
    }

    @Test
    void aNodeThatJoinsServingAnOlderCertificateInstallsTheOneTheSeniorServes() {
        X509Certificate expiringSoon = bundle(KeyType.EC_P256.generate(), Duration.ofDays(5)).leaf();

        List<CertificateBundle> caughtUp = joinWhileTheSeniorAnswers(Optional.of(bundle), Optional.of(expiringSoon));

        assertEquals(1, caughtUp.size());
        assertEquals(bundle.chain(), caughtUp.get(0).chain());
        assertArrayEquals(keys.getPrivate().getEncoded(), caughtUp.get(0).key().getEncoded());
    }

    @Test
    void aNodeServingTheSameOrALaterCertificateKeepsIt() {
        X509Certificate later = bundle(KeyType.EC_P256.generate(), Duration.ofDays(120)).leaf();

        assertEquals(List.of(), joinWhileTheSeniorAnswers(Optional.of(bundle), Optional.of(bundle.leaf())));
        assertEquals(List.of(), joinWhileTheSeniorAnswers(Optional.of(bundle), Optional.of(later)),
                "never back to a certificate that expires sooner");
    }

    @Test
    void aSeniorServingACertificateThePluginDidNotInstallSendsNothing() {
        ManagedCertificate installedByThePlugin = ManagedCertificate.of("example.org", List.of("example.org"),
                IssuanceKind.ACME, NOW, NOW.plus(Duration.ofDays(30)));
        Optional<CertificateBundle> servedFor90Days = Optional.of(bundle);

        assertEquals(List.of(), joinWhileTheSeniorAnswers(
                CatchUpQuery.managedOnly(servedFor90Days, List.of(installedByThePlugin)), Optional.empty()),
                "one an admin added by hand, served instead of the plugin's");
        assertEquals(List.of(), joinWhileTheSeniorAnswers(
                CatchUpQuery.managedOnly(servedFor90Days, List.of()), Optional.empty()), "the plugin manages none");
        ManagedCertificate theOneServed = ManagedCertificate.of("example.org", List.of("example.org"),
                IssuanceKind.ACME, NOW, NOW.plus(Duration.ofDays(90)));
        assertEquals(List.of(bundle.chain()), joinWhileTheSeniorAnswers(
                CatchUpQuery.managedOnly(servedFor90Days, List.of(theOneServed)), Optional.empty()).stream()
                .map(CertificateBundle::chain).toList());
    }

    @Test
    void theSeniorItselfAndAServerOutsideAClusterAskNobody() {
        try (MockedStatic<ClusterManager> cluster = mockStatic(ClusterManager.class);
             MockedStatic<CacheFactory> caches = mockStatic(CacheFactory.class)) {
            cluster.when(ClusterManager::isClusteringStarted).thenReturn(true);
            cluster.when(ClusterManager::isSeniorClusterMember).thenReturn(true);
            new ClusterCatchUp(Optional::empty, Runnable::run).joinedCluster();
            cluster.when(ClusterManager::isClusteringStarted).thenReturn(false);
            new ClusterCatchUp(Optional::empty, Runnable::run).started();

            caches.verifyNoInteractions();
        }
    }

    @Test
    void aSeniorThatCannotBeReachedLeavesTheNodeAsItIs() {
        stopReceiving = CertificateClusterTask.receiveWith(node("node-2", sealerWithKey("cluster key")));
        try (MockedStatic<ClusterManager> cluster = joiningNode();
             MockedStatic<CacheFactory> caches = mockStatic(CacheFactory.class)) {
            caches.when(() -> CacheFactory.doSynchronousClusterTask(any(CatchUpQuery.class), any(byte[].class)))
                    .thenThrow(new IllegalStateException("Requested node not found"));

            new ClusterCatchUp(Optional::empty, Runnable::run).joinedCluster();
        }
        assertEquals(List.of(), installed);
    }

    /**
     * A node joins: it asks the senior (this JVM, answering as the senior would, over the wire both
     * ways) and installs what comes back if it is newer than what it serves.
     */
    private List<CertificateBundle> joinWhileTheSeniorAnswers(Optional<CertificateBundle> seniorServes,
                                                             Optional<X509Certificate> joiningNodeServes) {
        installed.clear();
        Runnable stopAnswering = CatchUpQuery.answerWith(() -> seniorServes
                .map(served -> CertificateClusterTask.carrying(served, senior)));
        stopReceiving = CertificateClusterTask.receiveWith(node("node-2", sealerWithKey("cluster key")));
        try (MockedStatic<ClusterManager> cluster = joiningNode();
             MockedStatic<CacheFactory> caches = mockStatic(CacheFactory.class)) {
            caches.when(() -> CacheFactory.doSynchronousClusterTask(any(CatchUpQuery.class),
                    eq(SENIOR.toByteArray()))).thenAnswer(invocation -> {
                        CatchUpQuery atTheSenior = roundTrip(invocation.getArgument(0, CatchUpQuery.class));
                        atTheSenior.run();
                        return roundTrip(atTheSenior.getResult());
                    });

            new ClusterCatchUp(() -> joiningNodeServes, Runnable::run).joinedCluster();
        } finally {
            stopAnswering.run();
        }
        return List.copyOf(installed);
    }

    private static MockedStatic<ClusterManager> joiningNode() {
        MockedStatic<ClusterManager> cluster = mockStatic(ClusterManager.class);
        cluster.when(ClusterManager::isClusteringStarted).thenReturn(true);
        cluster.when(ClusterManager::isSeniorClusterMember).thenReturn(false);
        cluster.when(ClusterManager::getSeniorClusterMember).thenReturn(SENIOR);
        return cluster;
    }

    private CertificateClusterTask.Receiving node(String name, SecretSealer sealer) {
        return new CertificateClusterTask.Receiving(name, sealer, certificate -> {
            installed.add(certificate);
            return outcome(InstallOutcome.Status.INSTALLED, "installed on " + name);
        }, toldAdmins::add);
    }

    private static InstallOutcome outcome(InstallOutcome.Status status, String message) {
        return new InstallOutcome(status, message, status == InstallOutcome.Status.INSTALLED ? null : message, List.of(Path.of("keystore")), List.of(), null, true, Duration.ZERO);
    }

    private static SecretSealer sealerWithKey(String key) {
        return new PropertyEncryptorSealer(() -> TestPropertyEncryptor.authenticated(key));
    }

    private static CertificateBundle bundle(KeyPair keys) {
        return bundle(keys, Duration.ofDays(90));
    }

    private static CertificateBundle bundle(KeyPair keys, Duration validity) {
        TestCertificateAuthority ca = TestCertificateAuthority.create("Cluster", NOW);
        return CertificateBundle.of(keys.getPrivate(), List.of(ca.issue(keys.getPublic(),
                List.of("example.org", "conference.example.org"), NOW, NOW.plus(validity)), ca.intermediate()));
    }

    /** What the receiving node gets: a new instance filled in by readExternal. */
    private static CertificateClusterTask overTheWire(CertificateClusterTask task) throws IOException {
        CertificateClusterTask arrived = new CertificateClusterTask();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialize(task)))) {
            arrived.readExternal(in);
        }
        return arrived;
    }

    private static byte[] serialize(CertificateClusterTask task) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            task.writeExternal(out);
        }
        return bytes.toByteArray();
    }

    /** The result goes back to the senior member serialized too. */
    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
