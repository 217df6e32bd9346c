package org.xmppcert.core.tlscheck;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A trust manager that accepts whatever the server presents and remembers its leaf. The handshake
 * check needs to SEE the certificate a listener serves, including an expired or self-signed one that
 * no trust store would accept, and decides by comparing fingerprints; nothing is ever sent over a
 * connection made with it besides stream headers, so accepting everything here trusts nothing.
 */
public final class CertificateCapture implements X509TrustManager {

    private final AtomicReference<X509Certificate> presentedLeaf = new AtomicReference<>();

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        presentedLeaf.set(chain.length == 0 ? null : chain[0]);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // Never used as a server.
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    /** The leaf of the last handshake, or null when the server presented none. */
    public X509Certificate presentedLeaf() {
        return presentedLeaf.get();
    }

    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new X509TrustManager[] {this}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK offers no TLS context", e);
        }
    }

    public SSLSocketFactory socketFactory() {
        return sslContext().getSocketFactory();
    }
}
