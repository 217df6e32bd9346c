package org.xmppcert.core.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.Security;
import java.security.Signature;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class KeyPairCodecTest {

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "EC_P384", "RSA_2048"})
    void aStoredKeyPairSignsAndVerifiesLikeTheOriginal(KeyType type) throws Exception {
        KeyPair original = type.generate();

        KeyPair loaded = KeyPairCodec.fromPem(KeyPairCodec.toPem(original));

        assertArrayEquals(original.getPublic().getEncoded(), loaded.getPublic().getEncoded());
        Signature signer = Signature.getInstance(type.signatureAlgorithm());
        signer.initSign(loaded.getPrivate());
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(type.signatureAlgorithm());
        verifier.initVerify(original.getPublic());
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signature));
    }

    /**
     * Openfire registers BouncyCastle as a provider; BouncyCastle's converter would then make an EC
     * key named "ECDSA", which the JDK's own EC provider (the one its TLS signs with) refuses.
     */
    @Test
    void withBouncyCastleRegisteredAsInOpenfireAStoredEcKeyStillSignsWithTheJdksProvider() throws Exception {
        String pem = KeyPairCodec.toPem(KeyType.EC_P256.generate());
        boolean registeredHere = Security.addProvider(new BouncyCastleProvider()) != -1;
        KeyPair loaded;
        try {
            loaded = KeyPairCodec.fromPem(pem);
        } finally {
            if (registeredHere) {
                Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
            }
        }

        Signature signer = Signature.getInstance("SHA256withECDSA", "SunEC");
        signer.initSign(loaded.getPrivate());
        signer.update(new byte[] {1, 2, 3});
        Signature verifier = Signature.getInstance("SHA256withECDSA", "SunEC");
        verifier.initVerify(loaded.getPublic());
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signer.sign()));
    }

    @Test
    void aPrivateKeyAloneIsNotAKeyPair() {
        String pem = KeyPairCodec.toPem(KeyType.EC_P256.generate());
        String privateOnly = pem.substring(0, pem.indexOf("-----BEGIN PUBLIC KEY"));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> KeyPairCodec.fromPem(privateOnly));
        assertTrue(error.getMessage().startsWith("Not a PEM key pair"));
    }
}
