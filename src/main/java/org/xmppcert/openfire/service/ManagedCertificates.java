package org.xmppcert.openfire.service;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.issuance.RenewalWindow;
import org.xmppcert.core.keys.CertificateChainCodec;
import org.xmppcert.core.names.CertificateNames;
import org.xmppcert.core.renewal.AriChoice;
import org.xmppcert.core.renewal.IssuanceKind;
import org.xmppcert.core.renewal.ManagedCertificate;
import org.xmppcert.core.renewal.RenewalState;

/**
 * Works out, from the history and the stores, which certificate automatic renewal looks after.
 *
 * <p>The history is the record of what this plugin installed, written at each install, so it has
 * the facts of the new certificate at once, where a cached view of the stores may lag behind; a
 * renewal seen with the old certificate's expiry would be renewed again. The stores only confirm
 * that the server still uses it: a certificate the admin installed by hand since is the admin's,
 * and the plugin neither renews it nor replaces it.
 *
 * <p>Its renewal window is the last one known: the one a renewal check last read from the CA (kept
 * in the renewal state with the moment drawn in it), else the one the CA gave at issuance (kept in
 * the history). Handing renewal the window its moment was drawn for keeps that moment, on the
 * status page as in the checks.
 */
final class ManagedCertificates {

    private ManagedCertificates() {
    }

    /**
     * @param xmppDomain   the id of the managed certificate, the key of its renewal state
     * @param history      newest first
     * @param serialsInUse the serial numbers (lower-case hex) of the certificates the stores serve the domain with
     * @param wanted       the names the server needs now
     * @param state        what renewal remembers under {@code xmppDomain}, if anything
     */
    static List<ManagedCertificate> of(String xmppDomain, List<CertificateEvent> history, Set<String> serialsInUse,
                                       CertificateNames wanted, Optional<RenewalState> state) {
        Optional<CertificateEvent> installed = lastInstalled(history)
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
        Optional<RenewalWindow> lastRead = state
                .filter(saved -> saved.certificateNotAfter().equals(event.certificate().notAfter()))
                .flatMap(RenewalState::ariChoice)
                .map(choice -> window(choice, CertificateOrigin.renewalWindow(event.detail())));
        return List.of(new ManagedCertificate(xmppDomain, event.names(), kind, event.certificate().notBefore(),
                event.certificate().notAfter(), lastRead.or(() -> CertificateOrigin.renewalWindow(event.detail())),
                wanted.notCoveredBy(event.names()).isEmpty(), revoked));
    }

    /**
     * The certificate the plugin installed last, as {@code certificate} describes it, if it came
     * from the ACME CA at {@code directory}: the one a renewal there replaces, and whose renewal
     * window that CA knows.
     */
    static Optional<X509Certificate> leafFrom(URI directory, List<CertificateEvent> history,
                                              ManagedCertificate certificate) {
        return lastInstalled(history)
                .filter(event -> event.certificate().notAfter().equals(certificate.notAfter()))
                .filter(event -> CertificateOrigin.acmeDirectory(event.detail()).filter(directory::equals).isPresent())
                .map(event -> CertificateChainCodec.fromPem(event.certificate().chainPem()).get(0));
    }

    private static Optional<CertificateEvent> lastInstalled(List<CertificateEvent> history) {
        return history.stream()
                .filter(event -> event.type() == CertificateEventType.ISSUED
                        || event.type() == CertificateEventType.RENEWED)
                .findFirst();
    }

    /** The window a moment was drawn for, with the CA's explanation when it is the window given at issuance. */
    private static RenewalWindow window(AriChoice choice, Optional<RenewalWindow> atIssuance) {
        return atIssuance.filter(choice::drawnFor)
                .orElseGet(() -> new RenewalWindow(choice.windowStart(), choice.windowEnd()));
    }
}
