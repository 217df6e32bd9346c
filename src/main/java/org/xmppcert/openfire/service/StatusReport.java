package org.xmppcert.openfire.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.names.CertificateNames;
import org.xmppcert.core.names.NameCoverage;
import org.xmppcert.openfire.console.IdentityStoreOverview;
import org.xmppcert.openfire.service.CertificateStatus.CallToAction;
import org.xmppcert.openfire.service.CertificateStatus.CertificateInUse;
import org.xmppcert.openfire.service.CertificateStatus.LastAttempt;
import org.xmppcert.openfire.service.CertificateStatus.LastAttempt.Outcome;
import org.xmppcert.openfire.service.CertificateStatus.StoreStatus;
import org.xmppcert.openfire.service.CertificateStatus.StoredCertificate;

/**
 * Puts the status together from what the stores hold, what the server needs and what happened
 * last, and derives what the admin should do about it, most urgent first.
 */
final class StatusReport {

    private StatusReport() {
    }

    static CertificateStatus of(IdentityStoreOverview overview, CertificateNames required, boolean serverFullyRead,
                                CertificateSettings settings,
                                Optional<OrderProgress> latestOrder, List<CertificateEvent> history,
                                Optional<Instant> nextRenewal, Duration expiryWarning, Instant now) {
        String domain = overview.getXmppDomain();
        List<StoreStatus> stores = overview.getStores().stream()
                .map(store -> new StoreStatus(String.valueOf(store.getFile()), store.getConnectionTypes(),
                        inUse(store, domain, required, now), store.getCertificates().stream()
                                .map(entry -> new StoredCertificate(entry.getAlias(), entry.getNames(), entry.getIssuer(),
                                        entry.getNotAfter().toInstant()))
                                .toList()))
                .toList();
        Set<String> revoked = new LinkedHashSet<>();
        history.stream().filter(event -> event.type() == CertificateEventType.REVOKED)
                .forEach(event -> revoked.add(event.certificate().serialNumber()));
        Optional<LastAttempt> lastAttempt = lastAttempt(latestOrder, history);

        List<CallToAction> actions = new ArrayList<>();
        List<CertificateInUse> used = stores.stream().flatMap(store -> store.certificate().stream()).toList();
        used.stream().filter(certificate -> revoked.contains(certificate.serialNumber())).findFirst()
                .ifPresent(certificate -> actions.add(CallToAction.revoked(certificate.serialNumber())));
        if (used.isEmpty() || used.stream().allMatch(CertificateInUse::selfSigned)) {
            actions.add(CallToAction.noCaSignedCertificate(domain));
        }
        used.stream().filter(certificate -> !certificate.selfSigned())
                .filter(certificate -> Duration.between(now, certificate.notAfter()).compareTo(expiryWarning) < 0)
                .min(Comparator.comparing(CertificateInUse::notAfter))
                .ifPresent(certificate -> actions.add(certificate.daysLeft() < 0
                        ? CallToAction.expired(certificate.notAfter())
                        : CallToAction.expiresSoon(certificate.daysLeft(), certificate.notAfter())));
        Set<String> missing = new LinkedHashSet<>();
        used.forEach(certificate -> missing.addAll(certificate.missingNames()));
        if (!missing.isEmpty()) {
            actions.add(CallToAction.namesNotCovered(List.copyOf(missing)));
        }
        if (!serverFullyRead) {
            actions.add(CallToAction.serverNotFullyRead());
        }
        lastAttempt.filter(attempt -> attempt.outcome() == Outcome.FAILED)
                .ifPresent(failed -> actions.add(CallToAction.lastAttemptFailed(failed.reasons())));
        if (settings.ca().isAcme() && !settings.termsAgreed()) {
            actions.add(CallToAction.agreeToTerms());
        }
        return new CertificateStatus(domain, required.names(), stores, nextRenewal, lastAttempt, actions);
    }

    /** The serial numbers of the certificates the stores serve the XMPP domain with. */
    static Set<String> serialsInUse(IdentityStoreOverview overview, Instant now) {
        return overview.getStores().stream()
                .flatMap(store -> servingTheDomain(store, overview.getXmppDomain(), now).stream())
                .map(IdentityStoreOverview.Certificate::getSerialNumber)
                .collect(Collectors.toSet());
    }

    /** The certificate the store serves the domain with: of those covering it, the one valid longest. */
    private static Optional<IdentityStoreOverview.Certificate> servingTheDomain(IdentityStoreOverview.Store store,
                                                                               String domain, Instant now) {
        return store.getCertificates().stream()
                .filter(certificate -> NameCoverage.coveredByAny(certificate.getNames(), domain))
                .filter(certificate -> !now.isBefore(certificate.notBefore()))
                .max(Comparator.comparing(IdentityStoreOverview.Certificate::notAfter));
    }

    private static Optional<CertificateInUse> inUse(IdentityStoreOverview.Store store, String domain,
                                                    CertificateNames required, Instant now) {
        return servingTheDomain(store, domain, now)
                .map(certificate -> new CertificateInUse(certificate.getSerialNumber(), certificate.getNames(),
                        certificate.getIssuer(), certificate.getKeyType(), certificate.notBefore(),
                        certificate.notAfter(), Duration.between(now, certificate.notAfter()).toDays(),
                        certificate.isSelfSigned(), required.notCoveredBy(certificate.getNames())));
    }

    private static Optional<LastAttempt> lastAttempt(Optional<OrderProgress> latestOrder,
                                                     List<CertificateEvent> history) {
        Optional<OrderProgress> running = latestOrder.filter(order -> !order.phase().finished());
        if (running.isPresent()) {
            return running.map(order -> new LastAttempt(Outcome.RUNNING, order.startedAt(), order.startedBy(),
                    List.of()));
        }
        return history.stream().filter(StatusReport::isAttempt).findFirst()
                .map(event -> new LastAttempt(outcome(event.type()), event.at(), event.actor(),
                        event.type() == CertificateEventType.FAILED ? reasons(event, latestOrder) : List.of()));
    }

    /**
     * Why a recorded attempt failed: the run's own sentences if it is the run this server still
     * holds (same admin, ended after it started), so the reader gets them in their language; else
     * the history's record, which is kept as it was written.
     */
    private static List<Sentence> reasons(CertificateEvent failed, Optional<OrderProgress> latestOrder) {
        Optional<List<Sentence>> fromTheRun = latestOrder
                .filter(order -> order.phase() == OrderProgress.Phase.FAILED)
                .filter(order -> order.startedBy().equals(failed.actor()) && !failed.at().isBefore(order.startedAt()))
                .map(OrderProgress::outcome);
        return fromTheRun.orElseGet(() -> failed.detail() == null || failed.detail().isBlank() ? List.of()
                : List.of(Sentence.of("failure.recorded", failed.detail())));
    }

    private static Outcome outcome(CertificateEventType attempt) {
        return switch (attempt) {
            case ISSUED -> Outcome.ISSUED;
            case RENEWED -> Outcome.RENEWED;
            case FAILED -> Outcome.FAILED;
            default -> throw new IllegalArgumentException(attempt + " is not an attempt to obtain a certificate");
        };
    }

    /** An attempt to obtain a certificate, as opposed to a revocation, a settings change or another admin action. */
    private static boolean isAttempt(CertificateEvent event) {
        return event.type() == CertificateEventType.ISSUED || event.type() == CertificateEventType.RENEWED
                || event.type() == CertificateEventType.FAILED;
    }
}
