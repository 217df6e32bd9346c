package org.xmppcert.core.keys;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The key types a certificate can be issued for. EC P-256 is the default: every CA and every XMPP
 * client of the last decade accepts it, and its handshakes are the cheapest.
 */
public enum KeyType {
    EC_P256("ECDSA P-256", "EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA"),
    EC_P384("ECDSA P-384", "EC", new ECGenParameterSpec("secp384r1"), "SHA384withECDSA"),
    RSA_2048("RSA 2048", "RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), "SHA256withRSA"),
    RSA_3072("RSA 3072", "RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), "SHA256withRSA"),
    RSA_4096("RSA 4096", "RSA", new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4), "SHA256withRSA");

    public static final KeyType DEFAULT = EC_P256;

    private final String label;
    private final String algorithm;
    private final AlgorithmParameterSpec parameters;
    private final String signatureAlgorithm;

    KeyType(String label, String algorithm, AlgorithmParameterSpec parameters, String signatureAlgorithm) {
        this.label = label;
        this.algorithm = algorithm;
        this.parameters = parameters;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The name admins know the type by, the same in every language (the constant's name is for settings). */
    public String label() {
        return label;
    }

    /** Generates a fresh key pair of this type in process; the private key never leaves the JVM unencrypted. */
    public KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(parameters, new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot generate " + this + " keys", e);
        }
    }

    /**
     * Recognises the type of an existing key, e.g. one loaded from the server's key store, so that
     * a renewal can tell whether the key still matches the configured type. Curves are compared by
     * their parameters, not by name, because providers name them differently.
     *
     * @return the type, or empty for a key this plugin would not generate (another curve, Ed25519,
     *         RSA of another size)
     */
    public static Optional<KeyType> of(PublicKey key) {
        return Arrays.stream(values()).filter(type -> type.matches(key)).findFirst();
    }

    private boolean matches(PublicKey key) {
        if (parameters instanceof RSAKeyGenParameterSpec rsa) {
            return key instanceof RSAPublicKey rsaKey && rsaKey.getModulus().bitLength() == rsa.getKeysize();
        }
        return key instanceof ECPublicKey ecKey && sameCurve(ecKey.getParams(), curveParameters());
    }

    private ECParameterSpec curveParameters() {
        try {
            AlgorithmParameters curve = AlgorithmParameters.getInstance("EC");
            curve.init(parameters);
            return curve.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM does not know the curve of " + this, e);
        }
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder()) && a.getCofactor() == b.getCofactor();
    }

    /** JCA name of the algorithm that signs a CSR with a key of this type. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The JCA key algorithm, "EC" or "RSA". */
    public String algorithm() {
        return algorithm;
    }
}
