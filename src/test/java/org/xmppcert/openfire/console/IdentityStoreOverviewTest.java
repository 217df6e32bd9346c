package org.xmppcert.openfire.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jivesoftware.openfire.keystore.CertificateStoreManager;
import org.jivesoftware.openfire.keystore.IdentityStore;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppcert.openfire.console.IdentityStoreOverview.Certificate;
import org.xmppcert.openfire.console.IdentityStoreOverview.Store;
import org.xmppcert.openfire.console.IdentityStoreOverview.Validity;
import org.xmppcert.testing.IdentityStoreFiles;
import org.xmppcert.testing.TestCertificateAuthority;
import org.xmppcert.testing.TestCertificateAuthority.Issued;

class IdentityStoreOverviewTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Duration WARNING = Duration.ofDays(30);
    private static final TestCertificateAuthority CA = TestCertificateAuthority.create("Overview", NOW);

    @TempDir
    Path directory;

    private final CertificateStoreManager storeManager = mock(CertificateStoreManager.class);

    @Test
    void showsEachCertificateWithItsNamesIssuerAndExpiry() throws Exception {
        Instant notAfter = NOW.plus(60, ChronoUnit.DAYS);
        Issued domain = TestCertificateAuthority.withIssuerName("C=US,O=Test Authority,CN=Test CA", NOW)
                .issueWithNewKey(List.of("example.org", "conference.example.org"), NOW.minus(1, ChronoUnit.DAYS), notAfter);
        IdentityStore store = storeFile("keystore", entry("example.org_ec", domain));
        when(storeManager.getIdentityStore(any())).thenReturn(store);

        IdentityStoreOverview overview = IdentityStoreOverview.read("example.org", storeManager, NOW, WARNING);

        assertEquals("example.org", overview.getXmppDomain());
        Certificate certificate = overview.getStores().get(0).getCertificates().get(0);
        assertEquals("example.org_ec", certificate.getAlias());
        assertEquals(List.of("example.org", "conference.example.org"), certificate.getNames());
        // Java prints the most specific part first, as in "CN=R11,O=Let's Encrypt,C=US".
        assertEquals("CN=Test CA,O=Test Authority,C=US", certificate.getIssuer());
        assertEquals(Date.from(notAfter), certificate.getNotAfter());
        assertEquals(Validity.VALID, certificate.getValidity());
    }

    @Test
    void listsAStoreSharedByAllConnectionTypesOnce() throws Exception {
        Issued domain = validFor("example.org");
        // Openfire may hand out distinct store objects for one file; its configuration is what identifies it.
        for (ConnectionType type : ConnectionType.values()) {
            when(storeManager.getIdentityStore(type)).thenReturn(storeFile("keystore", entry("a", domain)));
        }

        List<Store> stores = IdentityStoreOverview.read("example.org", storeManager, NOW, WARNING).getStores();

        assertEquals(1, stores.size());
        assertEquals(List.of("SOCKET_S2S", "SOCKET_C2S", "BOSH_C2S", "WEBADMIN", "COMPONENT", "CONNECTION_MANAGER"),
                stores.get(0).getConnectionTypes());
        assertEquals(1, stores.get(0).getCertificates().size());
        assertTrue(stores.get(0).getFile().endsWith("keystore"));
    }

    @Test
    void listsDistinctStoresSeparatelyWithTheTypesUsingThem() throws Exception {
        IdentityStore clientStore = storeFile("client.keystore", entry("client", validFor("example.org")));
        IdentityStore serverStore = storeFile("server.keystore", entry("server", validFor("example.org")));
        for (ConnectionType type : ConnectionType.values()) {
            boolean client = type == ConnectionType.SOCKET_C2S || type == ConnectionType.BOSH_C2S
                    || type == ConnectionType.WEBADMIN;
            when(storeManager.getIdentityStore(type)).thenReturn(client ? clientStore : serverStore);
        }

        List<Store> stores = IdentityStoreOverview.read("example.org", storeManager, NOW, WARNING).getStores();

        assertEquals(2, stores.size());
        assertEquals(List.of("SOCKET_S2S", "COMPONENT", "CONNECTION_MANAGER"), stores.get(0).getConnectionTypes());
        assertEquals("server", stores.get(0).getCertificates().get(0).getAlias());
        assertEquals(List.of("SOCKET_C2S", "BOSH_C2S", "WEBADMIN"), stores.get(1).getConnectionTypes());
        assertEquals("client", stores.get(1).getCertificates().get(0).getAlias());
    }

    @Test
    void judgesValidityAtTheMomentOfReading() throws Exception {
        IdentityStore store = storeFile("keystore",
                entry("soon", CA.issueWithNewKey(List.of("example.org"),
                        NOW.minus(80, ChronoUnit.DAYS), NOW.plus(10, ChronoUnit.DAYS))),
                entry("expired", CA.issueWithNewKey(List.of("example.org"),
                        NOW.minus(90, ChronoUnit.DAYS), NOW.minus(1, ChronoUnit.DAYS))),
                entry("future", CA.issueWithNewKey(List.of("example.org"),
                        NOW.plus(1, ChronoUnit.DAYS), NOW.plus(91, ChronoUnit.DAYS))));
        when(storeManager.getIdentityStore(any())).thenReturn(store);

        List<Certificate> certificates = IdentityStoreOverview.read("example.org", storeManager, NOW, WARNING)
                .getStores().get(0).getCertificates();

        assertEquals(List.of("expired", "future", "soon"), certificates.stream().map(Certificate::getAlias).toList());
        assertEquals(List.of(Validity.EXPIRED, Validity.NOT_YET_VALID, Validity.EXPIRES_SOON),
                certificates.stream().map(Certificate::getValidity).toList());
    }

    @Test
    void coveredNamesAreThoseOfCertificatesValidNowInTheStoreServingTheConnectionType() throws Exception {
        IdentityStore clientStore = storeFile("client.keystore",
                entry("current", CA.issueWithNewKey(List.of("example.org", "conference.example.org"),
                        NOW.minus(80, ChronoUnit.DAYS), NOW.plus(10, ChronoUnit.DAYS))),
                entry("expired", CA.issueWithNewKey(List.of("example.org", "old.example.org"),
                        NOW.minus(90, ChronoUnit.DAYS), NOW.minus(1, ChronoUnit.DAYS))));
        IdentityStore serverStore = storeFile("server.keystore", entry("server", validFor("s2s.example.org")));
        for (ConnectionType type : ConnectionType.values()) {
            when(storeManager.getIdentityStore(type))
                    .thenReturn(type == ConnectionType.SOCKET_C2S ? clientStore : serverStore);
        }

        IdentityStoreOverview overview = IdentityStoreOverview.read("example.org", storeManager, NOW, WARNING);

        assertEquals(List.of("example.org", "conference.example.org"),
                List.copyOf(overview.coveredNames(ConnectionType.SOCKET_C2S)));
        assertEquals(List.of("s2s.example.org"), List.copyOf(overview.coveredNames(ConnectionType.SOCKET_S2S)));
    }

    @Test
    void becomesStaleWhenTheFirstCertificateEntersItsWarningPeriod() throws Exception {
        Instant notAfter = NOW.plus(40, ChronoUnit.DAYS);
        IdentityStore store = storeFile("keystore", entry("a",
                CA.issueWithNewKey(List.of("example.org"), NOW.minus(1, ChronoUnit.DAYS), notAfter)));
        when(storeManager.getIdentityStore(any())).thenReturn(store);

        IdentityStoreOverview overview = IdentityStoreOverview.read("example.org", storeManager, NOW, WARNING);

        Instant warningStarts = notAfter.minus(WARNING);
        assertFalse(overview.isStaleAt(warningStarts.minusSeconds(1)));
        assertTrue(overview.isStaleAt(warningStarts));
    }

    @Test
    void reportsConnectionTypesWhoseStoreOpenfireCouldNotLoad() throws Exception {
        IdentityStore store = storeFile("keystore", entry("a", validFor("example.org")));
        when(storeManager.getIdentityStore(any())).thenReturn(store);
        when(storeManager.getIdentityStore(ConnectionType.WEBADMIN)).thenReturn(null);

        List<Store> stores = IdentityStoreOverview.read("example.org", storeManager, NOW, WARNING).getStores();

        assertEquals(2, stores.size());
        assertTrue(stores.get(0).isReadable());
        assertFalse(stores.get(1).isReadable());
        assertEquals(List.of("WEBADMIN"), stores.get(1).getConnectionTypes());
        assertNull(stores.get(1).getFile());
    }

    @Test
    void showsAnEmptyStoreWithoutCertificates() throws Exception {
        when(storeManager.getIdentityStore(any())).thenReturn(storeFile("keystore"));

        Store store = IdentityStoreOverview.read("example.org", storeManager, NOW, WARNING).getStores().get(0);

        assertTrue(store.isReadable());
        assertTrue(store.getCertificates().isEmpty());
    }

    private static Issued validFor(String name) {
        return CA.issueWithNewKey(List.of(name), NOW.minus(1, ChronoUnit.DAYS),
                NOW.plus(90, ChronoUnit.DAYS));
    }

    private record Entry(String alias, Issued issued) {
    }

    private static Entry entry(String alias, Issued issued) {
        return new Entry(alias, issued);
    }

    /** An identity store loaded from a real PKCS#12 file, as Openfire loads its own. */
    private IdentityStore storeFile(String name, Entry... entries) {
        Path file = directory.resolve(name);
        if (!Files.exists(file)) {
            IdentityStoreFiles.write(file, PASSWORD, Stream.of(entries).collect(Collectors.toMap(Entry::alias, Entry::issued)));
        }
        return IdentityStoreFiles.load(file, PASSWORD, directory.resolve("archive"));
    }
}
