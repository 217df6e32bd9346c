package org.xmppcert.core.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmppcert.core.challenge.Http01Responder;
import org.xmppcert.core.challenge.StandaloneHttp01Responder;
import org.xmppcert.testing.InMemoryAccountStore;
import org.xmppcert.testing.InMemoryOrderStore;
import org.xmppcert.core.issuance.IssuedCertificate;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.testing.AesGcmSealer;
import org.xmppcert.testing.Pebble;
import org.xmppcert.testing.WrongAnswerHttp01Responder;

/** How the engine copes with what real CAs do: refused answers, EAB, refused nonces, alternate chains. */
class CaBehaviourTest {

    private static StandaloneHttp01Responder responder;

    @BeforeAll
    static void startResponder() throws Exception {
        responder = StandaloneHttp01Responder.start(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterAll
    static void stopResponder() {
        responder.close();
    }

    @Test
    void aWrongHttp01AnswerFailsNamingTheNameAndTheChallenge() throws Exception {
        Http01Responder wrongAnswers = new WrongAnswerHttp01Responder(responder, "bad.");
        try (Pebble pebble = pebbleAnsweredBy(responder);
             AcmeIssuer issuer = Engines.http01(pebble, wrongAnswers)) {
            IssuanceException failure = assertThrows(IssuanceException.class,
                    () -> issuer.issue(List.of("good.example.org", "bad.example.org"), KeyType.EC_P256));

            assertEquals(List.of("bad.example.org"), failure.names(), failure.getMessage());
            assertEquals("http-01", failure.challengeType().orElseThrow());
            assertEquals(IssuanceProblem.UNAUTHORIZED, failure.problem());
            assertTrue(failure.getMessage().startsWith("Validation by http-01 failed for bad.example.org"), failure.getMessage());
            assertTrue(failure.caDetail().orElseThrow().contains("not-the-key-authorization"), failure.getMessage());
            assertTrue(failure.getMessage().contains(IssuanceProblem.UNAUTHORIZED.advice()));
        }
    }

    @Test
    void externalAccountBindingIsSentWhenConfiguredAndItsAbsenceExplained() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String hmacKey = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        try (Pebble pebble = Pebble.builder().http01Port(responder.address().getPort())
                .externalAccountBinding("kid-xmpp", hmacKey).start()) {
            try (AcmeIssuer withoutEab = Engines.http01(pebble, responder)) {
                IssuanceException refused = assertThrows(IssuanceException.class,
                        () -> withoutEab.issue(List.of("eab.example.org"), KeyType.EC_P256));
                assertEquals(IssuanceProblem.EXTERNAL_ACCOUNT_REQUIRED, refused.problem(), refused.getMessage());
            }
            AcmeSettings settings = Engines.settings(pebble)
                    .externalAccountBinding(new ExternalAccountBinding("kid-xmpp", hmacKey)).build();
            assertTrue(!settings.externalAccountBinding().orElseThrow().toString().contains(hmacKey), "the HMAC key is never printed");
            try (AcmeIssuer withEab = Engines.http01(settings, new InMemoryAccountStore(), new InMemoryOrderStore(),
                    AesGcmSealer.withRandomKey(), responder)) {
                IssuedCertificate issued = withEab.issue(List.of("eab.example.org"), KeyType.EC_P256);
                Http01IssuanceTest.assertCertifiesWith(pebble, issued, List.of("eab.example.org"));
            }
        }
    }

    @Test
    void halfOfAllNoncesRefusedStillEndsInACertificate() throws Exception {
        List<String> names = List.of("nonce1.example.org", "nonce2.example.org", "nonce3.example.org");
        try (Pebble pebble = Pebble.builder().http01Port(responder.address().getPort()).nonceRejectPercent(50).start();
             AcmeIssuer issuer = Engines.http01(pebble, responder)) {
            IssuedCertificate issued = issuer.issue(names, KeyType.EC_P256);

            Http01IssuanceTest.assertCertifiesWith(pebble, issued, names);
            assertTrue(pebble.log().contains("reject 50% of good nonces"), "Pebble really was refusing nonces");
        }
    }

    @Test
    void thePreferredChainIsChosenByIssuerName() throws Exception {
        try (Pebble pebble = Pebble.builder().http01Port(responder.address().getPort()).alternateRoots(2).start()) {
            String alternateRoot = commonName(pebble.root(2).getSubjectX500Principal().getName());
            AcmeSettings settings = Engines.settings(pebble).preferredChainIssuer(alternateRoot).build();
            try (AcmeIssuer issuer = Engines.http01(settings, new InMemoryAccountStore(), new InMemoryOrderStore(),
                    AesGcmSealer.withRandomKey(), responder)) {
                IssuedCertificate issued = issuer.issue(List.of("chain.example.org"), KeyType.EC_P256);

                var top = issued.chain().get(issued.chain().size() - 1);
                assertEquals(Set.of(alternateRoot), Set.of(commonName(top.getIssuerX500Principal().getName())));
                top.verify(pebble.root(2).getPublicKey());
            }
        }
    }

    @Test
    void anUnreachableCaIsExplainedAndNothingIsLost() throws Exception {
        try (Pebble pebble = pebbleAnsweredBy(responder);
             AcmeIssuer issuer = Engines.http01(pebble, responder)) {
            pebble.stop();
            IssuanceException failure = assertThrows(IssuanceException.class,
                    () -> issuer.issue(List.of("down.example.org"), KeyType.EC_P256));
            assertEquals(IssuanceProblem.NETWORK, failure.problem(), failure.getMessage());
            assertEquals(List.of("down.example.org"), failure.names());

            pebble.resume();
            Http01IssuanceTest.assertCertifiesWith(pebble, issuer.issue(List.of("down.example.org"), KeyType.EC_P256),
                    List.of("down.example.org"));
        }
    }

    private static Pebble pebbleAnsweredBy(StandaloneHttp01Responder http) throws Exception {
        return Pebble.builder().http01Port(http.address().getPort()).start();
    }

    private static String commonName(String x500) {
        return x500.replaceFirst("^CN=", "").replaceFirst(",.*$", "");
    }
}
