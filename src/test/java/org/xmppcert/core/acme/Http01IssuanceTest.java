package org.xmppcert.core.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmppcert.core.acme.IssuanceObserver.Phase;
import org.xmppcert.core.challenge.Http01Responder;
import org.xmppcert.core.challenge.StandaloneHttp01Responder;
import org.xmppcert.testing.InMemoryAccountStore;
import org.xmppcert.testing.InMemoryOrderStore;
import org.xmppcert.core.issuance.IssuedCertificate;
import org.xmppcert.core.issuance.NameSet;
import org.xmppcert.core.keys.KeyPolicy;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.testing.AesGcmSealer;
import org.xmppcert.testing.Pebble;
import org.xmppcert.testing.WrongAnswerHttp01Responder;

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
        issuer = Engines.http01(Engines.settings(pebble).build(), new InMemoryAccountStore(), ORDERS,
                AesGcmSealer.withRandomKey(), responder);
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

    @Test
    void aRenewalKeepsTheCurrentKeyOnlyWhenTheAdminAskedForIt() throws Exception {
        List<String> names = List.of("pinned.example.org");
        IssuedCertificate first = issuer.issue(names, KeyType.EC_P256);

        IssuedCertificate kept = issuer.issue(names, new KeyPolicy(KeyType.EC_P256, true), Optional.of(first.keyPair()));
        IssuedCertificate fresh = issuer.issue(names, new KeyPolicy(KeyType.EC_P256, false), Optional.of(first.keyPair()));

        assertCertifies(kept, names);
        assertEquals(first.leaf().getPublicKey(), kept.leaf().getPublicKey(), "the renewed certificate has the same key");
        assertNotEquals(first.leaf().getPublicKey(), fresh.leaf().getPublicKey(), "a new key by default");
    }

    @Test
    void anObserverSeesThePhasesInOrderAndEachNameGoFromPendingThroughAnsweredToValid() throws Exception {
        List<String> names = List.of("watched.example.org", "upload.watched.example.org");
        RecordingObserver observer = new RecordingObserver();

        IssuedCertificate issued = issuer.issue(names, KeyPolicy.DEFAULT, Optional.empty(), observer);

        assertCertifies(issued, names);
        assertEquals(List.of(Phase.ORDERING, Phase.VALIDATING, Phase.FINALIZING, Phase.ISSUED), observer.phases);
        for (String name : names) {
            assertEquals(List.of("pending", "answered", "valid"), observer.states.get(name), name);
        }
    }

    @Test
    void aNameTheCaCannotValidateIsReportedInvalidWithTheCasReasonWhileTheOthersAreValid() {
        Http01Responder wrongForOneName = new WrongAnswerHttp01Responder(responder, "broken.");
        RecordingObserver observer = new RecordingObserver();
        try (AcmeIssuer failing = Engines.http01(pebble, wrongForOneName)) {
            IssuanceException failure = assertThrows(IssuanceException.class, () -> failing.issue(
                    List.of("fine.example.net", "broken.example.net"), KeyPolicy.DEFAULT, Optional.empty(), observer));

            assertEquals(List.of("broken.example.net"), failure.names(), failure.getMessage());
            // The CA ends the order at the first refusal, possibly before it got to the other name.
            assertFalse(observer.states.get("fine.example.net").contains("invalid"));
            assertEquals(List.of("pending", "answered"), observer.states.get("fine.example.net").subList(0, 2));
            assertEquals(List.of("pending", "answered", "invalid"), observer.states.get("broken.example.net"));
            String reason = observer.reasons.get("broken.example.net");
            assertEquals(failure.caDetail().orElseThrow(), reason);
            assertTrue(reason.contains("key authorization"), reason);
            assertFalse(observer.phases.contains(Phase.FINALIZING));
        }
    }

    /** Keeps what an observer is told, as a console would show it. */
    private static final class RecordingObserver implements IssuanceObserver {
        final List<Phase> phases = new CopyOnWriteArrayList<>();
        final Map<String, List<String>> states = new ConcurrentHashMap<>();
        final Map<String, String> reasons = new ConcurrentHashMap<>();

        @Override
        public void phase(Phase phase) {
            phases.add(phase);
        }

        @Override
        public void pending(String name) {
            state(name, "pending");
        }

        @Override
        public void answered(String name) {
            state(name, "answered");
        }

        @Override
        public void valid(String name) {
            state(name, "valid");
        }

        @Override
        public void invalid(String name, String reason) {
            reasons.put(name, reason);
            state(name, "invalid");
        }

        private void state(String name, String state) {
            states.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(state);
        }
    }

    private static void assertCertifies(IssuedCertificate issued, List<String> names) throws Exception {
        assertCertifiesWith(pebble, issued, names);
        assertTrue(ORDERS.load(new NameSet(names)).isEmpty(), "a finished order is no longer kept");
    }

    /** The certificate is valid, for exactly {@code names}, with the key handed over, and chains to Pebble's root. */
    static void assertCertifiesWith(Pebble pebble, IssuedCertificate issued, List<String> names) throws Exception {
        X509Certificate leaf = issued.leaf();
        List<String> sans = leaf.getSubjectAlternativeNames().stream().map(san -> (String) san.get(1)).sorted().toList();
        assertEquals(names.stream().sorted().toList(), sans);
        assertEquals(issued.keyPair().getPublic(), leaf.getPublicKey(), "the key handed over is the certified one");
        leaf.checkValidity();
        X509Certificate intermediate = issued.chain().get(1);
        leaf.verify(intermediate.getPublicKey());
        intermediate.verify(pebble.root(0).getPublicKey());
        assertTrue(issued.renewalWindow().isEmpty(), "Pebble 2.4 offers no renewal information");
    }
}
