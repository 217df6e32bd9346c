package org.xmppcert.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jivesoftware.util.Encryptor;

/**
 * Behaves as Openfire's property encryptors do towards a caller: Base64 ciphertext, the caller's IV,
 * {@code null} when decryption fails. {@link #authenticated} is AES-GCM, as Openfire 5.2 uses with an
 * IV; {@link #unauthenticated} is AES-CTR, standing for Openfire's AES-CBC and Blowfish modes, which
 * under a wrong key may return garbage instead of failing.
 */
public final class TestPropertyEncryptor implements Encryptor {

    private final boolean gcm;
    private byte[] key;

    private TestPropertyEncryptor(boolean gcm, String key) {
        this.gcm = gcm;
        setKey(key);
    }

    public static TestPropertyEncryptor authenticated(String key) {
        return new TestPropertyEncryptor(true, key);
    }

    public static TestPropertyEncryptor unauthenticated(String key) {
        return new TestPropertyEncryptor(false, key);
    }

    @Override
    public String encrypt(String value) {
        throw new UnsupportedOperationException("Openfire's default IV is never the right choice for a secret");
    }

    @Override
    public String encrypt(String value, byte[] iv) {
        if (value == null) {
            return null;
        }
        try {
            return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE, iv)
                    .doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    @Override
    public String decrypt(String value) {
        throw new UnsupportedOperationException("Openfire's default IV is never the right choice for a secret");
    }

    @Override
    public String decrypt(String value, byte[] iv) {
        if (value == null) {
            return null;
        }
        byte[] ciphertext = Base64.getDecoder().decode(value);
        try {
            return new String(cipher(Cipher.DECRYPT_MODE, iv).doFinal(ciphertext), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    @Override
    public void setKey(String key) {
        try {
            this.key = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Cipher cipher(int mode, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(gcm ? "AES/GCM/NoPadding" : "AES/CTR/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), gcm ? new GCMParameterSpec(128, iv) : new IvParameterSpec(iv));
        return cipher;
    }
}
