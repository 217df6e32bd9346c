package org.xmppcert.core.acme;

import org.xmppcert.core.challenge.Dns01Responder;
import org.xmppcert.core.challenge.DnsVisibilityCheck;
import org.xmppcert.core.challenge.Http01Responder;
import org.xmppcert.core.issuance.AccountStore;
import org.xmppcert.core.issuance.OrderStore;
import org.xmppcert.testing.AesGcmSealer;
import org.xmppcert.core.secrets.SecretSealer;
import org.xmppcert.testing.InMemoryAccountStore;
import org.xmppcert.testing.InMemoryOrderStore;
import org.xmppcert.testing.Pebble;

/** Engines wired to a test Pebble the way an admin would configure them. */
final class Engines {

    private Engines() {
    }

    static AcmeSettings.Builder settings(Pebble pebble) {
        return AcmeSettings.builder(pebble.directory())
                .trustAnchor(pebble.trustAnchor())
                .contactEmail("admin@example.org")
                .termsOfServiceAgreed(true);
    }

    static AcmeIssuer http01(AcmeSettings settings, AccountStore accounts, OrderStore orders, SecretSealer sealer,
                             Http01Responder responder) {
        return AcmeIssuer.builder(settings).accountStore(accounts).orderStore(orders).sealer(sealer).http01(responder).build();
    }

    /** An http-01 engine on new in-memory stores. */
    static AcmeIssuer http01(Pebble pebble, Http01Responder responder) {
        return http01(settings(pebble).build(), new InMemoryAccountStore(), new InMemoryOrderStore(),
                AesGcmSealer.withRandomKey(), responder);
    }

    /** A dns-01 engine on new in-memory stores, publishing with {@code responder} and checking with {@code check}. */
    static AcmeIssuer dns01(Pebble pebble, Dns01Responder responder, DnsVisibilityCheck check) {
        return AcmeIssuer.builder(settings(pebble).challengeType(ChallengeType.DNS_01).build())
                .accountStore(new InMemoryAccountStore())
                .orderStore(new InMemoryOrderStore())
                .sealer(AesGcmSealer.withRandomKey())
                .dns01(responder, check)
                .build();
    }
}
