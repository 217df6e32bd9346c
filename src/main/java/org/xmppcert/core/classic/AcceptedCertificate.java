package org.xmppcert.core.classic;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate the classic flow has checked and accepted, with the key it was issued for, ready to
 * be installed.
 *
 * @param request the fulfilled request; keep its CSR and sealed key for {@link ClassicCaFlow#renew}
 * @param keyPair the request's key, opened: install it, never store it unsealed
 * @param chain   the leaf, its intermediates and the trusted root that ends it, in that order
 * @param leftOut certificates the CA's answer held that are not part of the chain: not installed, but the
 *                admin should know, as a CA that sends the wrong intermediate is worth a word
 */
public record AcceptedCertificate(PendingRequest request, KeyPair keyPair, List<X509Certificate> chain,
                                  List<X509Certificate> leftOut) {

    public AcceptedCertificate {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(keyPair, "keyPair");
        chain = List.copyOf(chain);
        leftOut = List.copyOf(leftOut);
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** Leaves out the key pair: this is what ends up in logs. */
    @Override
    public String toString() {
        return "AcceptedCertificate[" + leaf().getSubjectX500Principal() + " for " + request + ", valid until "
                + leaf().getNotAfter().toInstant() + "]";
    }
}
