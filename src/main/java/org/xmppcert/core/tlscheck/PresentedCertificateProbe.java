package org.xmppcert.core.tlscheck;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * Makes one TLS handshake with a listener and returns the end-entity certificate it presented.
 * Implementations only read the certificate: they never judge whether it is trusted, and they never
 * send credentials.
 */
@FunctionalInterface
public interface PresentedCertificateProbe {

    /**
     * @param endpoint the listener
     * @param timeout  upper bound for connecting and for each read
     * @return the leaf certificate the listener presented
     * @throws IOException when no handshake could be completed (refused, timed out, no STARTTLS offered, ...)
     */
    X509Certificate presentedLeaf(TlsEndpoint endpoint, Duration timeout) throws IOException;
}
