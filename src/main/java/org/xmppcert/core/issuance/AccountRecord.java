package org.xmppcert.core.issuance;

import java.net.URI;
import java.util.Objects;

/**
 * An ACME account as persisted: which CA, where the account lives there, and its key (sealed).
 * Keeping it means one registration per CA, not one per certificate.
 *
 * @param directory     the CA's directory URL
 * @param accountUrl    the account's location at the CA
 * @param sealedKeyPair the account key pair as PEM, sealed by a {@link org.xmppcert.core.secrets.SecretSealer}
 */
public record AccountRecord(URI directory, URI accountUrl, String sealedKeyPair) {

    public AccountRecord {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(accountUrl, "accountUrl");
        Objects.requireNonNull(sealedKeyPair, "sealedKeyPair");
    }

    @Override
    public String toString() {
        return "AccountRecord[" + accountUrl + " at " + directory + "]";
    }
}
