package org.xmppcert.core.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyTypeTest {

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void recognisesTheTypeOfAGeneratedKeyAfterItWasStoredAndLoaded(KeyType type) {
        KeyPair stored = KeyPairCodec.fromPem(KeyPairCodec.toPem(type.generate()));

        assertEquals(Optional.of(type), KeyType.of(stored.getPublic()));
    }

    @Test
    void recognisesACurveWhicheverProviderMadeTheKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec("P-384"));

        assertEquals(Optional.of(KeyType.EC_P384), KeyType.of(generator.generateKeyPair().getPublic()));
    }

    @Test
    void aKeyThisPluginWouldNotGenerateHasNoType() throws Exception {
        KeyPairGenerator p521 = KeyPairGenerator.getInstance("EC");
        p521.initialize(new ECGenParameterSpec("secp521r1"));
        KeyPairGenerator rsa1024 = KeyPairGenerator.getInstance("RSA");
        rsa1024.initialize(1024);

        assertEquals(Optional.empty(), KeyType.of(p521.generateKeyPair().getPublic()));
        assertEquals(Optional.empty(), KeyType.of(rsa1024.generateKeyPair().getPublic()));
        assertEquals(Optional.empty(), KeyType.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()));
    }
}
