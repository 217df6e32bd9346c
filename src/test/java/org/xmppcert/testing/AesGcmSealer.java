package org.xmppcert.testing;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.xmppcert.core.secrets.SecretSealer;

/**
 * AES-256-GCM with a fresh 96-bit nonce per secret. GCM authenticates as well as encrypts, so a
 * tampered or wrongly keyed blob is refused instead of yielding a garbage key.
 */
public final class AesGcmSealer implements SecretSealer {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    /** @param key 32 bytes of key material */
    public AesGcmSealer(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("An AES-256 key has 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A sealer with a random key, for secrets that live no longer than this process. */
    public static AesGcmSealer withRandomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new AesGcmSealer(key);
    }

    @Override
    public String seal(byte[] secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] ciphertext = cipher.doFinal(secret);
            return Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + ciphertext.length).put(nonce).put(ciphertext).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    @Override
    public byte[] open(String sealed) {
        try {
            byte[] blob = Base64.getDecoder().decode(sealed);
            if (blob.length <= NONCE_BYTES) {
                throw new IllegalArgumentException("Sealed secret is truncated");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 0, NONCE_BYTES));
            return cipher.doFinal(blob, NONCE_BYTES, blob.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Sealed secret cannot be opened with this key (altered, or sealed with another key)");
        }
    }
}
