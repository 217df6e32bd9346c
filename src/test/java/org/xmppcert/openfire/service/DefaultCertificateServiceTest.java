package org.xmppcert.openfire.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.xmppcert.core.renewal.IssuanceKind;
import org.xmppcert.core.renewal.ManagedCertificate;
import org.xmppcert.openfire.names.LiveServerDescription;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

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
import org.xmppcert.core.acme.IssuanceProblem;
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
import org.xmppcert.openfire.console.IdentityStoreOverview;
import org.xmppcert.openfire.names.ComponentWatcher;
import org.xmppcert.openfire.notify.AuditTrail;
import org.xmppcert.openfire.service.CertificateSettings.DnsUpdateServer;
import org.xmppcert.openfire.service.CertificateSettings.SecretChange;
import org.xmppcert.openfire.service.OrderProgress.NameState;
import org.xmppcert.openfire.service.OrderProgress.Phase;
import org.xmppcert.openfire.storage.PluginStorage;
import org.xmppcert.testing.Pebble;
import org.xmppcert.testing.TestCertificateAuthority;
import org.xmppcert.testing.HsqldbPluginDatabase;
import org.jivesoftware.openfire.keystore.IdentityStore;
import org.xmppcert.core.tlscheck.TlsEndpoint;
import org.xmppcert.openfire.install.InstallOutcome;
import org.xmppcert.openfire.install.LiveKeystoreInstaller;
import org.xmppcert.testing.LiveKeyStoreTlsServer;
import org.xmppcert.testing.ServedIdentityStore;
import org.xmppcert.testing.WrongAnswerHttp01Responder;

/**
 * The service end to end, as the console drives it: a real Pebble, a real key store file served by
 * a real loopback TLS listener, the plugin's tables on HSQLDB, and the settings in the plugin's
 * properties.
 */
class DefaultCertificateServiceTest {

    private static final String DOMAIN = "example.org";
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String PLUGIN = "certificatemanager";

    private static StandaloneHttp01Responder http01;
    private static Pebble pebble;

    @TempDir
    Path home;

