package org.jivesoftware.util;

/** Stand-in for Openfire's encryptor of property values (same signatures as Openfire 5.x); compile-only. */
public interface Encryptor {

    /** @return the ciphertext in Base64, or null */
    String encrypt(String value);

    /** @param iv the IV to use, or null for the default IV */
    String encrypt(String value, byte[] iv);

    /** @return the clear text, or null */
    String decrypt(String value);

    /** @param iv the IV the value was encrypted with, or null for the default IV */
    String decrypt(String value, byte[] iv);

    void setKey(String key);
}
