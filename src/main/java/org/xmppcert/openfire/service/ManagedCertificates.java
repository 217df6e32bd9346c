package org.xmppcert.openfire.service;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.names.CertificateNames;
import org.xmppcert.core.renewal.IssuanceKind;
import org.xmppcert.core.renewal.ManagedCertificate;

/**
 * Works out, from the history and the stores, which certificate automatic renewal looks after.
 *
 * <p>The history is the record of what this plugin installed, written at each install, so it has
 * the facts of the new certificate at once, where a cached view of the stores may lag behind; a
 * renewal seen with the old certificate's expiry would be renewed again. The stores only confirm
 * that the server still uses it: a certificate the admin installed by hand since is the admin's,
 * and the plugin neither renews it nor replaces it.
 */
final class ManagedCertificates {

    private ManagedCertificates() {
    }

    /**
     * @param xmppDomain  the id of the managed certificate, the key of its renewal state
     * @param history     newest first
     * @param serialsInUse the serial numbers (lower-case hex) of the certificates the stores serve the domain with
     * @param wanted      the names the server needs now
     */
    static List<ManagedCertificate> of(String xmppDomain, List<CertificateEvent> history, Set<String> serialsInUse,
                                       CertificateNames wanted) {
        Optional<CertificateEvent> installed = history.stream()
                .filter(event -> event.type() == CertificateEventType.ISSUED
                        || event.type() == CertificateEventType.RENEWED)
                .findFirst()
                .filter(event -> serialsInUse.contains(event.certificate().serialNumber()));
        if (installed.isEmpty()) {
            return List.of();
        }
        CertificateEvent event = installed.get();
        String serial = event.certificate().serialNumber();
        boolean revoked = history.stream().anyMatch(later -> later.type() == CertificateEventType.REVOKED
                && later.certificate().serialNumber().equals(serial));
        IssuanceKind kind = CertificateOrigin.acmeDirectory(event.detail()).isPresent()
                ? IssuanceKind.ACME : IssuanceKind.CLASSIC;
        return List.of(new ManagedCertificate(xmppDomain, event.names(), kind, event.certificate().notBefore(),
                event.certificate().notAfter(), Optional.empty(), wanted.notCoveredBy(event.names()).isEmpty(),
                revoked));
    }
}
