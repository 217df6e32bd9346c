package org.xmppcert.core.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xmppcert.core.challenge.StandaloneHttp01Responder;
import org.xmppcert.testing.InMemoryAccountStore;
import org.xmppcert.testing.InMemoryOrderStore;
import org.xmppcert.core.issuance.IssuedCertificate;
import org.xmppcert.core.issuance.NameSet;
import org.xmppcert.core.issuance.OrderRecord;
import org.xmppcert.core.issuance.OrderStep;
import org.xmppcert.core.issuance.OrderStore;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.testing.AesGcmSealer;
import org.xmppcert.testing.Pebble;

/**
 * The server dies right after the engine saved a step; a new engine on the same stores must
 * finish that very order. And when the CA itself lost everything, the new engine must end with
 * a clean new order instead of failing.
 */
class ResumeAfterRestartTest {

    private static StandaloneHttp01Responder responder;
    private static Pebble pebble;

    @BeforeAll
    static void startPebble() throws Exception {
        responder = StandaloneHttp01Responder.start(new InetSocketAddress("127.0.0.1", 0));
        pebble = Pebble.builder().http01Port(responder.address().getPort()).start();
    }

    @AfterAll
    static void stopPebble() {
        pebble.close();
        responder.close();
    }

    @ParameterizedTest
    @EnumSource(OrderStep.class)
    void aNewEngineFinishesTheSameOrderAfterACrashAtEachStep(OrderStep crashStep) throws Exception {
        List<String> names = List.of("crash-" + crashStep.name().toLowerCase().replace('_', '-') + ".example.org", "second.example.org");
        InMemoryAccountStore accounts = new InMemoryAccountStore();
        CrashingOrderStore orders = new CrashingOrderStore(crashStep);
        AesGcmSealer sealer = AesGcmSealer.withRandomKey();

        try (AcmeIssuer beforeCrash = Engines.http01(Engines.settings(pebble).build(), accounts, orders, sealer, responder)) {
            assertThrows(SimulatedCrash.class, () -> beforeCrash.issue(names, KeyType.EC_P256));
        }
        OrderRecord saved = orders.load(new NameSet(names)).orElseThrow();
        assertEquals(crashStep, saved.step());
        assertFalse(saved.sealedKeyPair().contains("PRIVATE KEY"), "the certificate key is stored sealed only");

        orders.crashStep = null;
        IssuedCertificate issued;
        try (AcmeIssuer afterRestart = Engines.http01(Engines.settings(pebble).build(), accounts, orders, sealer, responder)) {
            issued = afterRestart.issue(names, KeyType.EC_P256);
        }

        assertEquals(Set.of(saved.orderUrl()), orders.orderUrls(), "every step saved belongs to the one order");
        assertEquals("EC", issued.keyPair().getPublic().getAlgorithm());
        Http01IssuanceTest.assertCertifiesWith(pebble, issued, names);
        if (crashStep == OrderStep.DOWNLOADED) {
            Object savedLeaf = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(
                    new java.io.ByteArrayInputStream(saved.chain().orElseThrow().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            assertEquals(savedLeaf, issued.leaf(), "the downloaded certificate is handed over, not a new one");
        }
    }

    @Test
    void aCaThatForgotEverythingEndsInACleanNewOrder() throws Exception {
        List<String> names = List.of("forgotten.example.org");
        InMemoryAccountStore accounts = new InMemoryAccountStore();
        CrashingOrderStore orders = new CrashingOrderStore(OrderStep.CREATED);
        AesGcmSealer sealer = AesGcmSealer.withRandomKey();
        try (AcmeIssuer beforeCrash = Engines.http01(Engines.settings(pebble).build(), accounts, orders, sealer, responder)) {
            assertThrows(SimulatedCrash.class, () -> beforeCrash.issue(names, KeyType.EC_P256));
        }
        URI lostOrder = orders.load(new NameSet(names)).orElseThrow().orderUrl();
        URI lostAccount = accounts.load(pebble.directory()).orElseThrow().accountUrl();

        pebble.restart();
        orders.crashStep = null;
        IssuedCertificate issued;
        try (AcmeIssuer afterRestart = Engines.http01(Engines.settings(pebble).build(), accounts, orders, sealer, responder)) {
            issued = afterRestart.issue(names, KeyType.EC_P256);
        }

        Http01IssuanceTest.assertCertifiesWith(pebble, issued, names);
        assertTrue(orders.orderUrls().contains(lostOrder));
        assertEquals(2, orders.orderUrls().size(), "exactly one new order was placed");
        assertNotEquals(lostAccount, accounts.load(pebble.directory()).orElseThrow().accountUrl(), "the account was registered again");
    }

    @Test
    void aCaRestartedWhileChallengesAreBeingAnsweredEndsInACleanNewOrder() throws Exception {
        List<String> names = List.of("restarted-mid-order.example.org", "other.example.org");
        InMemoryOrderStore orders = new InMemoryOrderStore();
        RestartingResponder restarting = new RestartingResponder(responder, pebble);
        try (AcmeIssuer issuer = Engines.http01(Engines.settings(pebble).build(), new InMemoryAccountStore(), orders,
                AesGcmSealer.withRandomKey(), restarting)) {
            IssuedCertificate issued = issuer.issue(names, KeyType.EC_P256);

            assertTrue(restarting.restarted, "Pebble was restarted mid-order");
            Http01IssuanceTest.assertCertifiesWith(pebble, issued, names);
        }
    }

    /** A store that "crashes the server" (throws) right after saving the given step, and remembers every order URL saved. */
    static final class CrashingOrderStore implements OrderStore {
        private final InMemoryOrderStore delegate = new InMemoryOrderStore();
        private final List<URI> saved = new ArrayList<>();
        volatile OrderStep crashStep;

        CrashingOrderStore(OrderStep crashStep) {
            this.crashStep = crashStep;
        }

        @Override
        public synchronized void save(OrderRecord record) {
            delegate.save(record);
            saved.add(record.orderUrl());
            if (record.step() == crashStep) {
                throw new SimulatedCrash();
            }
        }

        @Override
        public Optional<OrderRecord> load(NameSet names) {
            return delegate.load(names);
        }

        @Override
        public void delete(NameSet names) {
            delegate.delete(names);
        }

        synchronized Set<URI> orderUrls() {
            return saved.stream().collect(Collectors.toSet());
        }
    }

    static final class SimulatedCrash extends RuntimeException {
    }

    /** Serves http-01 normally, but restarts Pebble (losing all its state) the first time an answer is published. */
    static final class RestartingResponder implements org.xmppcert.core.challenge.Http01Responder {
        private final StandaloneHttp01Responder delegate;
        private final Pebble pebble;
        volatile boolean restarted;

        RestartingResponder(StandaloneHttp01Responder delegate, Pebble pebble) {
            this.delegate = delegate;
            this.pebble = pebble;
        }

        @Override
        public synchronized void publish(String domain, String token, String keyAuthorization) {
            if (!restarted) {
                restarted = true;
                try {
                    pebble.restart();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            delegate.publish(domain, token, keyAuthorization);
        }

        @Override
        public void withdraw(String token) {
            delegate.withdraw(token);
        }
    }
}
