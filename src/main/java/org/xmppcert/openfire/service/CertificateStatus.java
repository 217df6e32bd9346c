package org.xmppcert.openfire.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the admin sees at a glance: the certificate each identity store uses, whether it covers the
 * server's names, when the next renewal is due and how the last attempt went.
 *
 * @param requiredNames the names the server needs certified now
 * @param stores        one entry per distinct identity store
 * @param nextRenewal   when the next renewal is due (empty when nothing is managed yet)
 * @param lastAttempt   the outcome of the last issuance or renewal attempt
 * @param actions       what the admin should do, most urgent first; empty when all is well
 */
public record CertificateStatus(List<String> requiredNames, List<StoreStatus> stores, Optional<Instant> nextRenewal,
                                Optional<String> lastAttempt, List<String> actions) {

    public CertificateStatus {
        requiredNames = List.copyOf(requiredNames);
        stores = List.copyOf(stores);
        actions = List.copyOf(actions);
    }

    /**
     * @param connectionTypes the Openfire connection types this store serves
     * @param certificate     the certificate in use for the XMPP domain; empty if none
     */
    public record StoreStatus(String store, List<String> connectionTypes, Optional<CertificateInUse> certificate) {
    }

    /** @param missingNames required names this certificate does not cover */
    public record CertificateInUse(String serialNumber, List<String> names, String issuer, String keyType,
                                   Instant notBefore, Instant notAfter, long daysLeft, boolean selfSigned,
                                   List<String> missingNames) {
    }
}
