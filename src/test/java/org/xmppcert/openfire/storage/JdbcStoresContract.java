package org.xmppcert.openfire.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmppcert.core.classic.PendingRequest;
import org.xmppcert.core.classic.PendingRequestStore;
import org.xmppcert.core.csr.CertificateSigningRequest;
import org.xmppcert.core.csr.CsrBuilder;
import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.history.CertificateFacts;
import org.xmppcert.core.history.CertificateHistory;
import org.xmppcert.core.issuance.AccountRecord;
import org.xmppcert.core.issuance.NameSet;
import org.xmppcert.core.issuance.OrderRecord;
import org.xmppcert.core.issuance.OrderStep;
import org.xmppcert.core.issuance.OrderStore;
import org.xmppcert.core.keys.KeyPairCodec;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.core.renewal.AriChoice;
import org.xmppcert.core.renewal.RenewalFailure;
import org.xmppcert.core.renewal.RenewalState;
import org.xmppcert.core.renewal.RenewalStateStore;
import org.xmppcert.core.secrets.SecretSealer;
import org.xmppcert.openfire.install.CertificateBundle;
import org.xmppcert.openfire.install.DurableCertificateCopy;
import org.xmppcert.testing.OpenfireSchemaScripts;
import org.xmppcert.testing.TestCertificateAuthority;
import org.xmppcert.testing.TestPropertyEncryptor;

/**
 * Every store against a real database whose schema was loaded from the plugin's own script, the
 * way Openfire loads it. Subclasses supply the database: Openfire's embedded HSQLDB and PostgreSQL.
 */
abstract class JdbcStoresContract {

    /** Openfire keeps times to the millisecond; so do the records saved here. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final URI DIRECTORY = URI.create("https://ca.example.net/directory");

    private final SecretSealer sealer = new PropertyEncryptorSealer(() -> TestPropertyEncryptor.authenticated("server key"));
    private ConnectionSource database;
    private PluginStorage storage;

    /** Openfire's name for the database type, which picks the script. */
    abstract String databaseType();

    /** A new, empty database. */
    abstract String newDatabaseUrl() throws SQLException;

    abstract String user();

    @BeforeEach
    void loadThePluginSchemaAsOpenfireDoes() throws Exception {
        String url = newDatabaseUrl();
        database = () -> DriverManager.getConnection(url, user(), "");
        storage = new PluginStorage(database, sealer, Clock.systemUTC());
        try (Connection connection = database.connect()) {
            assertEquals(-1, openfireSchemaVersion(connection), "a fresh server has no plugin schema yet");
            int installed = OpenfireSchemaScripts.installOnFreshServer(connection, databaseType());
            assertEquals(OpenfireSchemaScripts.databaseVersion(), installed,
                    "the install script records the version plugin.xml declares, else Openfire runs it again");
            // A restart finds the version and runs nothing: running the script twice would fail on existing tables.
            assertEquals(installed, OpenfireSchemaScripts.load(connection, databaseType()));
        }
    }

    private static int openfireSchemaVersion(Connection connection) {
        try {
            return OpenfireSchemaScripts.installedVersion(connection);
        } catch (SQLException noVersionTableYet) {
            return -1;
        }
    }

    // --- pending classic requests

    @Test
    void pendingRequestsSurviveARestartWithTheirCsrAndSealedKey() {
        PendingRequest request = pendingRequest("req-1", NOW, List.of("example.org", "conference.example.org"));

        storage.pendingRequests().save(request);
        PendingRequest found = storage.pendingRequests().find("req-1").orElseThrow();

        assertEquals(request.id(), found.id());
        assertEquals(request.names(), found.names());
        assertEquals(request.keyType(), found.keyType());
        assertArrayEquals(request.csr().der(), found.csr().der());
        assertEquals(request.csr().dnsNames(), found.csr().dnsNames());
        assertEquals(request.sealedKey(), found.sealedKey());
        assertEquals(request.createdAt(), found.createdAt());
        assertEquals(request.xmppIdentities(), found.xmppIdentities());
        assertEquals(request.csr().pem(), found.csr().pem());
    }

    @Test
    void pendingRequestsAreListedOldestFirstAndReplacedOrDeletedById() {
        PendingRequestStore store = storage.pendingRequests();
        store.save(pendingRequest("newer", NOW, List.of("b.example.org")));
        store.save(pendingRequest("older", NOW.minus(Duration.ofDays(3)), List.of("a.example.org")));

        assertEquals(List.of("older", "newer"), store.list().stream().map(PendingRequest::id).toList());

        store.save(pendingRequest("older", NOW.minus(Duration.ofDays(3)), List.of("a.example.org", "c.example.org")));
        assertEquals(List.of("a.example.org", "c.example.org"), store.find("older").orElseThrow().names());
        assertEquals(2, store.list().size());

        store.delete("older");
        store.delete("never-existed");
        assertEquals(Optional.empty(), store.find("older"));
        assertEquals(List.of("newer"), store.list().stream().map(PendingRequest::id).toList());
    }

