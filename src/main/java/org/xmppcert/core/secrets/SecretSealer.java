package org.xmppcert.core.secrets;

/**
 * Encrypts secrets (private keys, the ACME account key, EAB and TSIG keys) before they are stored,
 * so that a copy of the database or of a backup does not give away the server's identity. The
 * Openfire layer seals with the server's own property encryptor.
 */
public interface SecretSealer {

    /** Returns printable, self-contained ciphertext for {@code secret}. */
    String seal(byte[] secret);

    /**
     * @throws IllegalArgumentException if {@code sealed} was not produced by this sealer's key or was altered
     */
    byte[] open(String sealed);
}
