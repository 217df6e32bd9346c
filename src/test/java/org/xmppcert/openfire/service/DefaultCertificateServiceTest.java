package org.xmppcert.openfire.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jivesoftware.openfire.keystore.CertificateStoreConfiguration;
import org.jivesoftware.openfire.keystore.CertificateStoreManager;
import org.jivesoftware.openfire.keystore.IdentityStore;
import org.jivesoftware.openfire.security.SecurityAuditManager;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.jivesoftware.util.SystemProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.JID;
import org.xmppcert.core.acme.ChallengeType;
import org.xmppcert.core.challenge.DnsVisibilityCheck;
import org.xmppcert.core.challenge.Http01Responder;
import org.xmppcert.core.challenge.StandaloneHttp01Responder;
import org.xmppcert.core.challenge.TxtRecord;
import org.xmppcert.core.classic.PendingRequest;
import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.keys.CertificateChainCodec;
import org.xmppcert.core.keys.KeyPolicy;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.core.names.NamePolicy;
import org.xmppcert.core.names.ServerDescription;
import org.xmppcert.core.tlscheck.HandshakeCheck;
import org.xmppcert.core.tlscheck.TlsEndpoint;
import org.xmppcert.core.tlscheck.TlsHandshakeProbe;
import org.xmppcert.openfire.console.IdentityStoreOverview;
import org.xmppcert.openfire.install.KeystoreFileSync;
import org.xmppcert.openfire.install.LiveKeystoreInstaller;
import org.xmppcert.openfire.names.ComponentWatcher;
import org.xmppcert.openfire.notify.AuditTrail;
import org.xmppcert.openfire.service.CertificateSettings.DnsUpdateServer;
import org.xmppcert.openfire.service.CertificateSettings.SecretChange;
import org.xmppcert.openfire.service.OrderProgress.NameState;
import org.xmppcert.openfire.service.OrderProgress.Phase;
import org.xmppcert.openfire.storage.PluginStorage;
import org.xmppcert.openfire.storage.PropertyEncryptorSealer;
import org.xmppcert.testing.LiveKeyStoreTlsServer;
import org.xmppcert.testing.OpenfireSchemaScripts;
import org.xmppcert.testing.Pebble;
import org.xmppcert.testing.TestCertificateAuthority;
import org.xmppcert.testing.TestCertificates;
import org.xmppcert.testing.TestPropertyEncryptor;

/**
 * The service end to end, as the console drives it: a real Pebble, a real key store file served by
 * a real loopback TLS listener, the plugin's tables on HSQLDB, and the settings in the plugin's
 * properties.
 */
class DefaultCertificateServiceTest {

    private static final String DOMAIN = "example.org";
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String PLUGIN = "certificatemanager";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static StandaloneHttp01Responder http01;
    private static Pebble pebble;

    @TempDir
    Path home;

    private final AtomicReference<ServerDescription> server = new AtomicReference<>(
            new ServerDescription(DOMAIN, "", List.of("conference." + DOMAIN), List.of()));
    private final List<String> audit = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final CountDownLatch started = new CountDownLatch(1);
    private String databaseUrl;
    private PluginStorage storage;
    private IdentityStore store;
    private LiveKeyStoreTlsServer listener;
    private DefaultCertificateService service;
    private SavedSettings savedSettings;

    @BeforeAll
    static void startPebble() throws Exception {
        http01 = StandaloneHttp01Responder.start(new InetSocketAddress("127.0.0.1", 0));
        pebble = Pebble.builder().http01Port(http01.address().getPort()).start();
    }

    @AfterAll
    static void stopPebble() {
        pebble.close();
        http01.close();
    }

    @BeforeEach
    void openfire() throws Exception {
        databaseUrl = "jdbc:hsqldb:mem:service" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(databaseUrl, "SA", "")) {
            OpenfireSchemaScripts.installOnFreshServer(connection, "hsqldb");
        }
        storage = new PluginStorage(() -> DriverManager.getConnection(databaseUrl, "SA", ""),
                new PropertyEncryptorSealer(() -> TestPropertyEncryptor.authenticated("server key")), Clock.systemUTC());

