package org.xmppcert.core.history;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.xmppcert.core.keys.CertificateChainCodec;

/**
 * What the history keeps of a certificate: the facts an admin looks up later (which serial to give
 * the CA, who issued it, how long it was valid) and the chain itself, so that a past certificate can
 * be inspected or revoked after it left the key store. Public data only.
 *
 * @param serialNumber the leaf's serial number, lower-case hex, as CAs and revocation lists show it
 * @param issuer       the leaf's issuer, as an X.500 name
 * @param notBefore    start of the leaf's validity
 * @param notAfter     end of the leaf's validity
 * @param chainPem     the chain, leaf first, PEM encoded
 */
public record CertificateFacts(String serialNumber, String issuer, Instant notBefore, Instant notAfter,
                               String chainPem) {

    public CertificateFacts {
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(chainPem, "chainPem");
    }

    /** @param chain leaf first */
    public static CertificateFacts of(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("A certificate chain has at least a leaf");
        }
        X509Certificate leaf = chain.get(0);
        return new CertificateFacts(leaf.getSerialNumber().toString(16), leaf.getIssuerX500Principal().getName(),
                leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), CertificateChainCodec.toPem(chain));
    }

    @Override
    public String toString() {
        return "CertificateFacts[serial " + serialNumber + ", issuer " + issuer + ", valid " + notBefore + " to "
                + notAfter + "]";
    }
}
