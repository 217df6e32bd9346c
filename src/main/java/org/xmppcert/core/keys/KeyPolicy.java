package org.xmppcert.core.keys;

import java.security.KeyPair;
import java.util.Optional;

/**
 * Which key a new certificate gets. A new key on every renewal is the default: it limits what a
 * leaked key exposes to one certificate's lifetime. Keeping the current key is for servers whose
 * key is pinned elsewhere (DANE TLSA "3 1 1" records, client pinning), where a new key would
 * break connections until the pins are updated.
 *
 * @param type           the type of key the certificate must have
 * @param keepCurrentKey reuse the key of the certificate in use when it is of {@code type}
 */
public record KeyPolicy(KeyType type, boolean keepCurrentKey) {

    /** A fresh EC P-256 key on every issuance. */
    public static final KeyPolicy DEFAULT = new KeyPolicy(KeyType.DEFAULT, false);

    public KeyPolicy {
        if (type == null) {
            throw new IllegalArgumentException("A key policy needs a key type");
        }
    }

    /**
     * The key to request the next certificate for. The current key is reused only if the policy
     * says so and it is of the configured type: when the admin has changed the type (say, from
     * RSA to EC), the change is what they asked for, so a new key of the new type is generated
     * even with {@code keepCurrentKey}. With no current key (first issuance) a key is generated.
     *
     * @param currentKey the key pair of the certificate in use, if any
     */
    public KeyPair keyFor(Optional<KeyPair> currentKey) {
        return currentKey
                .filter(key -> keepCurrentKey && KeyType.of(key.getPublic()).filter(type::equals).isPresent())
                .orElseGet(type::generate);
    }
}
