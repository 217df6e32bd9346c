package org.xmppcert.core.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmppcert.core.challenge.DnsVisibilityCheck;
import org.xmppcert.core.challenge.ManualDns01Responder;
import org.xmppcert.core.challenge.TxtRecord;
import org.xmppcert.core.issuance.IssuedCertificate;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.testing.AesGcmSealer;
import org.xmppcert.testing.InMemoryAccountStore;
import org.xmppcert.testing.InMemoryOrderStore;
import org.xmppcert.testing.Pebble;

/**
 * dns-01 by hand against a real Pebble: the test plays the admin, creating the records it is
 * shown at pebble-challtestsrv (the zone's authoritative server here) and confirming.
 */
class ManualDns01IssuanceTest {

    private static Pebble pebble;
    private static AcmeIssuer issuer;
    private static final BlockingQueue<List<TxtRecord>> SHOWN_TO_ADMIN = new LinkedBlockingQueue<>();
    private static final ManualDns01Responder MANUAL = new ManualDns01Responder(Duration.ofSeconds(30), SHOWN_TO_ADMIN::add);
    private static final ExecutorService SERVER = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void startPebble() throws Exception {
        pebble = Pebble.builder().start();
        issuer = Engines.dns01(pebble, MANUAL, DnsVisibilityCheck.atServers(List.of(pebble.challTestSrv().dnsAddress()))
                .withTimeout(Duration.ofSeconds(20)));
    }

    @AfterAll
    static void stopPebble() {
        SERVER.shutdownNow();
        issuer.close();
        pebble.close();
    }

    @Test
    void recordsCreatedByTheAdminAfterConfirmingEarlyStillValidateIncludingAWildcard() throws Exception {
        List<String> names = List.of("example.org", "*.example.org", "conference.example.org");
        Future<IssuedCertificate> issuing = SERVER.submit(() -> issuer.issue(names, KeyType.EC_P256));

        List<TxtRecord> wanted = SHOWN_TO_ADMIN.poll(20, TimeUnit.SECONDS);
        assertEquals(List.of("_acme-challenge.conference.example.org", "_acme-challenge.example.org", "_acme-challenge.example.org"),
                wanted.stream().map(TxtRecord::owner).sorted().toList());
        assertEquals(wanted, MANUAL.awaitingConfirmation());
        // An impatient admin confirms before the records exist: the engine must wait for them, not fail.
        MANUAL.confirm();
        Thread.sleep(700);
        assertTrue(!issuing.isDone(), "nothing may reach the CA before the records are visible");
        for (TxtRecord record : wanted) {
            pebble.challTestSrv().setTxt(record.owner(), record.value());
        }

        IssuedCertificate issued = issuing.get(30, TimeUnit.SECONDS);
        assertEquals(names.stream().sorted().toList(),
                issued.leaf().getSubjectAlternativeNames().stream().map(san -> (String) san.get(1)).sorted().toList());
        for (TxtRecord record : wanted) {
            pebble.challTestSrv().clearTxt(record.owner());
        }
    }

    @Test
    void aSecondRequestForTheSameNamesIsRefusedWhileTheFirstWaitsAndCancellingExplainsItself() throws Exception {
        Future<IssuedCertificate> first = SERVER.submit(() -> issuer.issue(List.of("muc.example.com", "example.com"), KeyType.EC_P256));
        SHOWN_TO_ADMIN.poll(20, TimeUnit.SECONDS);

        IssuanceException duplicate = assertThrows(IssuanceException.class,
                () -> issuer.issue(List.of("Example.com.", "muc.example.com"), KeyType.EC_P256));
        assertEquals(IssuanceProblem.ALREADY_IN_PROGRESS, duplicate.problem());
        // The plugin builds an engine per request (an admin's, a renewal's): the same names through another are refused too.
        try (AcmeIssuer another = AcmeIssuer.builder(AcmeSettings.builder(pebble.directory())
                        .trustAnchor(pebble.trustAnchor()).termsOfServiceAgreed(true).build())
                .accountStore(new InMemoryAccountStore()).orderStore(new InMemoryOrderStore())
                .sealer(AesGcmSealer.withRandomKey()).build()) {
            assertEquals(IssuanceProblem.ALREADY_IN_PROGRESS, assertThrows(IssuanceException.class,
                    () -> another.issue(List.of("muc.example.com", "example.com"), KeyType.EC_P256)).problem());
        }

        MANUAL.cancel();
        ExecutionException failed = assertThrows(ExecutionException.class, () -> first.get(10, TimeUnit.SECONDS));
        IssuanceException cancelled = (IssuanceException) failed.getCause();
        assertEquals(IssuanceProblem.CHALLENGE_SETUP, cancelled.problem());
        assertEquals(List.of("example.com", "muc.example.com"), cancelled.names().stream().sorted().toList());
        assertEquals("dns-01", cancelled.challengeType().orElseThrow());
        assertTrue(cancelled.getMessage().contains("cancelled"), cancelled.getMessage());
    }
}
