package org.xmppcert.openfire.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;

import org.jivesoftware.util.Encryptor;
import org.xmppcert.core.secrets.SecretSealer;

/**
 * Seals secrets with Openfire's property encryptor, so they are protected by the same key as the
 * server's own encrypted properties (the one in security.xml) and a database dump alone reveals
 * nothing.
 *
 * <p>Each secret gets a fresh random IV. The encryptor is not trusted to notice a wrong key or an
 * altered value: depending on the server version and the configured algorithm it is AES-GCM,
 * AES-CBC or Blowfish, and the last two may decrypt garbage without complaint. A SHA-256 digest of
 * the secret travels inside the ciphertext, so such garbage is refused rather than handed back as
 * a key.
 *
 * <p>The encryptor is looked up on every use, because Openfire replaces it when an admin changes
 * the encryption key.
 */
public final class PropertyEncryptorSealer implements SecretSealer {

    private static final String FORMAT = "ofenc1";
    private static final int IV_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<Encryptor> encryptor;

    /** @param encryptor in the server {@code JiveGlobals::getPropertyEncryptor} */
    public PropertyEncryptorSealer(Supplier<Encryptor> encryptor) {
        this.encryptor = Objects.requireNonNull(encryptor, "encryptor");
    }

    @Override
    public String seal(byte[] secret) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        Base64.Encoder base64 = Base64.getEncoder();
        String ciphertext = encryptor.get().encrypt(base64.encodeToString(secret) + ":"
                + base64.encodeToString(digest(secret)), iv);
        if (ciphertext == null) {
            throw new IllegalStateException("Openfire's property encryptor could not encrypt a secret");
        }
        return FORMAT + ":" + base64.encodeToString(iv) + ":" + ciphertext;
    }

    @Override
    public byte[] open(String sealed) {
        String[] parts = sealed.split(":", 3);
        if (parts.length != 3 || !parts[0].equals(FORMAT)) {
            throw new IllegalArgumentException("Not a secret sealed with Openfire's property encryptor");
        }
        String clear;
        try {
            clear = encryptor.get().decrypt(parts[2], Base64.getDecoder().decode(parts[1]));
        } catch (RuntimeException e) {
            // The encryptors throw on malformed Base64 and some wrong-key cases; the cause is not
            // kept because it may quote the ciphertext.
            throw refused();
        }
        if (clear == null) {
            throw refused();
        }
        int separator = clear.indexOf(':');
        if (separator < 0) {
            throw refused();
        }
        try {
            byte[] secret = Base64.getDecoder().decode(clear.substring(0, separator));
            byte[] expectedDigest = Base64.getDecoder().decode(clear.substring(separator + 1));
            if (!MessageDigest.isEqual(digest(secret), expectedDigest)) {
                throw refused();
            }
            return secret;
        } catch (IllegalArgumentException e) {
            throw refused();
        }
    }

    private static IllegalArgumentException refused() {
        return new IllegalArgumentException("Sealed secret cannot be opened with Openfire's current property "
                + "encryption key (altered, or sealed under another key)");
    }

    private static byte[] digest(byte[] secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
