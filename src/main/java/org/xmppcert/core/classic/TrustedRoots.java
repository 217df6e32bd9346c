package org.xmppcert.core.classic;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The roots a certificate from a public CA must chain to unless the admin names another. */
public final class TrustedRoots {

    private TrustedRoots() {
    }

    /**
     * The JVM's default trust store ({@code cacerts}, or {@code javax.net.ssl.trustStore} if set): the
     * roots the clients and servers we talk to trust as well, which is what a public CA's
     * certificate is for.
     */
    public static List<X509Certificate> ofJvm() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return List.of(x509.getAcceptedIssuers());
                }
            }
            return List.of();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JVM's default trust store cannot be read", e);
        }
    }
}