        KeyStore keyStore = TestCertificates.emptyKeyStore(PASSWORD);
        Instant now = Instant.now();
        TestCertificates.addKeyEntry(keyStore, DOMAIN + "_self", TestCertificates.issue("CN=" + DOMAIN, List.of(DOMAIN),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365))), PASSWORD);
        File file = TestCertificates.write(keyStore, home.resolve("keystore"), PASSWORD).toFile();
        store = new IdentityStore(new CertificateStoreConfiguration("PKCS12", file, PASSWORD,
                Files.createDirectories(home.resolve("backup")).toFile()), false);
        listener = new LiveKeyStoreTlsServer(store.getStore(), PASSWORD, LiveKeyStoreTlsServer.Mode.DIRECT_TLS, DOMAIN);
        savedSettings = SavedSettings.define(PLUGIN, storage.settings(), storage.sealer());
        service = service(http01);
        saveAcmeSettings(ChallengeType.HTTP_01, true);
    }

    @AfterEach
    void shutdown() throws Exception {
        service.close();
        pool.shutdownNow();
        listener.close();
        SystemProperty.removePropertiesForPlugin(PLUGIN);
        try (Connection connection = DriverManager.getConnection(databaseUrl, "SA", "");
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    @Test
    void aRequestShowsItsPhasesAndEachNameThenPutsTheCertificateLiveAndChecksIt() throws Exception {
        X509Certificate before = presentedLeaf();
        assertTrue(service.status().actions().contains(CertificateStatus.CallToAction.noCaSignedCertificate(DOMAIN)),
                service.status().actions().toString());

        String ticket = service.requestCertificate("admin");
        assertEquals(ticket, service.requestCertificate("other-admin"), "one request at a time");
        started.countDown();
        List<Phase> seen = new ArrayList<>();
        OrderProgress done = awaitFinished(ticket, seen);

        assertEquals(Phase.DONE, done.phase(), done.failure().orElse(""));
        assertEquals(List.of(Phase.ORDERING, Phase.VALIDATING, Phase.FINALIZING, Phase.INSTALLING, Phase.DONE),
                seen.stream().distinct().filter(phase -> phase != Phase.AWAITING_DNS_RECORDS).toList());
        assertEquals(List.of(DOMAIN, "conference." + DOMAIN), done.names().stream().map(OrderProgress.NameProgress::name).toList());
        assertTrue(done.names().stream().allMatch(name -> name.state() == NameState.VALID), done.names().toString());
        assertEquals("admin", done.startedBy());

        X509Certificate presented = presentedLeaf();
        assertNotEquals(before, presented);
        assertEquals(pebbleIssued(presented), true, "a new handshake gets the certificate from Pebble");
        assertTrue(done.installResult().orElseThrow().contains("1 listener(s) present it"), done.installResult().get());

        CertificateEvent issued = service.history(10).get(0);
        assertEquals(CertificateEventType.ISSUED, issued.type());
        assertEquals("admin", issued.actor());
        assertEquals(presented.getSerialNumber().toString(16), issued.certificate().serialNumber());

        CertificateStatus status = service.status();
        CertificateStatus.CertificateInUse inUse = status.stores().get(0).certificate().orElseThrow();
        assertEquals(presented.getSerialNumber().toString(16), inUse.serialNumber());
        assertFalse(inUse.selfSigned());
        assertEquals(List.of(), inUse.missingNames());
        assertEquals("EC_P256", inUse.keyType());
        assertTrue(inUse.daysLeft() > 0);
        assertEquals(List.of(), status.actions());
        CertificateStatus.LastAttempt lastAttempt = status.lastAttempt().orElseThrow();
        assertEquals(CertificateStatus.LastAttempt.Outcome.ISSUED, lastAttempt.outcome());
        assertEquals("admin", lastAttempt.actor());
        assertEquals(issued.at(), lastAttempt.at());
        assertTrue(audited("admin: Certificate Manager: Requested a certificate for example.org, conference.example.org"),
                audit.toString());
        assertTrue(audit.contains("admin: Certificate Manager: certificate issued for example.org, conference.example.org"),
                audit.toString());
    }

    @Test
    void aNameTheCaCannotValidateFailsTheRequestWithTheCasReasonOnThatName() throws Exception {
        server.set(new ServerDescription("example.net", "", List.of("broken.example.net"), List.of()));
        Http01Responder wrongForOneName = new Http01Responder() {
            @Override
            public void publish(String domain, String token, String keyAuthorization) {
                http01.publish(domain, token, domain.startsWith("broken.") ? "wrong" : keyAuthorization);
            }

            @Override
            public void withdraw(String token) {
                http01.withdraw(token);
            }
        };
        service.close();
        service = service(wrongForOneName);
        started.countDown();

        OrderProgress failed = awaitFinished(service.requestCertificate("admin"), new ArrayList<>());

        assertEquals(Phase.FAILED, failed.phase());
        OrderProgress.NameProgress broken = failed.names().stream()
                .filter(name -> name.name().equals("broken.example.net")).findFirst().orElseThrow();
        assertEquals(NameState.INVALID, broken.state());
        assertTrue(broken.detail().orElseThrow().contains("key authorization"), broken.detail().get());
        assertTrue(failed.failure().orElseThrow().contains("broken.example.net"), failed.failure().get());
        CertificateEvent event = service.history(1).get(0);
        assertEquals(CertificateEventType.FAILED, event.type());
        assertTrue(service.status().actions().stream()
                .filter(action -> action.kind() == CertificateStatus.CallToAction.Kind.LAST_ATTEMPT_FAILED)
                .anyMatch(action -> action.arguments().get(0).toString().contains("broken.example.net")),
                service.status().actions().toString());
    }

    @Test
    void manualDnsRecordsAreShownThenConfirmedAndTheRequestCompletes() throws Exception {
        saveAcmeSettings(ChallengeType.DNS_01, true);
        started.countDown();
        String ticket = service.requestCertificate("admin");

        OrderProgress awaiting = awaitPhase(ticket, Phase.AWAITING_DNS_RECORDS);
        List<TxtRecord> records = awaiting.dnsRecords();
        assertEquals(List.of("_acme-challenge.conference.example.org", "_acme-challenge.example.org"),
                records.stream().map(TxtRecord::owner).sorted().toList());
        for (TxtRecord record : records) {
            pebble.challTestSrv().setTxt(record.owner(), record.value());
        }
        service.confirmDnsRecords(ticket, "admin");
        OrderProgress done = awaitFinished(ticket, new ArrayList<>());

        assertEquals(Phase.DONE, done.phase(), done.failure().orElse(""));
        assertEquals(List.of(), done.dnsRecords());
        assertTrue(pebbleIssued(presentedLeaf()));
        assertTrue(audited("admin: Certificate Manager: Confirmed the DNS records of certificate request " + ticket),
                audit.toString());
        assertThrows(IllegalStateException.class, () -> service.confirmDnsRecords(ticket, "admin"),
                "nothing is waiting any more");
        for (TxtRecord record : records) {
            pebble.challTestSrv().clearTxt(record.owner());
        }
    }

    @Test
    void cancellingARequestWaitingForDnsRecordsEndsItAndKeepsTheCertificateInUse() throws Exception {
        saveAcmeSettings(ChallengeType.DNS_01, true);
        started.countDown();
        X509Certificate before = presentedLeaf();
        String ticket = service.requestCertificate("admin");
        awaitPhase(ticket, Phase.AWAITING_DNS_RECORDS);

        service.cancel(ticket, "admin");
        OrderProgress cancelled = awaitFinished(ticket, new ArrayList<>());

        assertEquals(Phase.FAILED, cancelled.phase());
        assertTrue(cancelled.failure().orElseThrow().contains("cancelled"), cancelled.failure().get());
        assertEquals(before, presentedLeaf());
        assertTrue(audited("admin: Certificate Manager: Cancelled certificate request " + ticket), audit.toString());
        assertNotEquals(ticket, service.requestCertificate("admin"), "a new request can start");
    }

    @Test
    void aClassicCertificateIsCheckedInstalledAndRecordedAndAWrongOneLeavesTheRequestPending() throws Exception {
        TestCertificateAuthority ca = TestCertificateAuthority.create("Classic", Instant.now());
        service.close();
        service = builder(http01).trustedRoots(() -> List.of(ca.root())).build();

        ClassicRequestView request = service.startClassicRequest("admin");
        assertEquals(List.of(DOMAIN, "conference." + DOMAIN), request.names());
        assertTrue(request.csrPem().startsWith("-----BEGIN CERTIFICATE REQUEST-----"));
        assertTrue(request.verificationMailboxes().contains("hostmaster@example.org"));
        assertEquals(List.of(request.id()), service.pendingClassicRequests().stream().map(ClassicRequestView::id).toList());

        PendingRequest pending = storage.pendingRequests().find(request.id()).orElseThrow();
        X509Certificate forOtherNames = ca.issue(KeyType.EC_P256.generate().getPublic(), List.of(DOMAIN),
                Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(90)));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () ->
                service.acceptClassicCertificate(request.id(), pem(forOtherNames, ca.intermediate()), new byte[0], "admin"));
        assertTrue(refused.getMessage().contains("different key"), refused.getMessage());
        assertEquals(1, service.pendingClassicRequests().size(), "the request stays pending");

        X509Certificate issued = ca.issue(pending.csr(), Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(365)));
        String result = service.acceptClassicCertificate(request.id(), pem(issued, ca.intermediate()), new byte[0], "admin");

        assertTrue(result.startsWith("Installed the certificate"), result);
        assertEquals(issued, presentedLeaf());
        assertEquals(List.of(), service.pendingClassicRequests());
        CertificateEvent event = service.history(1).get(0);
        assertEquals(CertificateEventType.ISSUED, event.type());
        assertEquals(issued.getSerialNumber().toString(16), event.certificate().serialNumber());
        IllegalStateException atTheCa = assertThrows(IllegalStateException.class,
                () -> service.revoke(event.certificate().serialNumber(), "superseded", "admin"));
        assertTrue(atTheCa.getMessage().contains("website"), atTheCa.getMessage());
    }

    @Test
    void revokingAtPebbleIsRecordedAndTheStatusAsksForANewCertificate() throws Exception {
        started.countDown();
        OrderProgress done = awaitFinished(service.requestCertificate("admin"), new ArrayList<>());
        assertEquals(Phase.DONE, done.phase(), done.failure().orElse(""));
        String serial = presentedLeaf().getSerialNumber().toString(16);

        assertThrows(IllegalArgumentException.class, () -> service.revoke(serial, "becauseISaySo", "admin"));
        service.revoke(serial, "superseded", "admin");

        CertificateEvent revoked = service.history(1).get(0);
        assertEquals(CertificateEventType.REVOKED, revoked.type());
        assertEquals(serial, revoked.certificate().serialNumber());
        assertEquals(CertificateStatus.CallToAction.revoked(serial), service.status().actions().get(0));
        assertTrue(audit.contains("admin: Certificate Manager: certificate revoked for example.org, conference.example.org"),
                audit.toString());
        IllegalStateException again = assertThrows(IllegalStateException.class,
                () -> service.revoke(serial, "superseded", "admin"), "Pebble knows it is revoked already");
        assertTrue(again.getMessage().toLowerCase().contains("revoked"), again.getMessage());
    }

    @Test
    void aComponentAppearingInAutomaticModeLeadsToExactlyOneOrder() throws Exception {
        started.countDown();
        OrderProgress first = awaitFinished(service.requestCertificate("admin"), new ArrayList<>());
        assertEquals(Phase.DONE, first.phase(), first.failure().orElse(""));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ComponentWatcher watcher = new ComponentWatcher(service::wantedNames, () -> overview().coveredNames(
                ConnectionType.SOCKET_C2S), () -> Duration.ofMillis(300), ComponentWatcher.Scheduler.on(timer),
                service.coverageGapListener());
        try {
            server.set(new ServerDescription(DOMAIN, "", List.of("conference." + DOMAIN, "upload." + DOMAIN), List.of()));
            for (int event = 0; event < 5; event++) {
                watcher.componentRegistered(new JID(null, "upload." + DOMAIN, null, true));
                Thread.sleep(20);
            }
            OrderProgress second = awaitNewOrder(first.ticket());
            OrderProgress renewed = awaitFinished(second.ticket(), new ArrayList<>());

            assertEquals(Phase.DONE, renewed.phase(), renewed.failure().orElse(""));
            assertEquals("scheduler", renewed.startedBy());
            assertTrue(renewed.names().stream().anyMatch(name -> name.name().equals("upload." + DOMAIN)));
            watcher.componentRegistered(new JID(null, "upload." + DOMAIN, null, true));
            Thread.sleep(600);
            assertEquals(1, audit.stream().filter(line -> line.startsWith(
                    "scheduler: Certificate Manager: Requested a certificate")).count(), audit.toString());
            assertEquals(List.of(CertificateEventType.RENEWED, CertificateEventType.ISSUED),
                    service.history(10).stream().map(CertificateEvent::type)
                            .filter(CertificateEventType::concernsACertificate).toList());
        } finally {
            watcher.close();
            timer.shutdownNow();
        }
    }

    @Test
    void settingsAreValidatedFieldByFieldAndSecretsAreNeverReturned() {
        CertificateSettings good = acmeSettings(ChallengeType.HTTP_01, true);
        Map<String, String> problems = service.saveSettings(withCa(good, CaPreset.ZEROSSL, Optional.empty(), ""),
                SecretChange.NONE, "admin");
        assertEquals(Set.of("eabKeyId", "eabHmacKey"), problems.keySet(), problems.toString());
        assertEquals(Optional.of(pebble.directory()), service.settings().customDirectory(), "nothing was saved");

        assertProblem("customDirectory", withCa(good, CaPreset.CUSTOM, Optional.of(java.net.URI.create(
                "http://acme.example.com/directory")), ""), SecretChange.NONE);
        assertProblem("customDirectory", withCa(good, CaPreset.CUSTOM, Optional.empty(), ""), SecretChange.NONE);
        assertProblem("customTrustAnchorPem", copy(good, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END"
                + " CERTIFICATE-----", "admin@example.org", true, List.of(14, 7), Duration.ofHours(6)), SecretChange.NONE);
        assertProblem("contactEmail", copy(good, null, "admin at example.org", true, List.of(14, 7), Duration.ofHours(6)),
                SecretChange.NONE);
        assertProblem("termsAgreed", copy(good, null, "admin@example.org", false, List.of(14, 7), Duration.ofHours(6)),
                SecretChange.NONE);
        assertProblem("warningDays", copy(good, null, "admin@example.org", true, List.of(7, 14), Duration.ofHours(6)),
                SecretChange.NONE);
        assertProblem("warningDays", copy(good, null, "admin@example.org", true, List.of(7, 0), Duration.ofHours(6)),
                SecretChange.NONE);
        assertProblem("checkInterval", copy(good, null, "admin@example.org", true, List.of(14, 7), Duration.ofMinutes(59)),
                SecretChange.NONE);
        CertificateSettings badDns = withDns(good, new DnsUpdateServer(" ", 70000, Optional.of("bad..zone"), "",
                "hmac-md5"));
        assertEquals(Set.of("dnsUpdate.host", "dnsUpdate.port", "dnsUpdate.zone", "dnsUpdate.keyName",
                "dnsUpdate.algorithm", "tsigSecret"), service.saveSettings(badDns, SecretChange.NONE, "admin").keySet());

        String hmac = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";
        String tsig = "c2VjcmV0LXRzaWcta2V5LWZvci10ZXN0cw==";
        CertificateSettings zeroSsl = withDns(withCa(good, CaPreset.ZEROSSL, Optional.empty(), "kid-1"),
                new DnsUpdateServer("127.0.0.1", 53, Optional.empty(), "acme-key.", "hmac-sha256"));
        assertEquals(Map.of(), service.saveSettings(zeroSsl, new SecretChange(Optional.of(hmac), Optional.of(tsig)),
                "admin"));
        assertTrue(service.hasSecret("eabHmacKey"));
        assertTrue(service.hasSecret("tsigSecret"));
        assertEquals(Map.of(), service.saveSettings(zeroSsl, SecretChange.NONE, "admin"), "a saved secret need not be re-entered");
        assertTrue(service.hasSecret("eabHmacKey"), "and is kept");
        CertificateSettings saved = service.settings();
        assertEquals(CaPreset.ZEROSSL, saved.ca());
        assertEquals(Optional.of("kid-1"), saved.eabKeyId());
        String everythingShown = saved + String.join("", audit) + SystemProperty.getProperties().toString()
                + SystemProperty.getProperties().stream().map(p -> String.valueOf(p.getValue())).toList();
        assertFalse(everythingShown.contains(hmac), "the HMAC key is never shown");
        assertFalse(everythingShown.contains(tsig), "the TSIG secret is never shown");
        assertFalse(storage.settings().get("eabHmacKey").orElseThrow().contains(hmac), "sealed at rest");
        assertThrows(IllegalArgumentException.class, () -> service.hasSecret("password"));
    }

    // ---------------------------------------------------------------- helpers

    private DefaultCertificateService service(Http01Responder http) throws Exception {
        return builder(http).build();
    }

    private DefaultCertificateService.Builder builder(Http01Responder http) throws Exception {
        CertificateStoreManager storeManager = mock(CertificateStoreManager.class);
        when(storeManager.getIdentityStore(any())).thenReturn(store);
        when(storeManager.backup()).thenAnswer(invocation -> List.of(store.backup()));
        TlsEndpoint endpoint = new TlsEndpoint("c2s direct TLS", TlsEndpoint.Handshake.DIRECT_TLS, listener.host(),
                listener.port(), DOMAIN);
        LiveKeystoreInstaller installer = new LiveKeystoreInstaller(storeManager, DOMAIN,
                new KeystoreFileSync(false, storage.durableCopy()), () -> { }, () -> List.of(endpoint),
                new HandshakeCheck(new TlsHandshakeProbe(), Duration.ofSeconds(5), Duration.ofMillis(50)), () -> { },
                message -> { });
        return DefaultCertificateService.builder()
                .settings(savedSettings)
                .storage(storage)
                .server(server::get)
                .http01(http)
                .installer(installer::install)
                .overview(this::overview)
                .background(task -> pool.submit(() -> {
                    started.await();
                    task.run();
                    return null;
                }))
                .audit(new AuditTrail(storage.history(), securityAuditLog(), () -> DOMAIN, Clock.systemUTC()))
                .dnsCheck(DnsVisibilityCheck.atServers(List.of(pebble.challTestSrv().dnsAddress()))
                        .withTimeout(Duration.ofSeconds(20)))
                .manualDnsTimeout(Duration.ofSeconds(30));
    }

    /** Openfire's security audit log, each entry as "actor: summary". */
    private SecurityAuditManager securityAuditLog() {
        SecurityAuditManager log = mock(SecurityAuditManager.class);
        doAnswer(entry -> audit.add(entry.getArgument(0) + ": " + entry.getArgument(1))).when(log)
                .logEvent(any(), any(), any());
        return log;
    }

    private boolean audited(String entryStart) {
        return audit.stream().anyMatch(entry -> entry.startsWith(entryStart));
    }

    private IdentityStoreOverview overview() {
        CertificateStoreManager storeManager = mock(CertificateStoreManager.class);
        when(storeManager.getIdentityStore(any())).thenReturn(store);
        return IdentityStoreOverview.read(DOMAIN, storeManager, Instant.now(), Duration.ofDays(30));
    }

    private void saveAcmeSettings(ChallengeType challenge, boolean automatic) {
        assertEquals(Map.of(), service.saveSettings(acmeSettings(challenge, automatic), SecretChange.NONE, "admin"));
    }

    private static CertificateSettings acmeSettings(ChallengeType challenge, boolean automatic) {
        return new CertificateSettings(CaPreset.CUSTOM, Optional.of(pebble.directory()),
                Optional.of(CertificateChainCodec.toPem(List.of(pebble.trustAnchor()))), "admin@example.org", true,
                Optional.empty(), KeyPolicy.DEFAULT, challenge, Optional.empty(), NamePolicy.DEFAULT, false, automatic,
                Duration.ofHours(6), List.of(14, 7, 3, 1), true, false, LocalTime.of(4, 0));
    }

    private static CertificateSettings withCa(CertificateSettings s, CaPreset ca, Optional<java.net.URI> directory,
                                              String eabKeyId) {
        return new CertificateSettings(ca, directory, s.customTrustAnchorPem(), s.contactEmail(), s.termsAgreed(),
                eabKeyId.isEmpty() ? Optional.empty() : Optional.of(eabKeyId), s.keyPolicy(), s.challengeType(),
                s.dnsUpdate(), s.namePolicy(), s.xmppIdentities(), s.automatic(), s.checkInterval(), s.warningDays(),
                s.notifyByXmpp(), s.notifyByEmail(), s.maintenanceTime());
    }

    private static CertificateSettings withDns(CertificateSettings s, DnsUpdateServer dns) {
        return new CertificateSettings(s.ca(), s.customDirectory(), s.customTrustAnchorPem(), s.contactEmail(),
                s.termsAgreed(), s.eabKeyId(), s.keyPolicy(), ChallengeType.DNS_01, Optional.of(dns), s.namePolicy(),
                s.xmppIdentities(), s.automatic(), s.checkInterval(), s.warningDays(), s.notifyByXmpp(),
                s.notifyByEmail(), s.maintenanceTime());
    }

    private static CertificateSettings copy(CertificateSettings s, String trustAnchor, String email, boolean terms,
                                            List<Integer> warningDays, Duration interval) {
        return new CertificateSettings(s.ca(), s.customDirectory(),
                trustAnchor == null ? s.customTrustAnchorPem() : Optional.of(trustAnchor), email, terms, s.eabKeyId(),
                s.keyPolicy(), s.challengeType(), s.dnsUpdate(), s.namePolicy(), s.xmppIdentities(), s.automatic(),
                interval, warningDays, s.notifyByXmpp(), s.notifyByEmail(), s.maintenanceTime());
    }

    private void assertProblem(String field, CertificateSettings settings, SecretChange secrets) {
        Map<String, String> problems = service.saveSettings(settings, secrets, "admin");
        assertEquals(Set.of(field), problems.keySet(), problems.toString());
        assertFalse(problems.get(field).isBlank());
    }

    private OrderProgress awaitFinished(String ticket, List<Phase> seen) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            OrderProgress progress = service.progress(ticket).orElseThrow();
            seen.add(progress.phase());
            if (progress.phase().finished()) {
                return progress;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("The request did not finish: " + service.progress(ticket));
    }

    private OrderProgress awaitPhase(String ticket, Phase phase) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            OrderProgress progress = service.progress(ticket).orElseThrow();
            if (progress.phase() == phase) {
                return progress;
            }
            assertFalse(progress.phase().finished(), progress.toString());
            Thread.sleep(20);
        }
        throw new AssertionError("The request never reached " + phase + ": " + service.progress(ticket));
    }

    private OrderProgress awaitNewOrder(String previousTicket) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Optional<OrderProgress> latest = service.latestOrder();
            if (latest.isPresent() && !latest.get().ticket().equals(previousTicket)) {
                return latest.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No order was placed for the new component");
    }

    private X509Certificate presentedLeaf() throws Exception {
        return new TlsHandshakeProbe().presentedLeaf(new TlsEndpoint("c2s", TlsEndpoint.Handshake.DIRECT_TLS,
                listener.host(), listener.port(), DOMAIN), Duration.ofSeconds(5));
    }

    private static boolean pebbleIssued(X509Certificate leaf) {
        return leaf.getIssuerX500Principal().getName().toLowerCase().contains("pebble");
    }

    private static byte[] pem(X509Certificate... certificates) {
        return TestCertificateAuthority.pem(certificates).getBytes(StandardCharsets.US_ASCII);
    }
}
