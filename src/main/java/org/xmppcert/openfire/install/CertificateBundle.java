package org.xmppcert.openfire.install;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate chain, leaf first, as it goes into an identity store. Built
 * only through {@link #of}, which refuses a key that does not belong to the leaf: such an entry
 * would make every TLS handshake fail, and it is cheaper to notice here than after the install.
 */
public final class CertificateBundle {

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private CertificateBundle(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = chain;
    }

    /**
     * @param key   the leaf's private key
     * @param chain leaf first, then the issuers
     * @throws IllegalArgumentException when the chain is empty or the key does not match the leaf
     */
    public static CertificateBundle of(PrivateKey key, List<X509Certificate> chain) {
        Objects.requireNonNull(key, "key");
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("A certificate chain needs at least the leaf certificate");
        }
        List<X509Certificate> copy = List.copyOf(chain);
        if (!keyMatches(key, copy.get(0))) {
            throw new IllegalArgumentException("The private key does not belong to the certificate for "
                    + copy.get(0).getSubjectX500Principal().getName());
        }
        return new CertificateBundle(key, copy);
    }

    public PrivateKey key() {
        return key;
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    X509Certificate[] chainArray() {
        return chain.toArray(new X509Certificate[0]);
    }

    /** Signs random bytes and verifies them with the leaf's public key: works for every key type. */
    private static boolean keyMatches(PrivateKey key, X509Certificate leaf) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new IllegalArgumentException("Unsupported key algorithm " + key.getAlgorithm());
        };
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        // Never the key.
        return "CertificateBundle[" + leaf().getSubjectX500Principal().getName() + ", chain of " + chain.size() + "]";
    }
}
