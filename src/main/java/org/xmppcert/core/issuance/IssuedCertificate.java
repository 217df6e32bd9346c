package org.xmppcert.core.issuance;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A certificate the CA issued, with its private key: what gets installed. {@link #toString()}
 * never shows the key.
 *
 * @param names         the names it was requested for
 * @param chain         leaf first, then the intermediates the CA sent
 * @param keyPair       the certificate's key pair (secret)
 * @param renewalWindow the CA's suggested renewal window, when the CA offers renewal information
 */
public record IssuedCertificate(List<String> names, List<X509Certificate> chain, KeyPair keyPair,
                                Optional<RenewalWindow> renewalWindow) {

    public IssuedCertificate {
        names = List.copyOf(names);
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("An issued certificate has at least a leaf");
        }
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    public Instant notBefore() {
        return leaf().getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    /** The issuer of the leaf, as an X.500 name. */
    public String issuer() {
        return leaf().getIssuerX500Principal().getName();
    }

    @Override
    public String toString() {
        return "IssuedCertificate[" + String.join(", ", names) + ", issuer " + issuer() + ", valid " + notBefore()
                + " to " + notAfter() + renewalWindow.map(w -> ", renew " + w.start() + " to " + w.end()).orElse("") + "]";
    }
}
