package org.xmppcert.core.classic;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.xmppcert.core.csr.CertificateSigningRequest;
import org.xmppcert.core.keys.KeyType;

/**
 * A certificate request handed to a classic CA and not yet answered: the admin has the CSR to paste
 * into the CA's web form, and we keep the key until the certificate comes back, which may take days
 * (the CA mails a verification code, someone has to read it). The private key exists here only
 * sealed; nothing in this type yields it in clear.
 *
 * @param id                 stable handle the admin's page and the store use
 * @param names              the dNSNames requested, the XMPP domain first
 * @param keyType            the type of the key the CSR was signed with
 * @param csr                the request exactly as given to the CA; reused as is for the renewal
 * @param sealedKey          the key pair's PEM, sealed by a {@link org.xmppcert.core.secrets.SecretSealer}
 * @param createdAt          when the request was made, shown so the admin can tell stale requests apart
 * @param xmppIdentities     whether the CSR also carries id-on-xmppAddr and SRVName entries
 */
public record PendingRequest(String id, List<String> names, KeyType keyType, CertificateSigningRequest csr,
                             String sealedKey, Instant createdAt, boolean xmppIdentities) {

    public PendingRequest {
        Objects.requireNonNull(id, "id");
        names = List.copyOf(names);
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(csr, "csr");
        Objects.requireNonNull(sealedKey, "sealedKey");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Leaves out the sealed key and the CSR bytes: this is what ends up in logs. */
    @Override
    public String toString() {
        return "PendingRequest[" + id + " " + names + " " + keyType + " created " + createdAt
                + (xmppIdentities ? " with XMPP identities" : "") + "]";
    }
}
