package org.xmppcert.core.challenge.dns;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xmppcert.core.challenge.ChallengeException;
import org.xmppcert.core.challenge.DnsVisibilityCheck;
import org.xmppcert.core.challenge.TxtRecord;
import org.xmppcert.testing.Bind9;

/**
 * The propagation check finds a zone's authoritative servers the way it does in production (SOA,
 * then NS, then their addresses) against a real BIND 9 serving the zone, and waits until every one
 * of them shows the record.
 */
class DnsVisibilityCheckTest {

    @RegisterExtension
    static final Bind9.PerTestClass BIND = new Bind9.PerTestClass();

    @Test
    void aRecordPublishedByDynamicUpdateIsSeenAtTheZonesAuthoritativeServer() throws Exception {
        TxtRecord record = new TxtRecord("visible.example.test", UUID.randomUUID().toString());
        new Rfc2136Dns01Responder(settings()).deploy(List.of(record));

        assertDoesNotThrow(() -> check().awaitVisible(List.of(record)));
    }

    @Test
    void aMissingRecordIsReportedWithItsNameAndTheServerThatLacksIt() {
        TxtRecord record = new TxtRecord("missing.acme.test", "never-published");

        ChallengeException failure = assertThrows(ChallengeException.class, () -> check().awaitVisible(List.of(record)));

        assertTrue(failure.getMessage().contains("_acme-challenge.missing.acme.test"), failure.getMessage());
        assertTrue(failure.getMessage().contains("127.0.0.1:" + BIND.server().port()), failure.getMessage());
    }

    private static DnsVisibilityCheck check() {
        return DnsVisibilityCheck.viaResolver(new InetSocketAddress(BIND.server().host(), BIND.server().port()))
                .withAuthoritativePort(BIND.server().port())
                .withTimeout(Duration.ofSeconds(2));
    }

    private static Rfc2136Settings settings() {
        return Rfc2136Settings.of(BIND.server().host(), BIND.server().port(), BIND.server().keyName(), TsigAlgorithm.HMAC_SHA256, BIND.server().secret());
    }
}
