package org.xmppcert.core.tlscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmppcert.core.tlscheck.EndpointResult.Verdict;
import org.xmppcert.core.tlscheck.TlsEndpoint.Handshake;
import org.xmppcert.testing.LiveKeyStoreTlsServer;
import org.xmppcert.testing.LiveKeyStoreTlsServer.Mode;
import org.xmppcert.testing.TestCertificateAuthority;
import org.xmppcert.testing.TestCertificateAuthority.Issued;

class HandshakeCheckTest {

    private static final String DOMAIN = "example.org";
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final TestCertificateAuthority ca = TestCertificateAuthority.create("Test", Instant.now());
    private final Issued current = ca.issueWithNewKey(DOMAIN, "*.example.org");
    private final Issued renewed = ca.issueWithNewKey(DOMAIN, "*.example.org");
    private KeyStore live;

    @BeforeEach
    void serveCurrentCertificate() throws Exception {
        live = KeyStore.getInstance("PKCS12");
        live.load(null, PASSWORD);
        current.storeIn(live, "example.org_1", PASSWORD);
    }

    private final HandshakeCheck quickCheck = new HandshakeCheck(new TlsHandshakeProbe(), Duration.ofSeconds(3),
            Duration.ofMillis(50));

    @Test
    void everyKindOfListenerIsReadThroughARealHandshake() throws Exception {
        try (LiveKeyStoreTlsServer direct = new LiveKeyStoreTlsServer(live, PASSWORD, Mode.DIRECT_TLS, DOMAIN);
             LiveKeyStoreTlsServer c2s = new LiveKeyStoreTlsServer(live, PASSWORD, Mode.XMPP_CLIENT_STARTTLS, DOMAIN);
             LiveKeyStoreTlsServer s2s = new LiveKeyStoreTlsServer(live, PASSWORD, Mode.XMPP_SERVER_STARTTLS, DOMAIN)) {

            HandshakeReport report = quickCheck.expect(current.leaf(), List.of(
                    endpoint("direct TLS", Handshake.DIRECT_TLS, direct),
                    endpoint("c2s STARTTLS", Handshake.XMPP_CLIENT_STARTTLS, c2s),
                    endpoint("s2s STARTTLS", Handshake.XMPP_SERVER_STARTTLS, s2s)));

            assertTrue(report.allPresentExpected(), report.describe());
            assertEquals(3, report.results().size());
            report.results().forEach(result ->
                    assertEquals(CertificateFingerprint.sha256(current.leaf()), result.presentedFingerprint()));
        }
    }

    @Test
    void aListenerStillOnTheOldCertificateFailsAfterTheBoundedWait() throws Exception {
        HandshakeCheck patientForHalfASecond = new HandshakeCheck(new TlsHandshakeProbe(), Duration.ofMillis(500),
                Duration.ofMillis(50));
        try (LiveKeyStoreTlsServer direct = new LiveKeyStoreTlsServer(live, PASSWORD, Mode.DIRECT_TLS, DOMAIN)) {
            HandshakeReport report = patientForHalfASecond.expect(renewed.leaf(),
                    List.of(endpoint("direct TLS", Handshake.DIRECT_TLS, direct)));

            assertFalse(report.allPresentExpected());
            EndpointResult result = report.results().get(0);
            assertEquals(Verdict.PRESENTS_OTHER, result.verdict());
            assertEquals(CertificateFingerprint.sha256(current.leaf()), result.presentedFingerprint());
            assertTrue(result.attempts() > 1, "retried until the deadline: " + result.attempts());
            assertTrue(report.elapsed().compareTo(Duration.ofSeconds(3)) < 0, "bounded: " + report.elapsed());
            assertTrue(result.describe().contains("still presents another certificate"), result.describe());
        }
    }

    @Test
    void waitsForAListenerThatPicksUpTheNewCertificateLate() throws Exception {
        try (LiveKeyStoreTlsServer s2s = new LiveKeyStoreTlsServer(live, PASSWORD, Mode.XMPP_SERVER_STARTTLS, DOMAIN)) {
            CompletableFuture<Void> lateSwap = CompletableFuture.runAsync(() -> {
                try {
                    live.deleteEntry("example.org_1");
                    renewed.storeIn(live, "example.org_2", PASSWORD);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, CompletableFuture.delayedExecutor(400, TimeUnit.MILLISECONDS));

            HandshakeReport report = quickCheck.expect(renewed.leaf(),
                    List.of(endpoint("s2s STARTTLS", Handshake.XMPP_SERVER_STARTTLS, s2s)));
            lateSwap.join();

            assertTrue(report.allPresentExpected(), report.describe());
            assertTrue(report.results().get(0).attempts() > 1);
        }
    }

    @Test
    void aClosedPortIsReportedAsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        HandshakeCheck brief = new HandshakeCheck(new TlsHandshakeProbe(), Duration.ofMillis(300), Duration.ofMillis(50));

        HandshakeReport report = brief.expect(current.leaf(),
                List.of(new TlsEndpoint("direct TLS", Handshake.DIRECT_TLS, "127.0.0.1", closedPort, DOMAIN)));

        EndpointResult result = report.results().get(0);
        assertEquals(Verdict.UNREACHABLE, result.verdict());
        assertTrue(result.describe().contains("no TLS handshake"), result.describe());
    }

    @Test
    void aListenerDeadBeforeTheInstallIsReportedButNotWaitedFor() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        TlsEndpoint dead = new TlsEndpoint("s2s direct TLS", Handshake.DIRECT_TLS, "127.0.0.1", closedPort, DOMAIN);
        try (LiveKeyStoreTlsServer alive = new LiveKeyStoreTlsServer(live, PASSWORD, Mode.DIRECT_TLS, DOMAIN)) {
            TlsEndpoint direct = endpoint("c2s direct TLS", Handshake.DIRECT_TLS, alive);
            List<EndpointResult> unreachable = quickCheck.unreachable(List.of(direct, dead));
            assertEquals(List.of(dead), unreachable.stream().map(EndpointResult::endpoint).toList(),
                    "only the listener that answers no handshake");

            renewed.storeIn(live, "example.org_1", PASSWORD);
            HandshakeReport report = quickCheck.expect(renewed.leaf(), List.of(direct, dead), unreachable);

            assertTrue(report.allPresentExpected(), report.describe());
            assertEquals(List.of(direct), report.results().stream().map(EndpointResult::endpoint).toList());
            assertEquals(1, report.results().get(0).attempts(), "the new certificate at the first handshake");
            assertTrue(report.describe().contains("s2s direct TLS (127.0.0.1:" + closedPort
                    + "): not checked, it answered no handshake before the install either"), report.describe());
        }
    }

    private static TlsEndpoint endpoint(String label, Handshake handshake, LiveKeyStoreTlsServer server) {
        return new TlsEndpoint(label, handshake, server.host(), server.port(), DOMAIN);
    }
}
