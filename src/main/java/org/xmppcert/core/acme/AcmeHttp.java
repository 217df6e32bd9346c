package org.xmppcert.core.acme;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.Connection;
import org.shredzone.acme4j.connector.DefaultConnection;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.toolbox.JSONBuilder;


/**
 * How this engine talks HTTP to a CA: one {@link HttpClient} shared by all sessions, so
 * connections (and their TLS handshakes) are reused across parallel requests, trusting the JVM's
 * roots plus an optional extra anchor for a private CA.
 *
 * <p>acme4j already retries a request refused for a bad nonce, up to 10 times in a row. A
 * 50-name order sends some 150 signed requests; against a CA that refuses many good nonces that
 * limit is reached now and then, so a refused run of 10 is started over twice more before the
 * refusal reaches the admin.
 */
final class AcmeHttp extends GenericAcmeProvider {

    private static final URI BAD_NONCE = URI.create("urn:ietf:params:acme:error:badNonce");
    private static final int BAD_NONCE_ROUNDS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;

    AcmeHttp(X509Certificate trustAnchor) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(TIMEOUT)
                .proxy(HttpClient.Builder.NO_PROXY);
        if (trustAnchor != null) {
            builder.sslContext(trusting(trustAnchor));
        }
        this.client = builder.build();
    }

    /** A new session on this client; each session carries its own nonce, so requests on different sessions run in parallel. */
    Session newSession(URI directory) {
        Session session = new Session(directory, this);
        session.networkSettings().setTimeout(TIMEOUT);
        return session;
    }

    @Override
    public HttpClient createHttpClient(NetworkSettings networkSettings) {
        return client;
    }

    @Override
    public Connection connect(URI serverUri, NetworkSettings networkSettings, HttpClient httpClient) {
        return new PatientConnection(new HttpConnector(networkSettings, httpClient));
    }

    private static final class PatientConnection extends DefaultConnection {
        PatientConnection(HttpConnector connector) {
            super(connector);
        }

        @Override
        protected int sendSignedRequest(URL url, JSONBuilder claims, Session session, KeyPair keypair,
                                        URL accountLocation, String accept) throws AcmeException {
            for (int round = 1; ; round++) {
                try {
                    return super.sendSignedRequest(url, claims, session, keypair, accountLocation, accept);
                } catch (AcmeServerException e) {
                    if (!BAD_NONCE.equals(e.getType()) || round == BAD_NONCE_ROUNDS) {
                        throw e;
                    }
                    close();
                }
            }
        }
    }

    /** The JVM's default roots plus {@code anchor}. */
    private static SSLContext trusting(X509Certificate anchor) {
        try {
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
            roots.load(null, null);
            int index = 0;
            for (var manager : defaults.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate root : x509.getAcceptedIssuers()) {
                        roots.setCertificateEntry("default-" + index++, root);
                    }
                }
            }
            roots.setCertificateEntry("configured-anchor", anchor);
            TrustManagerFactory combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            combined.init(roots);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, combined.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot set up trust in the CA's certificate", e);
        }
    }
}
