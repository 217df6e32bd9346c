package org.xmppcert.core.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xmppcert.core.challenge.DnsVisibilityCheck;
import org.xmppcert.core.challenge.dns.Rfc2136Dns01Responder;
import org.xmppcert.core.challenge.dns.Rfc2136Settings;
import org.xmppcert.core.challenge.dns.TsigAlgorithm;
import org.xmppcert.core.issuance.IssuedCertificate;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.testing.Bind9;
import org.xmppcert.testing.Pebble;

/**
 * Unattended dns-01 end to end: the engine adds the TXT records to a real BIND 9 by TSIG-signed
 * dynamic update, and a real Pebble, resolving through that BIND, validates them.
 */
class Rfc2136Dns01IssuanceTest {

    @RegisterExtension
    static final Bind9.PerTestClass BIND = new Bind9.PerTestClass();

    private static Pebble pebble;
    private static AcmeIssuer issuer;

    @BeforeAll
    static void start() throws Exception {
        Bind9 bind = BIND.server();
        InetSocketAddress dns = new InetSocketAddress(bind.host(), bind.port());
        pebble = Pebble.builder().dnsServer(dns).start();
        Rfc2136Settings updates = Rfc2136Settings.of(bind.host(), bind.port(), bind.keyName(),
                TsigAlgorithm.fromLabel(Bind9.ALGORITHM), bind.secret());
        // The zones' NS records say port 53; the test BIND listens elsewhere.
        issuer = Engines.dns01(pebble, new Rfc2136Dns01Responder(updates), DnsVisibilityCheck.atServers(List.of(dns)));
    }

    @AfterAll
    static void stop() {
        if (issuer != null) {
            issuer.close();
        }
        if (pebble != null) {
            pebble.close();
        }
    }

    @Test
    void certificateForNamesInTwoZonesIncludingAWildcardAndNoRecordLeftBehind() throws Exception {
        List<String> names = List.of("xmpp.example.test", "*.xmpp.example.test", "conference.xmpp.example.test",
                "upload.acme.test");

        IssuedCertificate issued = issuer.issue(names, KeyType.EC_P256);

        X509Certificate leaf = issued.leaf();
        List<String> sans = leaf.getSubjectAlternativeNames().stream().map(san -> (String) san.get(1)).sorted().toList();
        assertEquals(names.stream().sorted().toList(), sans);
        assertEquals(issued.keyPair().getPublic(), leaf.getPublicKey());
        leaf.verify(issued.chain().get(1).getPublicKey());
        for (String owner : List.of("_acme-challenge.xmpp.example.test", "_acme-challenge.conference.xmpp.example.test",
                "_acme-challenge.upload.acme.test")) {
            assertEquals(List.of(), BIND.server().txtValues(owner), owner + " should be cleaned up");
        }
    }

    @Test
    void zoneTheKeyMayNotUpdateFailsBeforeTheCaIsAskedWithTheDnsServersReason() {
        IssuanceException e = assertThrows(IssuanceException.class,
                () -> issuer.issue(List.of("xmpp." + Bind9.LOCKED_ZONE), KeyType.EC_P256));

        assertEquals(IssuanceProblem.CHALLENGE_SETUP, e.problem());
        assertTrue(e.getMessage().contains("updates to zone " + Bind9.LOCKED_ZONE + " are not allowed for TSIG key '"
                + BIND.server().keyName() + "'"), e.getMessage());
        assertFalse(e.getMessage().contains(BIND.server().secret()), e.getMessage());
    }
}
