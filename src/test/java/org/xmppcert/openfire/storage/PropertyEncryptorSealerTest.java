package org.xmppcert.openfire.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import org.jivesoftware.util.Encryptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppcert.core.keys.KeyPairCodec;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.testing.TestPropertyEncryptor;

class PropertyEncryptorSealerTest {

    private static final byte[] KEY_PEM = KeyPairCodec.toPem(KeyType.EC_P256.generate()).getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aSealedSecretOpensToTheSameBytesAndShowsNothingOfThem(boolean authenticatedEncryptor) {
        PropertyEncryptorSealer sealer = new PropertyEncryptorSealer(() -> encryptor(authenticatedEncryptor, "server key"));

        String sealed = sealer.seal(KEY_PEM);

        assertArrayEquals(KEY_PEM, sealer.open(sealed));
        assertFalse(sealed.contains("PRIVATE KEY"), sealed);
        assertFalse(sealed.contains(Base64.getEncoder().encodeToString(KEY_PEM).substring(0, 24)), sealed);
    }

    @Test
    void sealingTheSameSecretTwiceGivesDifferentTexts() {
        PropertyEncryptorSealer sealer = new PropertyEncryptorSealer(() -> TestPropertyEncryptor.authenticated("k"));

        assertNotEquals(sealer.seal(KEY_PEM), sealer.seal(KEY_PEM), "a fixed IV would tell equal secrets apart");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aSecretSealedUnderAnotherKeyIsRefusedNotReturnedAsGarbage(boolean authenticatedEncryptor) {
        String sealed = new PropertyEncryptorSealer(() -> encryptor(authenticatedEncryptor, "old key")).seal(KEY_PEM);
        PropertyEncryptorSealer rekeyed = new PropertyEncryptorSealer(() -> encryptor(authenticatedEncryptor, "new key"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> rekeyed.open(sealed));
        assertTrue(refused.getMessage().contains("property encryption key"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anAlteredSecretIsRefused(boolean authenticatedEncryptor) {
        PropertyEncryptorSealer sealer = new PropertyEncryptorSealer(() -> encryptor(authenticatedEncryptor, "k"));
        String sealed = sealer.seal(KEY_PEM);
        int position = sealed.length() - 20;
        String altered = sealed.substring(0, position) + (sealed.charAt(position) == 'A' ? 'B' : 'A')
                + sealed.substring(position + 1);

        assertThrows(IllegalArgumentException.class, () -> sealer.open(altered));
    }

    @Test
    void textNotSealedByThisSealerIsRefusedWithAClearMessage() {
        PropertyEncryptorSealer sealer = new PropertyEncryptorSealer(() -> TestPropertyEncryptor.authenticated("k"));

        for (String foreign : new String[] {"", "plain text", "ofenc1:not base64!:x", "ofenc1:AAAA:@@@"}) {
            assertThrows(IllegalArgumentException.class, () -> sealer.open(foreign), foreign);
        }
    }

    @Test
    void theEncryptorIsLookedUpAtEachUseSoAKeyChangeTakesEffect() {
        AtomicReference<Encryptor> current = new AtomicReference<>(TestPropertyEncryptor.authenticated("first"));
        PropertyEncryptorSealer sealer = new PropertyEncryptorSealer(current::get);
        String sealedUnderFirst = sealer.seal(KEY_PEM);

        current.set(TestPropertyEncryptor.authenticated("second"));

        assertThrows(IllegalArgumentException.class, () -> sealer.open(sealedUnderFirst));
        assertArrayEquals(KEY_PEM, sealer.open(sealer.seal(KEY_PEM)));
    }

    @Test
    void anEncryptorThatCannotEncryptStopsTheSaveInsteadOfStoringNothing() {
        PropertyEncryptorSealer sealer = new PropertyEncryptorSealer(() -> new TestPropertyEncryptorRefusing());

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> sealer.seal(KEY_PEM));
        assertEquals("Openfire's property encryptor could not encrypt a secret", failure.getMessage());
    }

    private static Encryptor encryptor(boolean authenticated, String key) {
        return authenticated ? TestPropertyEncryptor.authenticated(key) : TestPropertyEncryptor.unauthenticated(key);
    }

    /** Openfire's encryptors return null when the cipher fails, e.g. when the JVM lacks the algorithm. */
    private static final class TestPropertyEncryptorRefusing implements Encryptor {
        @Override public String encrypt(String value) { return null; }
        @Override public String encrypt(String value, byte[] iv) { return null; }
        @Override public String decrypt(String value) { return null; }
        @Override public String decrypt(String value, byte[] iv) { return null; }
        @Override public void setKey(String key) { }
    }
}
