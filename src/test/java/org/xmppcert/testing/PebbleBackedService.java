package org.xmppcert.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jivesoftware.openfire.keystore.CertificateStoreManager;
import org.jivesoftware.openfire.keystore.IdentityStore;
import org.jivesoftware.openfire.security.SecurityAuditManager;
import org.jivesoftware.util.SystemProperty;
import org.xmppcert.core.acme.ChallengeType;
import org.xmppcert.core.challenge.DnsVisibilityCheck;
import org.xmppcert.core.challenge.StandaloneHttp01Responder;
import org.xmppcert.core.keys.CertificateChainCodec;
import org.xmppcert.core.keys.KeyPolicy;
import org.xmppcert.core.names.NamePolicy;
import org.xmppcert.core.names.ServerDescription;
import org.xmppcert.core.tlscheck.HandshakeCheck;
import org.xmppcert.core.tlscheck.TlsEndpoint;
import org.xmppcert.core.tlscheck.TlsHandshakeProbe;
import org.xmppcert.openfire.console.IdentityStoreOverview;
import org.xmppcert.openfire.install.KeystoreFileSync;
import org.xmppcert.openfire.install.LiveKeystoreInstaller;
import org.xmppcert.openfire.notify.AuditTrail;
import org.xmppcert.openfire.service.CaPreset;
import org.xmppcert.openfire.service.CertificateSettings;
import org.xmppcert.openfire.service.DefaultCertificateService;
import org.xmppcert.openfire.service.SavedSettings;
import org.xmppcert.openfire.storage.PluginStorage;
import org.xmppcert.openfire.storage.PropertyEncryptorSealer;

/**
 * The plugin's real service for {@code example.org} and {@code conference.example.org}, wired as
 * the plugin wires it but without Openfire: Pebble as the CA (http-01 answered by the plugin's
 * standalone responder, dns-01 looked up at pebble-challtestsrv), the plugin's tables on an
 * in-memory HSQLDB, an identity store file starting with a self-signed certificate, and a loopback
 * TLS listener serving that store, which the install's handshake check connects to. A classic CA is
 * played by a {@link TestCertificateAuthority} whose root the service trusts.
 */
public final class PebbleBackedService implements AutoCloseable {

    public static final String DOMAIN = "example.org";
    private static final String PLUGIN = "certificatemanager";
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final StandaloneHttp01Responder http01;
    private final Pebble pebble;
    private final String databaseUrl;
    private final IdentityStore store;
    private final LiveKeyStoreTlsServer listener;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final TestCertificateAuthority classicCa = TestCertificateAuthority.create("Classic", Instant.now());
    private final DefaultCertificateService service;

    public PebbleBackedService(Path home) throws Exception {
        http01 = StandaloneHttp01Responder.start(new InetSocketAddress("127.0.0.1", 0));
        pebble = Pebble.builder().http01Port(http01.address().getPort()).start();
        databaseUrl = "jdbc:hsqldb:mem:console" + System.nanoTime();
        try (Connection connection = DriverManager.getConnection(databaseUrl, "SA", "")) {
            OpenfireSchemaScripts.installOnFreshServer(connection, "hsqldb");
        }
        PluginStorage storage = new PluginStorage(() -> DriverManager.getConnection(databaseUrl, "SA", ""),
                new PropertyEncryptorSealer(() -> TestPropertyEncryptor.authenticated("server key")), Clock.systemUTC());

        store = IdentityStoreFiles.withSelfSignedCertificate(home, DOMAIN, PASSWORD);
        listener = new LiveKeyStoreTlsServer(store.getStore(), PASSWORD, LiveKeyStoreTlsServer.Mode.DIRECT_TLS, DOMAIN);

        CertificateStoreManager storeManager = mock(CertificateStoreManager.class);
        when(storeManager.getIdentityStore(any())).thenReturn(store);
        when(storeManager.backup()).thenAnswer(invocation -> List.of(store.backup()));
        TlsEndpoint endpoint = new TlsEndpoint("c2s direct TLS", TlsEndpoint.Handshake.DIRECT_TLS, listener.host(),
                listener.port(), DOMAIN);
        LiveKeystoreInstaller installer = new LiveKeystoreInstaller(storeManager, DOMAIN,
                new KeystoreFileSync(false, storage.durableCopy()), () -> { }, () -> List.of(endpoint),
                new HandshakeCheck(new TlsHandshakeProbe(), Duration.ofSeconds(5), Duration.ofMillis(50)), () -> { },
                message -> { });
        ServerDescription server = new ServerDescription(DOMAIN, "", List.of("conference." + DOMAIN), List.of());
        service = DefaultCertificateService.builder()
                .settings(SavedSettings.define(PLUGIN, storage.settings(), storage.sealer()))
                .storage(storage)
                .server(() -> server)
                .http01(http01)
                .installer(installer::install)
                .overview(() -> IdentityStoreOverview.read(DOMAIN, storeManager, Instant.now(), Duration.ofDays(30)))
                .background(task -> pool.submit(task))
                .audit(new AuditTrail(storage.history(), mock(SecurityAuditManager.class), () -> DOMAIN,
                        Clock.systemUTC()))
                .dnsCheck(DnsVisibilityCheck.atServers(List.of(pebble.challTestSrv().dnsAddress()))
                        .withTimeout(Duration.ofSeconds(20)))
                .manualDnsTimeout(Duration.ofSeconds(60))
                .trustedRoots(() -> List.of(classicCa.root()))
                .build();
    }

    public DefaultCertificateService service() {
        return service;
    }

    public Pebble pebble() {
        return pebble;
    }

    public TestCertificateAuthority classicCa() {
        return classicCa;
    }

    /** Saves settings for Pebble (or the classic CA) with the given challenge, as the settings page would. */
    public void use(CaPreset ca, ChallengeType challenge) {
        CertificateSettings settings = new CertificateSettings(ca,
                ca == CaPreset.CUSTOM ? Optional.of(pebble.directory()) : Optional.empty(),
                Optional.of(CertificateChainCodec.toPem(List.of(pebble.trustAnchor()))), "admin@example.org", true,
                Optional.empty(), KeyPolicy.DEFAULT, challenge, Optional.empty(), NamePolicy.DEFAULT, false, false,
                Duration.ofHours(6), List.of(14, 7, 3, 1), true, false, LocalTime.of(4, 0));
        Map<String, String> problems = service.saveSettings(settings, CertificateSettings.SecretChange.NONE, "admin");
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Settings refused: " + problems);
        }
    }

    /** The certificate a TLS client is shown now. */
    public X509Certificate presentedLeaf() throws Exception {
        return new TlsHandshakeProbe().presentedLeaf(new TlsEndpoint("c2s", TlsEndpoint.Handshake.DIRECT_TLS,
                listener.host(), listener.port(), DOMAIN), Duration.ofSeconds(5));
    }

    @Override
    public void close() throws Exception {
        service.close();
        pool.shutdownNow();
        listener.close();
        pebble.close();
        http01.close();
        SystemProperty.removePropertiesForPlugin(PLUGIN);
        try (Connection connection = DriverManager.getConnection(databaseUrl, "SA", "");
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }
}
