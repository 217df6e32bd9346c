package org.xmppcert.core.classic;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A certificate and its issuers, leaf first, as TLS sends them and key stores keep them. CAs return
 * chains in every order (PKCS#7 files keep theirs in a DER SET, which sorts by encoding, so order
 * means nothing there), so the order is rebuilt from who signed whom, not taken from the input.
 *
 * <p>Certificates that sign nothing in the chain are left out rather than refused: CAs' bundles
 * often carry a cross-signed root or an older intermediate next to the one that issued this
 * certificate, and sending those along would only slow every handshake. They are reported in
 * {@link #unrelated()} so the admin can be told.
 *
 * @param certificates the leaf, then each issuer up to a self-signed root or the last issuer found
 * @param unrelated    the given certificates that are not part of it
 */
record CertificateChain(List<X509Certificate> certificates, List<X509Certificate> unrelated) {

    CertificateChain {
        certificates = List.copyOf(certificates);
        unrelated = List.copyOf(unrelated);
    }

    /** Orders {@code leaf} and whichever of {@code candidates} issued it, directly or further up. */
    static CertificateChain build(X509Certificate leaf, Collection<X509Certificate> candidates) {
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
        Set<X509Certificate> remaining = new LinkedHashSet<>(candidates);
        remaining.remove(leaf);
        X509Certificate current = leaf;
        while (!isSelfSigned(current)) {
            X509Certificate issuer = issuerOf(current, remaining);
            if (issuer == null) {
                break;
            }
            chain.add(issuer);
            remaining.remove(issuer);
            current = issuer;
        }
        return new CertificateChain(chain, new ArrayList<>(remaining));
    }

    X509Certificate leaf() {
        return certificates.get(0);
    }

    X509Certificate top() {
        return certificates.get(certificates.size() - 1);
    }

    static boolean isSelfSigned(X509Certificate certificate) {
        return certificate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())
                && signedBy(certificate, certificate);
    }

    private static X509Certificate issuerOf(X509Certificate certificate, Collection<X509Certificate> candidates) {
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                    && signedBy(certificate, candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Names alone are not enough: a re-keyed CA keeps its name, and only the signature tells its keys apart. */
    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