    @Test
    void aPendingRequestsKeyIsStoredSealed() throws Exception {
        KeyPair keys = KeyType.EC_P256.generate();
        PendingRequest request = pendingRequest("sealed", NOW, List.of("example.org"), keys);
        storage.pendingRequests().save(request);

        String stored = rawColumn("SELECT sealedKey FROM ofCmPending WHERE requestId='sealed'");

        assertNoClearKey(stored, keys);
        assertEquals(KeyPairCodec.toPem(keys), new String(sealer.open(stored), StandardCharsets.UTF_8));
    }

    @Test
    void theFulfilledRequestIsKeptWholeWithItsKeySealedAndTheNextReplacesIt() throws Exception {
        FulfilledRequestStore store = storage.fulfilledRequests();
        assertEquals(Optional.empty(), store.latest());
        KeyPair keys = KeyType.EC_P256.generate();
        PendingRequest request = pendingRequest("done-1", NOW, List.of("example.org", "*.example.org"), keys);

        store.keep(request);
        PendingRequest found = storage.fulfilledRequests().latest().orElseThrow();

        assertEquals(List.of(request.id(), request.names(), request.keyType(), request.csr().dnsNames(),
                request.sealedKey(), request.createdAt(), request.xmppIdentities()), List.of(found.id(), found.names(),
                found.keyType(), found.csr().dnsNames(), found.sealedKey(), found.createdAt(), found.xmppIdentities()));
        assertArrayEquals(request.csr().der(), found.csr().der());
        assertNoClearKey(rawColumn("SELECT settingValue FROM ofCmSetting WHERE settingName='"
                + FulfilledRequestStore.SETTING + "'"), keys);

        store.keep(pendingRequest("done-2", NOW.plus(Duration.ofDays(60)), List.of("example.org")));
        assertEquals("done-2", store.latest().orElseThrow().id());

        storage.settings().put(FulfilledRequestStore.SETTING, "id=broken");
        StorageException unreadable = assertThrows(StorageException.class, store::latest);
        assertEquals("Could not read the saved classic request: it lacks its csrPem", unreadable.getMessage());
    }

    // --- ACME orders

    @Test
    void anOrderIsResumedAtTheStepItReachedFoundByItsNamesInAnyOrderOrCase() {
        OrderStore store = storage.orders();
        OrderRecord created = order(List.of("example.org", "upload.example.org"), OrderStep.CREATED, null);
        store.save(created);

        NameSet sameNames = new NameSet(List.of("Upload.Example.org.", "example.org"));
        assertEquals(Optional.of(created), store.load(sameNames));

        String chain = TestCertificateAuthority.pem(leafFor(List.of("example.org", "upload.example.org")));
        OrderRecord downloaded = new OrderRecord(created.names(), created.keyType(), created.sealedKeyPair(),
                created.directory(), created.orderUrl(), OrderStep.DOWNLOADED, chain, NOW.plusSeconds(30));
        store.save(downloaded);

        assertEquals(Optional.of(downloaded), storage.orders().load(sameNames));
        assertEquals(Optional.empty(), store.load(new NameSet(List.of("example.org"))), "a subset is another order");
    }

