package org.xmppcert.core.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmppcert.core.challenge.StandaloneHttp01Responder;
import org.xmppcert.core.issuance.InMemoryAccountStore;
import org.xmppcert.core.issuance.InMemoryOrderStore;
import org.xmppcert.core.issuance.IssuedCertificate;
import org.xmppcert.core.issuance.NameSet;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.core.secrets.AesGcmSealer;
import org.xmppcert.testing.Pebble;

/** Certificates from a real Pebble, validated by http-01 against the standalone responder. */
class Http01IssuanceTest {

    private static StandaloneHttp01Responder responder;
    private static Pebble pebble;
    private static AcmeIssuer issuer;
    private static final InMemoryOrderStore ORDERS = new InMemoryOrderStore();

    @BeforeAll
    static void startPebble() throws Exception {
        responder = StandaloneHttp01Responder.start(new InetSocketAddress("127.0.0.1", 0));
        pebble = Pebble.builder().http01Port(responder.address().getPort()).start();
        issuer = AcmeIssuer.builder(AcmeSettings.builder(pebble.directory())
                        .trustAnchor(pebble.trustAnchor())
                        .contactEmail("admin@example.org")
                        .termsOfServiceAgreed(true)
                        .build())
                .accountStore(new InMemoryAccountStore())
                .orderStore(ORDERS)
                .sealer(AesGcmSealer.withRandomKey())
                .http01(responder)
                .build();
    }

    @AfterAll
    static void stopPebble() {
        issuer.close();
        pebble.close();
        responder.close();
    }

    @Test
    void oneName() throws Exception {
        IssuedCertificate issued = issuer.issue(List.of("xmpp.example.org"), KeyType.EC_P256);

        assertCertifies(issued, List.of("xmpp.example.org"));
    }

    @Test
    void twentyNamesInOneCertificate() throws Exception {
        List<String> names = IntStream.rangeClosed(1, 20).mapToObj(i -> "component" + i + ".example.net").toList();

        IssuedCertificate issued = issuer.issue(names, KeyType.RSA_2048);

        assertCertifies(issued, names);
        assertEquals("RSA", issued.leaf().getPublicKey().getAlgorithm());
    }

    static void assertCertifies(IssuedCertificate issued, List<String> names) throws Exception {
        X509Certificate leaf = issued.leaf();
        List<String> sans = leaf.getSubjectAlternativeNames().stream().map(san -> (String) san.get(1)).sorted().toList();
        assertEquals(names.stream().sorted().toList(), sans);
        assertEquals(issued.keyPair().getPublic(), leaf.getPublicKey(), "the key handed over is the certified one");
        leaf.checkValidity();
        X509Certificate intermediate = issued.chain().get(1);
        leaf.verify(intermediate.getPublicKey());
        intermediate.verify(pebble.root(0).getPublicKey());
        assertTrue(issued.renewalWindow().isEmpty(), "Pebble 2.4 offers no renewal information");
        assertTrue(ORDERS.load(new NameSet(names)).isEmpty(), "a finished order is no longer kept");
    }
}
