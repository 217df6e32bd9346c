package org.xmppcert.core.issuance;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.xmppcert.core.keys.KeyType;

/**
 * An order in flight as persisted: enough to pick it up again after a restart. The certificate
 * key is only here sealed; the chain is public data.
 *
 * @param names          the names in request order
 * @param keyType        the type of the certificate key
 * @param sealedKeyPair  the certificate key pair as PEM, sealed by a {@link org.xmppcert.core.secrets.SecretSealer}
 * @param directory      the CA's directory the order was placed at
 * @param orderUrl       the order's location at the CA
 * @param step           how far the order got
 * @param chainPem       the downloaded chain (leaf first) once {@link OrderStep#DOWNLOADED}, else {@code null}
 * @param updated        when the step was reached
 */
public record OrderRecord(List<String> names, KeyType keyType, String sealedKeyPair, URI directory, URI orderUrl,
                          OrderStep step, String chainPem, Instant updated) {

    public OrderRecord {
        names = List.copyOf(names);
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(sealedKeyPair, "sealedKeyPair");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(orderUrl, "orderUrl");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(updated, "updated");
    }

    /** The identity under which the record is stored. */
    public NameSet nameSet() {
        return new NameSet(names);
    }

    public Optional<String> chain() {
        return Optional.ofNullable(chainPem);
    }

    public OrderRecord at(OrderStep next) {
        return new OrderRecord(names, keyType, sealedKeyPair, directory, orderUrl, next, chainPem, Instant.now());
    }

    public OrderRecord downloaded(String chain) {
        return new OrderRecord(names, keyType, sealedKeyPair, directory, orderUrl, OrderStep.DOWNLOADED, chain, Instant.now());
    }

    @Override
    public String toString() {
        return "OrderRecord[" + String.join(", ", names) + " at " + orderUrl + ", " + step + "]";
    }
}
