package org.xmppcert.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.xmppcert.core.tlscheck.CertificateFingerprint;
import org.xmppcert.core.tlscheck.TlsEndpoint;
import org.xmppcert.core.tlscheck.TlsEndpoint.Handshake;
import org.xmppcert.testing.LiveKeyStoreTlsServer.Mode;
import org.xmppcert.testing.TestCertificateAuthority.Issued;

class SmackClientStartTlsProbeTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private final TestCertificateAuthority ca = TestCertificateAuthority.create("Test", Instant.now());

    @Test
    void readsTheCertificateAClientGetsAfterStartTls() throws Exception {
        Issued served = ca.issueWithNewKey("example.org");
        KeyStore live = KeyStore.getInstance("PKCS12");
        live.load(null, PASSWORD);
        served.storeIn(live, "example.org_1", PASSWORD);

        try (LiveKeyStoreTlsServer c2s = new LiveKeyStoreTlsServer(live, PASSWORD, Mode.XMPP_CLIENT_STARTTLS, "example.org")) {
            TlsEndpoint endpoint = new TlsEndpoint("c2s", Handshake.XMPP_CLIENT_STARTTLS, c2s.host(), c2s.port(), "example.org");

            var presented = new SmackClientStartTlsProbe().presentedLeaf(endpoint, Duration.ofSeconds(5));

            assertEquals(CertificateFingerprint.sha256(served.leaf()), CertificateFingerprint.sha256(presented));
        }
    }

    @Test
    void aListenerWithoutStartTlsIsAnError() throws Exception {
        KeyStore live = KeyStore.getInstance("PKCS12");
        live.load(null, PASSWORD);
        ca.issueWithNewKey("example.org").storeIn(live, "a", PASSWORD);
        // A direct-TLS port never answers the plain-text stream header Smack sends.
        try (LiveKeyStoreTlsServer direct = new LiveKeyStoreTlsServer(live, PASSWORD, Mode.DIRECT_TLS, "example.org")) {
            TlsEndpoint endpoint = new TlsEndpoint("c2s", Handshake.XMPP_CLIENT_STARTTLS, direct.host(), direct.port(), "example.org");

            assertThrows(IOException.class,
                    () -> new SmackClientStartTlsProbe().presentedLeaf(endpoint, Duration.ofSeconds(1)));
        }
    }
}