    private final AtomicReference<ServerDescription> server = new AtomicReference<>(
            new ServerDescription(DOMAIN, "", List.of("conference." + DOMAIN), List.of()));
    /** The parts of the server that cannot be read right now, as LiveServerDescription names them. */
    private final List<String> unreadParts = new CopyOnWriteArrayList<>();
    private final List<String> audit = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final CountDownLatch started = new CountDownLatch(1);
    private HsqldbPluginDatabase database;
    private PluginStorage storage;
    private ServedIdentityStore identityStore;
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
        database = new HsqldbPluginDatabase();
        storage = database.storage();
        identityStore = new ServedIdentityStore(home, DOMAIN, PASSWORD);
        savedSettings = SavedSettings.define(PLUGIN, storage.settings(), storage.sealer());
        service = service(http01);
        saveAcmeSettings(ChallengeType.HTTP_01, true);
    }

    @AfterEach
    void shutdown() throws Exception {
        service.close();
        pool.shutdownNow();
        identityStore.close();
        SystemProperty.removePropertiesForPlugin(PLUGIN);
        database.close();
    }

    @Test
    void whilePartOfTheServerCannotBeReadNothingIsOrderedAndRenewalsKeepTheNamesTheyHad() {
        unreadParts.add("MUC services");
        server.set(new ServerDescription(DOMAIN, "", List.of(), List.of()));

        assertEquals(List.of(Sentence.of("refused.server-not-fully-read")),
                assertThrows(Refusal.class, () -> service.requestCertificate("admin")).reasons());
        assertTrue(service.latestOrder().isEmpty(), "no order was started");
        assertTrue(service.status().actions().contains(CertificateStatus.CallToAction.serverNotFullyRead()),
                service.status().actions().toString());
        ManagedCertificate current = new ManagedCertificate(DOMAIN, List.of(DOMAIN, "conference." + DOMAIN),
                IssuanceKind.ACME, Instant.now(), Instant.now().plus(Duration.ofDays(30)), Optional.empty(), true, false);
        assertEquals(List.of(DOMAIN, "conference." + DOMAIN), service.namesToRenew(current),
                "the MUC service's name is kept while it cannot be read");

        unreadParts.clear();
        assertEquals(List.of(DOMAIN), service.namesToRenew(current), "read again, the server's names are the ones");
        assertFalse(service.status().actions().contains(CertificateStatus.CallToAction.serverNotFullyRead()));
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

        assertEquals(Phase.DONE, done.phase(), String.valueOf(done.failure()));
        assertEquals(List.of(Phase.ORDERING, Phase.VALIDATING, Phase.FINALIZING, Phase.INSTALLING, Phase.DONE),
                seen.stream().distinct().filter(phase -> phase != Phase.AWAITING_DNS_RECORDS).toList());
        assertEquals(List.of(DOMAIN, "conference." + DOMAIN), done.names().stream().map(OrderProgress.NameProgress::name).toList());
        assertTrue(done.names().stream().allMatch(name -> name.state() == NameState.VALID), done.names().toString());
        assertEquals("admin", done.startedBy());

        X509Certificate presented = presentedLeaf();
        assertNotEquals(before, presented);
        assertEquals(pebbleIssued(presented), true, "a new handshake gets the certificate from Pebble");
        InstallReport install = done.install().orElseThrow();
        assertEquals(InstallOutcome.Status.INSTALLED, install.status());
        assertEquals(1, install.listenersPresenting(), install.toString());

        CertificateEvent issued = service.history(10).get(0);
        assertEquals(CertificateEventType.ISSUED, issued.type());
        assertEquals("admin", issued.actor());
        assertEquals(presented.getSerialNumber().toString(16), issued.certificate().serialNumber());

        CertificateStatus status = service.status();
        CertificateStatus.CertificateInUse inUse = status.stores().get(0).certificate().orElseThrow();
        assertEquals(presented.getSerialNumber().toString(16), inUse.serialNumber());
        assertFalse(inUse.selfSigned());
        assertEquals(List.of(), inUse.missingNames());
        assertEquals("ECDSA P-256", inUse.keyType());
        assertTrue(inUse.daysLeft() > 0);
        assertEquals(DOMAIN, status.xmppDomain());
        assertEquals(List.of(List.of(DOMAIN, "conference." + DOMAIN)), status.stores().get(0).contents().stream()
                .map(CertificateStatus.StoredCertificate::names).toList(), "the store holds the new certificate only");
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
    void anInstallWhoseCheckFailsIsRolledBackAndTheRequestAndTheStatusSaySo() throws Exception {
        X509Certificate before = presentedLeaf();
        // A listener serving a snapshot of the store never sees the install, like one Openfire failed to update.
        try (LiveKeyStoreTlsServer stale = new LiveKeyStoreTlsServer(
                new IdentityStore(identityStore.store().getConfiguration(), false).getStore(), PASSWORD,
                LiveKeyStoreTlsServer.Mode.DIRECT_TLS, DOMAIN)) {
            service.close();
            TlsEndpoint staleEndpoint = new TlsEndpoint("c2s direct TLS", TlsEndpoint.Handshake.DIRECT_TLS,
                    stale.host(), stale.port(), DOMAIN);
            service = builder(http01, identityStore.installer(storage.durableCopy(), staleEndpoint,
                    Duration.ofMillis(500))).build();
            started.countDown();

            OrderProgress failed = awaitFinished(service.requestCertificate("admin"), new ArrayList<>());

            assertEquals(Phase.FAILED, failed.phase());
            InstallReport install = failed.install().orElseThrow();
            assertEquals(InstallOutcome.Status.ROLLED_BACK, install.status(), "the previous certificate was put back");
            String reason = install.reason().orElseThrow();
            assertTrue(reason.contains("still presents another certificate"), reason);
            assertEquals(before, presentedLeaf(), "the working certificate is still served");
            assertEquals(Map.of(DOMAIN + "_self", before), identityStore.store().getAllCertificates());
            assertEquals(CertificateEventType.FAILED, service.history(1).get(0).type());
            List<CertificateStatus.CallToAction> actions = service.status().actions();
            assertTrue(actions.stream().anyMatch(action -> action.kind() == CertificateStatus.CallToAction.Kind.LAST_ATTEMPT_FAILED
                    && action.reasons().equals(failed.outcome())), actions.toString());
        }
    }

    @Test
    void aNameTheCaCannotValidateFailsTheRequestWithTheCasReasonOnThatName() throws Exception {
        server.set(new ServerDescription("example.net", "", List.of("broken.example.net"), List.of()));
        Http01Responder wrongForOneName = new WrongAnswerHttp01Responder(http01, "broken.");
        service.close();
        service = service(wrongForOneName);
        started.countDown();

        OrderProgress failed = awaitFinished(service.requestCertificate("admin"), new ArrayList<>());

        assertEquals(Phase.FAILED, failed.phase());
        OrderProgress.NameProgress broken = failed.names().stream()
                .filter(name -> name.name().equals("broken.example.net")).findFirst().orElseThrow();
        assertEquals(NameState.INVALID, broken.state());
        assertTrue(broken.detail().orElseThrow().contains("key authorization"), broken.detail().get());
        FailureReport failure = failed.failure().orElseThrow();
        assertEquals(Optional.of(IssuanceProblem.UNAUTHORIZED), failure.problem(), failure.toString());
        assertEquals(List.of("broken.example.net"), failure.names(), "the one name to blame");
        assertEquals(Sentence.of("problem.UNAUTHORIZED", "broken.example.net"), failed.outcome().get(0));
        assertTrue(failure.detail().orElseThrow().contains("key authorization"), "the CA's own words, verbatim");
        CertificateEvent event = service.history(1).get(0);
        assertEquals(CertificateEventType.FAILED, event.type());
        assertEquals(failed.outcome(), service.status().lastAttempt().orElseThrow().reasons(),
                "while the server holds the run, its sentences, for each reader's language");

        service.close();
        service = service(http01);
        CertificateStatus afterRestart = service.status();
        assertEquals(List.of(Sentence.of("failure.recorded", event.detail())),
                afterRestart.lastAttempt().orElseThrow().reasons(), "after a restart, the record as it was written");
        assertTrue(afterRestart.actions().stream()
                .filter(action -> action.kind() == CertificateStatus.CallToAction.Kind.LAST_ATTEMPT_FAILED)
                .anyMatch(action -> action.reasons().get(0).arguments().get(0).toString().contains("broken.example.net")),
                afterRestart.actions().toString());
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

        assertEquals(Phase.DONE, done.phase(), String.valueOf(done.failure()));
        assertEquals(List.of(), done.dnsRecords());
        assertTrue(pebbleIssued(presentedLeaf()));
        assertTrue(audited("admin: Certificate Manager: Confirmed the DNS records of certificate request " + ticket),
                audit.toString());
        assertEquals(List.of(Sentence.of("refused.not-awaiting-dns")), assertThrows(Refusal.class,
                () -> service.confirmDnsRecords(ticket, "admin"), "nothing is waiting any more").reasons());
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
        assertEquals(Optional.of(FailureReport.cancelled()), cancelled.failure());
        assertEquals(List.of(Sentence.of("failure.CANCELLED")), cancelled.outcome());
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
        Refusal refused = assertThrows(Refusal.class, () ->
                service.acceptClassicCertificate(request.id(), pem(forOtherNames, ca.intermediate()), new byte[0], "admin"));
        assertEquals(List.of(Sentence.of("classic.refused.WRONG_KEY")), refused.reasons());
        assertEquals(1, service.pendingClassicRequests().size(), "the request stays pending");

        X509Certificate issued = ca.issue(pending.csr(), Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(365)));
        ClassicInstallReport result = service.acceptClassicCertificate(request.id(), pem(issued, ca.intermediate()),
                new byte[0], "admin");

        assertTrue(result.installed(), result.toString());
        assertEquals(List.of(result.install().sentence()), result.sentences(), "nothing was left out");
        assertEquals(issued, presentedLeaf());
        assertEquals(List.of(), service.pendingClassicRequests());
        CertificateEvent event = service.history(1).get(0);
        assertEquals(CertificateEventType.ISSUED, event.type());
        assertEquals(issued.getSerialNumber().toString(16), event.certificate().serialNumber());
        Refusal atTheCa = assertThrows(Refusal.class,
                () -> service.revoke(event.certificate().serialNumber(), "superseded", "admin"));
        assertEquals(List.of(Sentence.of("refused.revoke-classic")), atTheCa.reasons());
    }

    @Test
    void aClassicCertificateIsRenewedWithTheSavedCsrAndKey() throws Exception {
        TestCertificateAuthority ca = TestCertificateAuthority.create("Classic", Instant.now());
        service.close();
        service = builder(http01).trustedRoots(() -> List.of(ca.root())).build();
        Refusal nothingSaved = assertThrows(Refusal.class, () -> service.renewClassicRequest("admin"));
        assertEquals(List.of(Sentence.of("refused.no-saved-csr")), nothingSaved.reasons());
        assertEquals(Optional.empty(), service.renewableClassicRequest());

        ClassicRequestView first = service.startClassicRequest("admin");
        PendingRequest firstPending = storage.pendingRequests().find(first.id()).orElseThrow();
        X509Certificate issued = ca.issue(firstPending.csr(), Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(90)));
        service.acceptClassicCertificate(first.id(), pem(issued, ca.intermediate()), new byte[0], "admin");
        assertEquals(List.of(), service.pendingClassicRequests());
        assertEquals(first.csrPem(), service.renewableClassicRequest().orElseThrow().csrPem(), "the CSR is kept");

        server.set(new ServerDescription(DOMAIN, "", List.of("conference." + DOMAIN, "upload." + DOMAIN), List.of()));
        Refusal namesGrew = assertThrows(Refusal.class, () -> service.renewClassicRequest("admin"));
        assertEquals(List.of(Sentence.of("refused.csr-lacks-names", "upload." + DOMAIN)), namesGrew.reasons());
        server.set(new ServerDescription(DOMAIN, "", List.of("conference." + DOMAIN), List.of()));

        ClassicRequestView renewal = service.renewClassicRequest("admin");
        assertNotEquals(first.id(), renewal.id());
        assertEquals(first.csrPem(), renewal.csrPem());
        assertEquals(List.of(renewal.id()), service.pendingClassicRequests().stream().map(ClassicRequestView::id).toList());
        assertEquals(renewal.id(), service.renewClassicRequest("admin").id(), "asking twice makes no second request");
        assertTrue(audited("admin: Certificate Manager: Requested again at a CA without ACME with the saved CSR for "
                + DOMAIN + ", conference." + DOMAIN + " (request " + renewal.id() + ")"), audit.toString());
        PendingRequest renewalPending = storage.pendingRequests().find(renewal.id()).orElseThrow();
        assertArrayEquals(firstPending.csr().der(), renewalPending.csr().der());

        X509Certificate renewed = ca.issue(renewalPending.csr(), Instant.now().minus(Duration.ofMinutes(5)),
                Instant.now().plus(Duration.ofDays(365)));
        ClassicInstallReport result = service.acceptClassicCertificate(renewal.id(), pem(renewed, ca.intermediate()),
                new byte[0], "admin");

        assertTrue(result.installed(), result.toString());
        X509Certificate presented = presentedLeaf();
        assertEquals(renewed, presented);
        assertEquals(issued.getPublicKey(), presented.getPublicKey(), "the server serves the renewal with the same key");
        List<CertificateEvent> obtained = service.history(20).stream()
                .filter(event -> event.type() == CertificateEventType.ISSUED || event.type() == CertificateEventType.RENEWED)
                .toList();
        assertEquals(List.of(CertificateEventType.RENEWED, CertificateEventType.ISSUED),
                obtained.stream().map(CertificateEvent::type).toList());
        assertEquals(renewed.getSerialNumber().toString(16), obtained.get(0).certificate().serialNumber());
        assertEquals(List.of(), service.pendingClassicRequests());
        assertEquals(first.csrPem(), service.renewableClassicRequest().orElseThrow().csrPem(),
                "the next renewal can reuse it again");
    }

    @Test
    void revokingAtPebbleIsRecordedAndTheStatusAsksForANewCertificate() throws Exception {
        started.countDown();
        OrderProgress done = awaitFinished(service.requestCertificate("admin"), new ArrayList<>());
        assertEquals(Phase.DONE, done.phase(), String.valueOf(done.failure()));
        String serial = presentedLeaf().getSerialNumber().toString(16);

        assertEquals(List.of(Sentence.of("revoke.error.reason")),
                assertThrows(Refusal.class, () -> service.revoke(serial, "becauseISaySo", "admin")).reasons());
        service.revoke(serial, "superseded", "admin");

        CertificateEvent revoked = service.history(1).get(0);
        assertEquals(CertificateEventType.REVOKED, revoked.type());
        assertEquals(serial, revoked.certificate().serialNumber());
        assertEquals(CertificateStatus.CallToAction.revoked(serial), service.status().actions().get(0));
        assertTrue(audit.contains("admin: Certificate Manager: certificate revoked for example.org, conference.example.org"),
                audit.toString());
        Refusal again = assertThrows(Refusal.class,
                () -> service.revoke(serial, "superseded", "admin"), "Pebble knows it is revoked already");
        assertEquals(Sentence.of("refused.not-revoked"), again.reasons().get(0));
        assertTrue(again.reasons().stream().anyMatch(reason -> reason.key().equals("failure.detail")
                && reason.arguments().get(0).toString().contains("already been revoked")), again.reasons().toString());
    }

    @Test
    void aComponentAppearingInAutomaticModeLeadsToExactlyOneOrder() throws Exception {
        started.countDown();
        OrderProgress first = awaitFinished(service.requestCertificate("admin"), new ArrayList<>());
        assertEquals(Phase.DONE, first.phase(), String.valueOf(first.failure()));
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

            assertEquals(Phase.DONE, renewed.phase(), String.valueOf(renewed.failure()));
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
        Map<String, Sentence> problems = service.saveSettings(withCa(good, CaPreset.ZEROSSL, Optional.empty(), ""),
                SecretChange.NONE, "admin");
        assertEquals(Map.of("eabKeyId", Sentence.of("settings.error.eabKeyId"),
                "eabHmacKey", Sentence.of("settings.error.eabHmacKey.required")), problems);
        assertEquals(Optional.of(pebble.directory()), service.settings().customDirectory(), "nothing was saved");

        assertProblem("customDirectory", "settings.error.customDirectory", withCa(good, CaPreset.CUSTOM,
                Optional.of(java.net.URI.create("http://acme.example.com/directory")), ""), SecretChange.NONE);
        assertProblem("customDirectory", "settings.error.customDirectory.required", withCa(good, CaPreset.CUSTOM,
                Optional.empty(), ""), SecretChange.NONE);
        assertProblem("customTrustAnchorPem", "settings.error.customTrustAnchorPem", copy(good, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END"
                + " CERTIFICATE-----", "admin@example.org", true, List.of(14, 7), Duration.ofHours(6)), SecretChange.NONE);
        assertProblem("contactEmail", "settings.error.contactEmail", copy(good, null, "admin at example.org", true, List.of(14, 7), Duration.ofHours(6)),
                SecretChange.NONE);
        assertProblem("termsAgreed", "settings.error.termsAgreed", copy(good, null, "admin@example.org", false, List.of(14, 7), Duration.ofHours(6)),
                SecretChange.NONE);
        assertProblem("warningDays", "settings.error.warningDays.order", copy(good, null, "admin@example.org", true,
                List.of(7, 14), Duration.ofHours(6)),
                SecretChange.NONE);
        assertProblem("warningDays", "settings.error.warningDays", copy(good, null, "admin@example.org", true,
                List.of(7, 0), Duration.ofHours(6)),
                SecretChange.NONE);
        assertProblem("checkInterval", "settings.error.checkIntervalHours", copy(good, null, "admin@example.org", true, List.of(14, 7), Duration.ofMinutes(59)),
                SecretChange.NONE);
        CertificateSettings badDns = withDns(good, new DnsUpdateServer(" ", 70000, Optional.of("bad..zone"), "",
                "hmac-md5"));
        Map<String, Sentence> dnsProblems = service.saveSettings(badDns, SecretChange.NONE, "admin");
        assertEquals(Set.of("dnsUpdate.host", "dnsUpdate.port", "dnsUpdate.zone", "dnsUpdate.keyName",
                "dnsUpdate.algorithm", "tsigSecret"), dnsProblems.keySet());
        assertEquals(Sentence.of("settings.error.dnsZone", "bad..zone"), dnsProblems.get("dnsUpdate.zone"),
                "the zone typed in, quoted back");

        String hmac = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";
        String tsig = "c2VjcmV0LXRzaWcta2V5LWZvci10ZXN0cw==";
        CertificateSettings zeroSsl = withDns(withCa(good, CaPreset.ZEROSSL, Optional.empty(), "kid-1"),
                new DnsUpdateServer("127.0.0.1", 53, Optional.empty(), "acme-key.", "hmac-sha256"));
        assertEquals(Map.of(), service.saveSettings(zeroSsl, new SecretChange(Optional.of(hmac), Optional.of(tsig)),
                "admin"));
        assertTrue(service.hasSecret("eabHmacKey"));
        assertTrue(service.hasSecret("tsigSecret"));
        assertEquals("ACME CA at https://acme.zerossl.com/v2/DV90; replaced EAB HMAC key, TSIG secret",
                service.history(1).get(0).detail(), "the history names the CA as an admin knows it, never a secret");
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
        return builder(http, identityStore.installer(storage.durableCopy()));
    }

    /** A service whose installs go through {@code installer}. */
    private DefaultCertificateService.Builder builder(Http01Responder http, LiveKeystoreInstaller installer) {
        return DefaultCertificateService.builder()
                .settings(savedSettings)
                .storage(storage)
                .server(() -> new LiveServerDescription(server.get(), unreadParts))
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
        return IdentityStoreOverview.read(DOMAIN, identityStore.storeManager(), Instant.now(), Duration.ofDays(30));
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

    private void assertProblem(String field, String problem, CertificateSettings settings, SecretChange secrets) {
        assertEquals(Map.of(field, Sentence.of(problem)), service.saveSettings(settings, secrets, "admin"));
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
        return identityStore.presentedLeaf();
    }

    private static boolean pebbleIssued(X509Certificate leaf) {
        return leaf.getIssuerX500Principal().getName().toLowerCase().contains("pebble");
    }

    private static byte[] pem(X509Certificate... certificates) {
        return TestCertificateAuthority.pem(certificates).getBytes(StandardCharsets.US_ASCII);
    }
}
