package org.xmppcert.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

/** The harness gives a Pebble reachable only by trusting its anchor, and survives a restart. */
class PebbleHarnessTest {

    @Test
    void directoryIsServedToClientsTrustingTheAnchorOnlyAndComesBackAfterRestart() throws Exception {
        try (Pebble pebble = Pebble.builder().start()) {
            HttpClient trusting = clientTrusting(pebble);
            HttpRequest directory = HttpRequest.newBuilder(pebble.directory()).build();

            HttpResponse<String> response = trusting.send(directory, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("newOrder"), response.body());

            assertThrows(SSLHandshakeException.class, () -> HttpClient.newHttpClient()
                    .send(directory, HttpResponse.BodyHandlers.discarding()));

            pebble.restart();
            assertEquals(200, clientTrusting(pebble).send(directory, HttpResponse.BodyHandlers.discarding()).statusCode());
            assertTrue(pebble.root(0).getSubjectX500Principal().getName().contains("Pebble"));
        }
    }

    static HttpClient clientTrusting(Pebble pebble) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("anchor", pebble.trustAnchor());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }
}
