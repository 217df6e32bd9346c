package org.xmppcert.core.acme;

import java.util.Objects;

/**
 * The credentials a commercial or private CA hands out to tie a new ACME account to a customer
 * account (RFC 8555 section 7.3.4). The HMAC key is a secret: it is never printed.
 *
 * @param keyId   the key identifier, as the CA gives it
 * @param hmacKey the MAC key, base64url encoded as CAs give it
 */
public record ExternalAccountBinding(String keyId, String hmacKey) {

    public ExternalAccountBinding {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(hmacKey, "hmacKey");
        if (keyId.isBlank() || hmacKey.isBlank()) {
            throw new IllegalArgumentException("External Account Binding needs both a key id and an HMAC key");
        }
    }

    @Override
    public String toString() {
        return "ExternalAccountBinding[keyId=" + keyId + ", hmacKey=(hidden)]";
    }
}
