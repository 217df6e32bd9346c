package org.xmppcert.testing;

import static org.mockito.Mockito.mock;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
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
import org.jivesoftware.openfire.security.SecurityAuditManager;
import org.jivesoftware.util.SystemProperty;
import org.xmppcert.core.acme.ChallengeType;
import org.xmppcert.core.challenge.DnsVisibilityCheck;
import org.xmppcert.core.challenge.StandaloneHttp01Responder;
import org.xmppcert.core.keys.CertificateChainCodec;
import org.xmppcert.core.keys.KeyPolicy;
import org.xmppcert.core.names.NamePolicy;
import org.xmppcert.core.names.ServerDescription;
import org.xmppcert.openfire.names.LiveServerDescription;
import org.xmppcert.openfire.console.IdentityStoreOverview;
import org.xmppcert.openfire.notify.AuditTrail;
import org.xmppcert.openfire.service.CaPreset;
import org.xmppcert.openfire.service.CertificateSettings;
import org.xmppcert.openfire.service.DefaultCertificateService;
import org.xmppcert.openfire.service.SavedSettings;
import org.xmppcert.openfire.service.Sentence;
import org.xmppcert.openfire.storage.PluginStorage;

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
    private final HsqldbPluginDatabase database;
    private final ServedIdentityStore identityStore;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final TestCertificateAuthority classicCa = TestCertificateAuthority.create("Classic", Instant.now());
    private final DefaultCertificateService service;

    public PebbleBackedService(Path home) throws Exception {
        http01 = StandaloneHttp01Responder.start(new InetSocketAddress("127.0.0.1", 0));
        pebble = Pebble.builder().http01Port(http01.address().getPort()).start();
        database = new HsqldbPluginDatabase();
        PluginStorage storage = database.storage();
        identityStore = new ServedIdentityStore(home, DOMAIN, PASSWORD);
        CertificateStoreManager storeManager = identityStore.storeManager();
        ServerDescription server = new ServerDescription(DOMAIN, "", List.of("conference." + DOMAIN), List.of());
        service = DefaultCertificateService.builder()
                .settings(SavedSettings.define(PLUGIN, storage.settings(), storage.sealer()))
                .storage(storage)
                .server(() -> new LiveServerDescription(server, List.of()))
                .http01(http01)
                .installer(identityStore.installer(storage.durableCopy())::install)
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
        Map<String, Sentence> problems = service.saveSettings(settings, CertificateSettings.SecretChange.NONE, "admin");
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Settings refused: " + problems);
        }
    }

    /** The certificate a TLS client is shown now. */
    public X509Certificate presentedLeaf() throws Exception {
        return identityStore.presentedLeaf();
    }

    @Override
    public void close() throws Exception {
        service.close();
        pool.shutdownNow();
        identityStore.close();
        pebble.close();
        http01.close();
        SystemProperty.removePropertiesForPlugin(PLUGIN);
        database.close();
    }
}