    @Test
    void anOrderForHundredsOfLongNamesIsKeptWhole() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            names.add("component-" + i + "." + "long-label-".repeat(15) + "example.org");
        }
        OrderStore store = storage.orders();
        OrderRecord record = order(names, OrderStep.FINALIZED, null);

        store.save(record);

        assertEquals(Optional.of(record), store.load(new NameSet(names)));
    }

    @Test
    void aDeletedOrderIsGoneAndDeletingTwiceDoesNothing() {
        OrderStore store = storage.orders();
        OrderRecord record = order(List.of("example.org"), OrderStep.CHALLENGES_ANSWERED, null);
        store.save(record);

        store.delete(record.nameSet());
        store.delete(record.nameSet());

        assertEquals(Optional.empty(), store.load(record.nameSet()));
    }

    @Test
    void anOrdersCertificateKeyIsStoredSealed() throws Exception {
        KeyPair keys = KeyType.RSA_2048.generate();
        OrderRecord record = new OrderRecord(List.of("example.org"), KeyType.RSA_2048,
                sealer.seal(KeyPairCodec.toPem(keys).getBytes(StandardCharsets.UTF_8)), DIRECTORY,
                URI.create("https://ca.example.net/order/1"), OrderStep.CREATED, null, NOW);
        storage.orders().save(record);

        assertNoClearKey(rawColumn("SELECT sealedKey FROM ofCmOrder"), keys);
    }

    @Test
    void aUrlTooLongForItsColumnIsRefusedBeforeAnythingIsWritten() {
        OrderStore store = storage.orders();
        OrderRecord record = new OrderRecord(List.of("example.org"), KeyType.EC_P256, "sealed", DIRECTORY,
                URI.create("https://ca.example.net/order/" + "x".repeat(1000)), OrderStep.CREATED, null, NOW);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> store.save(record));

        assertEquals("The order URL is longer than 1000 characters", refused.getMessage());
        assertEquals(Optional.empty(), store.load(record.nameSet()));
    }

    // --- ACME accounts

    @Test
    void theAccountForEachCaDirectoryIsKeptAndReplaced() throws SQLException {
        JdbcAccountStore store = new JdbcAccountStore(database, Clock.fixed(NOW, ZoneOffset.UTC));
        URI staging = URI.create("https://staging.ca.example.net/directory");
        AccountRecord production = account(DIRECTORY, "https://ca.example.net/acct/1");
        store.save(production);
        store.save(account(staging, "https://staging.ca.example.net/acct/9"));

        assertEquals(Optional.of(production), store.load(DIRECTORY));

        AccountRecord reregistered = account(DIRECTORY, "https://ca.example.net/acct/2");
        new JdbcAccountStore(database, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC)).save(reregistered);
        assertEquals(Optional.of(reregistered), storage.accounts().load(DIRECTORY));
        assertEquals(String.valueOf(NOW.plusSeconds(60).toEpochMilli()),
                rawColumn("SELECT updatedAt FROM ofCmAccount WHERE accountUrl='https://ca.example.net/acct/2'"),
                "an admin reading the table sees when the account was last saved");
        assertEquals("https://staging.ca.example.net/acct/9", store.load(staging).orElseThrow().accountUrl().toString());
        assertEquals(Optional.empty(), store.load(URI.create("https://other.example.net/directory")));
    }

    @Test
    void theAccountKeyIsStoredSealed() throws Exception {
        KeyPair keys = KeyType.EC_P384.generate();
        storage.accounts().save(new AccountRecord(DIRECTORY,
                URI.create("https://ca.example.net/acct/1"),
                sealer.seal(KeyPairCodec.toPem(keys).getBytes(StandardCharsets.UTF_8))));

        assertNoClearKey(rawColumn("SELECT sealedKey FROM ofCmAccount"), keys);
    }

    // --- history

    @Test
    void theHistoryListsEveryEventNewestFirstWithWhoStartedIt() {
        CertificateHistory history = storage.history();
        List<String> names = List.of("example.org", "conference.example.org");
        X509Certificate first = leafFor(names);
        X509Certificate second = leafFor(names);
        CertificateEvent issued = new CertificateEvent(NOW.minus(Duration.ofDays(60)), CertificateEventType.ISSUED,
                "admin", names, CertificateFacts.of(List.of(first)), null);
        CertificateEvent failed = new CertificateEvent(NOW.minus(Duration.ofDays(1)), CertificateEventType.FAILED,
                CertificateEvent.SCHEDULER, names, null, "The CA refused: rate limited until tomorrow");
        CertificateEvent renewed = new CertificateEvent(NOW, CertificateEventType.RENEWED, CertificateEvent.SCHEDULER,
                names, CertificateFacts.of(List.of(second)), null);
        CertificateEvent revoked = new CertificateEvent(NOW, CertificateEventType.REVOKED, "admin", names,
                CertificateFacts.of(List.of(first)), "key compromise");
        for (CertificateEvent event : List.of(issued, failed, renewed, revoked)) {
            history.append(event);
        }

        assertEquals(List.of(revoked, renewed, failed, issued), history.latest(10),
                "same-millisecond events keep the order they happened in");
        assertEquals(List.of(revoked, renewed), history.latest(2));
    }

    @Test
    void theHistoryKeepsTheWholeChainAndTheLeafsFacts() {
        List<String> names = List.of("example.org");
        TestCertificateAuthority ca = TestCertificateAuthority.create("History", NOW);
        X509Certificate leaf = ca.issue(KeyType.EC_P256.generate().getPublic(), names, NOW, NOW.plus(Duration.ofDays(90)));
        CertificateFacts facts = CertificateFacts.of(List.of(leaf, ca.intermediate()));
        storage.history().append(new CertificateEvent(NOW, CertificateEventType.ISSUED, "admin",
                names, facts, null));

        CertificateFacts stored = storage.history().latest(1).get(0).certificate();

        assertEquals(leaf.getSerialNumber().toString(16), stored.serialNumber());
        assertEquals(leaf.getIssuerX500Principal().getName(), stored.issuer());
        assertEquals(NOW.truncatedTo(ChronoUnit.SECONDS), stored.notBefore());
        assertEquals(TestCertificateAuthority.pem(leaf, ca.intermediate()), stored.chainPem());
    }

    @Test
    void settingChangesAndAdminActionsAreKeptWithoutACertificate() {
        List<String> names = List.of("example.org");
        CertificateEvent settings = new CertificateEvent(NOW, CertificateEventType.SETTINGS_CHANGED, "admin", names,
                null, "CA: Let's Encrypt -> ZeroSSL");
        CertificateEvent action = new CertificateEvent(NOW, CertificateEventType.ADMIN_ACTION, "admin", names, null,
                "Cancelled the running request");
        storage.history().append(settings);
        storage.history().append(action);

        assertEquals(List.of(action, settings), storage.history().latest(5));
    }

    // --- renewal state

    @Test
    void aRenewalStateComesBackAsSavedAfterARestartEveryFieldIncluded() {
        RenewalStateStore states = storage.renewalStates();
        Instant notAfter = NOW.plus(Duration.ofDays(20));
        RenewalState failing = RenewalState.fresh(notAfter)
                .withAriChoice(Optional.of(new AriChoice(NOW, NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofHours(7)))))
                .afterFailure(NOW.minus(Duration.ofMinutes(3)),
                        new RenewalFailure("The CA refused the order for example.org: rate limited", "Wait a day.", null, null),
                        NOW.plus(Duration.ofMinutes(10)), List.of(NOW.minus(Duration.ofMinutes(40)), NOW.minus(Duration.ofMinutes(3))))
                .withAlertAnnounced(14);
        assertEquals(Optional.empty(), states.load("example.org"));

        states.save("example.org", failing);

        assertEquals(Optional.of(failing), storage.renewalStates().load("example.org"));
    }

    @Test
    void aRenewalStateIsReplacedAndAnEmptyOneKeepsItsEmptiness() {
        RenewalStateStore states = storage.renewalStates();
        RenewalState failing = RenewalState.fresh(NOW).afterFailure(NOW, new RenewalFailure("down", "wait", null, null),
                NOW.plus(Duration.ofMinutes(5)), List.of(NOW));
        RenewalState fresh = RenewalState.fresh(NOW.plus(Duration.ofDays(90)));
        states.save("example.org", failing);
        states.save("upload.example.org", failing);

        states.save("example.org", fresh);

        assertEquals(Optional.of(fresh), states.load("example.org"));
        assertEquals(Optional.of(failing), states.load("upload.example.org"));
    }

    @Test
    void aCertificateIdTooLongForItsColumnIsRefusedBeforeAnythingIsWritten() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> storage.renewalStates().save("x".repeat(256), RenewalState.fresh(NOW)));

        assertEquals("The certificate id is longer than 255 characters", refused.getMessage());
    }

    // --- the installer's durable certificate copy

    @Test
    void theDurableCopyRestoresTheChainAndKeyAfterARestartAndIsReplacedByTheNextInstall() throws Exception {
        TestCertificateAuthority ca = TestCertificateAuthority.create("Copy", NOW);
        KeyPair firstKeys = KeyType.EC_P256.generate();
        CertificateBundle first = CertificateBundle.of(firstKeys.getPrivate(), List.of(ca.issue(firstKeys.getPublic(),
                List.of("example.org"), NOW, NOW.plus(Duration.ofDays(90))), ca.intermediate()));
        KeyPair secondKeys = KeyType.RSA_2048.generate();
        CertificateBundle second = CertificateBundle.of(secondKeys.getPrivate(), List.of(ca.issue(secondKeys.getPublic(),
                List.of("example.org", "upload.example.org"), NOW, NOW.plus(Duration.ofDays(90))), ca.intermediate()));
        DurableCertificateCopy copy = storage.durableCopy();
        assertEquals(Optional.empty(), copy.load());

        copy.save(first);
        copy.save(second);
        CertificateBundle restored = storage.durableCopy().load().orElseThrow();

        assertEquals(second.chain(), restored.chain());
        assertArrayEquals(secondKeys.getPrivate().getEncoded(), restored.key().getEncoded());
        assertNoClearKey(rawColumn("SELECT sealedKey FROM ofCmCertCopy"), secondKeys);

        copy.discard();
        copy.discard();
        assertEquals(Optional.empty(), copy.load());
    }

    @Test
    void aDurableCopySealedUnderAnotherEncryptionKeyIsReportedNotInstalled() throws Exception {
        TestCertificateAuthority ca = TestCertificateAuthority.create("Copy", NOW);
        KeyPair keys = KeyType.EC_P256.generate();
        storage.durableCopy().save(CertificateBundle.of(keys.getPrivate(),
                List.of(ca.issue(keys.getPublic(), List.of("example.org"), NOW, NOW.plus(Duration.ofDays(90))))));
        SecretSealer rekeyed = new PropertyEncryptorSealer(() -> TestPropertyEncryptor.authenticated("changed key"));

        IOException failure = assertThrows(IOException.class,
                () -> new JdbcDurableCertificateCopy(database, rekeyed, Clock.systemUTC()).load());

        assertTrue(failure.getMessage().startsWith("The durable certificate copy cannot be restored: "),
                failure.getMessage());
    }

    // --- large settings

    @Test
    void aSettingFarLargerThanAnOpenfirePropertyIsKeptReplacedAndRemoved() {
        JdbcSettingStore settings = storage.settings();
        String bundle = TestCertificateAuthority.pem(leafFor(List.of("example.org"))).repeat(200);
        assertTrue(bundle.length() > 100_000, "Oracle caps an Openfire property at 4000 characters");

        settings.put("classic.trusted-roots", bundle);
        assertEquals(Optional.of(bundle), settings.get("classic.trusted-roots"));

        settings.put("classic.trusted-roots", "short");
        assertEquals(Optional.of("short"), storage.settings().get("classic.trusted-roots"));

        settings.remove("classic.trusted-roots");
        settings.remove("classic.trusted-roots");
        assertEquals(Optional.empty(), settings.get("classic.trusted-roots"));
    }

    // --- failures

    @Test
    void withoutTheSchemaAStoreSaysWhatItCouldNotDo() throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE ofCmPending");
        }
        PendingRequestStore store = storage.pendingRequests();

        StorageException failure = assertThrows(StorageException.class,
                () -> store.save(pendingRequest("req-9", NOW, List.of("example.org"))));

        assertTrue(failure.getMessage().startsWith("Could not save pending request req-9: "), failure.getMessage());
    }

    // --- helpers

    private PendingRequest pendingRequest(String id, Instant createdAt, List<String> names) {
        return pendingRequest(id, createdAt, names, KeyType.EC_P256.generate());
    }

    private PendingRequest pendingRequest(String id, Instant createdAt, List<String> names, KeyPair keys) {
        CertificateSigningRequest csr = CsrBuilder.build(keys, KeyType.EC_P256, names.get(0), names, null);
        return new PendingRequest(id, names, KeyType.EC_P256, csr,
                sealer.seal(KeyPairCodec.toPem(keys).getBytes(StandardCharsets.UTF_8)), createdAt, true);
    }

    private OrderRecord order(List<String> names, OrderStep step, String chain) {
        return new OrderRecord(names, KeyType.EC_P256,
                sealer.seal(KeyPairCodec.toPem(KeyType.EC_P256.generate()).getBytes(StandardCharsets.UTF_8)),
                DIRECTORY, URI.create("https://ca.example.net/order/" + names.size()), step, chain, NOW);
    }

    private AccountRecord account(URI directory, String accountUrl) {
        return new AccountRecord(directory, URI.create(accountUrl),
                sealer.seal(KeyPairCodec.toPem(KeyType.EC_P256.generate()).getBytes(StandardCharsets.UTF_8)));
    }

    private static X509Certificate leafFor(List<String> names) {
        return TestCertificateAuthority.create("Test", NOW)
                .issue(KeyType.EC_P256.generate().getPublic(), names, NOW, NOW.plus(Duration.ofDays(90)));
    }

    private String rawColumn(String sql) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement(sql);
             ResultSet row = query.executeQuery()) {
            assertTrue(row.next(), sql);
            return row.getString(1);
        }
    }

    /** Neither the PEM nor any recognisable part of the private key's encoding is in the stored text. */
    private static void assertNoClearKey(String stored, KeyPair keys) {
        assertFalse(stored.contains("PRIVATE KEY"), "PEM in the database");
        String encodedKey = Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
        for (int start = 0; start + 16 <= encodedKey.length(); start += 16) {
            assertFalse(stored.contains(encodedKey.substring(start, start + 16)), "clear key material in the database");
        }
    }
}
