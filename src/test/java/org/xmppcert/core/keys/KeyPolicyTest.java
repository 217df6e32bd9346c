package org.xmppcert.core.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.security.KeyPair;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class KeyPolicyTest {

    private static final KeyPair CURRENT_P256 = KeyType.EC_P256.generate();

    @Test
    void keepsTheCurrentKeyWhenAskedAndItIsOfTheConfiguredType() {
        KeyPair loaded = KeyPairCodec.fromPem(KeyPairCodec.toPem(CURRENT_P256));

        KeyPair key = new KeyPolicy(KeyType.EC_P256, true).keyFor(Optional.of(loaded));

        assertArrayEquals(CURRENT_P256.getPublic().getEncoded(), key.getPublic().getEncoded());
    }

    @Test
    void generatesANewKeyOnRenewalByDefault() {
        KeyPair key = KeyPolicy.DEFAULT.keyFor(Optional.of(CURRENT_P256));

        assertFalse(Arrays.equals(CURRENT_P256.getPublic().getEncoded(), key.getPublic().getEncoded()));
        assertEquals(Optional.of(KeyType.EC_P256), KeyType.of(key.getPublic()));
    }

    @Test
    void generatesAKeyOfTheNewTypeWhenTheAdminChangedTheTypeEvenIfKeepingKeys() {
        KeyPair key = new KeyPolicy(KeyType.EC_P384, true).keyFor(Optional.of(CURRENT_P256));

        assertEquals(Optional.of(KeyType.EC_P384), KeyType.of(key.getPublic()));
    }

    @Test
    void generatesAKeyForTheFirstCertificate() {
        KeyPair key = new KeyPolicy(KeyType.RSA_2048, true).keyFor(Optional.empty());

        assertEquals(Optional.of(KeyType.RSA_2048), KeyType.of(key.getPublic()));
    }
}
