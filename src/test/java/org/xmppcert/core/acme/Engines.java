package org.xmppcert.core.acme;

import org.xmppcert.core.challenge.Http01Responder;
import org.xmppcert.core.issuance.AccountStore;
import org.xmppcert.core.issuance.OrderStore;
import org.xmppcert.core.secrets.SecretSealer;
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
}
