package org.xmppcert.openfire.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.names.CertificateNames;
import org.xmppcert.core.names.NameCoverage;
import org.xmppcert.openfire.console.IdentityStoreOverview;
import org.xmppcert.openfire.service.CertificateStatus.CertificateInUse;
import org.xmppcert.openfire.service.CertificateStatus.StoreStatus;

/**
 * Puts the status together from what the stores hold, what the server needs and what happened
 * last, and derives what the admin should do about it, most urgent first.
 */
final class StatusReport {

    private StatusReport() {
    }

    static CertificateStatus of(IdentityStoreOverview overview, CertificateNames required, CertificateSettings settings,
                                Optional<OrderProgress> latestOrder, List<CertificateEvent> history,
                                Optional<Instant> nextRenewal, Duration expiryWarning, Instant now) {
        String domain = overview.getXmppDomain();
        List<StoreStatus> stores = overview.getStores().stream()
                .map(store -> new StoreStatus(String.valueOf(store.getFile()), store.getConnectionTypes(),
                        inUse(store, domain, required, now)))
                .toList();
        Set<String> revoked = new LinkedHashSet<>();
        history.stream().filter(event -> event.type() == CertificateEventType.REVOKED)
                .forEach(event -> revoked.add(event.certificate().serialNumber()));
        Optional<String> lastAttempt = lastAttempt(latestOrder, history);

        List<String> actions = new ArrayList<>();
        List<CertificateInUse> used = stores.stream().flatMap(store -> store.certificate().stream()).toList();
        used.stream().filter(certificate -> revoked.contains(certificate.serialNumber())).findFirst()
                .ifPresent(certificate -> actions.add("The certificate in use (serial " + certificate.serialNumber()
                        + ") has been revoked: request a new certificate."));
        if (used.isEmpty() || used.stream().allMatch(CertificateInUse::selfSigned)) {
            actions.add("There is no CA-signed certificate for " + domain + " yet: request one, so that clients and"
                    + " servers can trust this server.");
        }
        used.stream().filter(certificate -> !certificate.selfSigned())
                .filter(certificate -> Duration.between(now, certificate.notAfter()).compareTo(expiryWarning) < 0)
                .min(Comparator.comparing(CertificateInUse::notAfter))
                .ifPresent(certificate -> actions.add(certificate.daysLeft() < 0
                        ? "The certificate in use expired on " + certificate.notAfter() + "."
                        : "The certificate in use expires in " + certificate.daysLeft() + " days (" + certificate.notAfter()
                        + ")."));
        Set<String> missing = new LinkedHashSet<>();
        used.forEach(certificate -> missing.addAll(certificate.missingNames()));
        if (!missing.isEmpty()) {
            actions.add("The certificate in use does not cover " + String.join(", ", missing)
                    + ": request a new certificate.");
        }
        failedLastTime(latestOrder, history).ifPresent(reason -> actions.add("The last attempt failed: " + reason));
        if (settings.ca().isAcme() && !settings.termsAgreed()) {
            actions.add("Agree to the CA's terms of service in the settings, or no certificate can be requested.");
        }
        return new CertificateStatus(required.names(), stores, nextRenewal, lastAttempt, actions);
    }

    /** The certificate the store serves the domain with: of those covering it, the one valid longest. */
    private static Optional<CertificateInUse> inUse(IdentityStoreOverview.Store store, String domain,
                                                    CertificateNames required, Instant now) {
        return store.getCertificates().stream()
                .filter(certificate -> NameCoverage.coveredByAny(certificate.getNames(), domain))
                .filter(certificate -> !now.isBefore(certificate.notBefore()))
                .max(Comparator.comparing(IdentityStoreOverview.Certificate::notAfter))
                .map(certificate -> new CertificateInUse(certificate.getSerialNumber(), certificate.getNames(),
                        certificate.getIssuer(), certificate.getKeyType(), certificate.notBefore(),
                        certificate.notAfter(), Duration.between(now, certificate.notAfter()).toDays(),
                        certificate.isSelfSigned(), required.notCoveredBy(certificate.getNames())));
    }

    private static Optional<String> lastAttempt(Optional<OrderProgress> latestOrder, List<CertificateEvent> history) {
        Optional<OrderProgress> running = latestOrder.filter(order -> !order.phase().finished());
        if (running.isPresent()) {
            return Optional.of("Running since " + running.get().startedAt() + " (" + running.get().phase() + "), started"
                    + " by " + running.get().startedBy());
        }
        return history.stream().filter(event -> event.type() != CertificateEventType.REVOKED).findFirst()
                .map(event -> event.type() + " " + event.at() + " by " + event.actor()
                        + (event.type() == CertificateEventType.FAILED && event.detail() != null ? ": " + event.detail() : ""));
    }

    private static Optional<String> failedLastTime(Optional<OrderProgress> latestOrder, List<CertificateEvent> history) {
        if (latestOrder.filter(order -> !order.phase().finished()).isPresent()) {
            return Optional.empty();
        }
        return history.stream().filter(event -> event.type() != CertificateEventType.REVOKED).findFirst()
                .filter(event -> event.type() == CertificateEventType.FAILED)
                .map(event -> event.detail() == null ? "no reason was given" : event.detail());
    }
}
