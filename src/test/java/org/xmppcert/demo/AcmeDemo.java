package org.xmppcert.demo;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.xmppcert.core.acme.AcmeIssuer;
import org.xmppcert.core.acme.AcmeSettings;
import org.xmppcert.core.challenge.StandaloneHttp01Responder;
import org.xmppcert.testing.InMemoryAccountStore;
import org.xmppcert.testing.InMemoryOrderStore;
import org.xmppcert.core.issuance.IssuedCertificate;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.testing.AesGcmSealer;
import org.xmppcert.testing.Pebble;

/**
 * Shows the ACME engine at work on this machine alone: starts Pebble (a real ACME CA for tests)
 * on loopback, obtains one certificate for an XMPP domain and its components by http-01, and
 * prints what it got.
 *
 * <p>Run: {@code mvn -q package -DskipTests && mvn -q exec:java@demo}
 */
public final class AcmeDemo {

    private static final List<String> NAMES = List.of("example.org", "conference.example.org",
            "upload.example.org", "pubsub.example.org", "proxy.example.org");

    public static void main(String[] args) throws Exception {
        try (StandaloneHttp01Responder responder = StandaloneHttp01Responder.start(new InetSocketAddress("127.0.0.1", 0));
             Pebble pebble = Pebble.builder().http01Port(responder.address().getPort()).start();
             AcmeIssuer issuer = AcmeIssuer.builder(AcmeSettings.builder(pebble.directory())
                             .trustAnchor(pebble.trustAnchor())
                             .contactEmail("admin@example.org")
                             .termsOfServiceAgreed(true)
                             .build())
                     .accountStore(new InMemoryAccountStore())
                     .orderStore(new InMemoryOrderStore())
                     .sealer(AesGcmSealer.withRandomKey())
                     .http01(responder)
                     .build()) {
            System.out.println("Pebble ACME directory: " + pebble.directory());
            System.out.println("http-01 answered by:   http://" + responder.address().getHostString() + ":"
                    + responder.address().getPort() + "/.well-known/acme-challenge/");
            System.out.println("Requesting one certificate for " + String.join(", ", NAMES) + " ...");

            long start = System.nanoTime();
            IssuedCertificate issued = issuer.issue(NAMES, KeyType.EC_P256);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            System.out.println();
            System.out.println("Names:      " + issued.leaf().getSubjectAlternativeNames().stream()
                    .map(san -> san.get(1).toString()).toList());
            System.out.println("Subject:    " + issued.leaf().getSubjectX500Principal().getName());
            System.out.println("Issuer:     " + issued.issuer());
            System.out.println("Valid:      " + issued.notBefore() + " to " + issued.notAfter());
            System.out.println("Key:        " + issued.keyPair().getPublic().getAlgorithm() + " (private key kept in memory, never printed)");
            System.out.println("Chain:      " + issued.chain().size() + " certificates");
            System.out.println("Renewal:    " + issued.renewalWindow()
                    .map(window -> "CA suggests " + window.start() + " to " + window.end())
                    .orElse("the CA offers no renewal information (Pebble 2.4 has none)"));
            System.out.println("Time taken: " + took.toMillis() + " ms (including account registration)");
        }
    }

    private AcmeDemo() {
    }
}
