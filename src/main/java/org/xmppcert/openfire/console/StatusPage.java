package org.xmppcert.openfire.console;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.openfire.service.CaPreset;
import org.xmppcert.openfire.service.CertificateService;
import org.xmppcert.openfire.service.CertificateStatus;
import org.xmppcert.openfire.service.CertificateStatus.CertificateInUse;
import org.xmppcert.openfire.service.CertificateStatus.LastAttempt;
import org.xmppcert.openfire.service.CertificateStatus.StoreStatus;
import org.xmppcert.openfire.service.OrderProgress;

/**
 * The bean behind certificates.jsp: what an admin needs to see at a glance, and whether anything
 * needs them. The page calls for action when the service names something to do or when a store's
 * certificate is missing, expired, self-signed or lacks a name the server needs, so that a problem
 * the service has not put into words yet still shows.
 */
public final class StatusPage {

    static final String PAGE = "certificates.jsp";

    private final CertificateStatus status;
    private final List<Store> stores;
    private final Optional<OrderProgress> latestOrder;
    private final boolean classic;

    private StatusPage(CertificateStatus status, Optional<OrderProgress> latestOrder, boolean classic) {
        this.status = status;
        this.stores = status.stores().stream().map(Store::new).toList();
        this.latestOrder = latestOrder;
        this.classic = classic;
    }

    public static StatusPage load(CertificateService service) {
        return new StatusPage(service.status(), service.latestOrder(), service.settings().ca() == CaPreset.CLASSIC);
    }

    public String getXmppDomain() {
        return status.xmppDomain();
    }

    public List<String> getRequiredNames() {
        return status.requiredNames();
    }

    public List<Store> getStores() {
        return stores;
    }

    /** When the next renewal is due, or null when nothing is managed yet. */
    public Date getNextRenewal() {
        return status.nextRenewal().map(Date::from).orElse(null);
    }

    /** How the last issuance or renewal attempt went, or null if there was none. */
    public Attempt getLastAttempt() {
        return status.lastAttempt().map(Attempt::new).orElse(null);
    }

    /** What the service says to do, most urgent first. */
    public List<CallToAction> getActions() {
        return status.actions().stream().map(CallToAction::new).toList();
    }

    public boolean isNeedsAttention() {
        return !status.actions().isEmpty() || stores.stream().anyMatch(Store::isNeedsAttention);
    }

    /** A request is running now: the page points to its progress instead of offering a new one. */
    public String getRunningTicket() {
        return latestOrder.filter(order -> !order.phase().finished()).map(OrderProgress::ticket).orElse(null);
    }

    /** The CA mails a code instead of speaking ACME, so a request starts with a CSR. */
    public boolean isClassic() {
        return classic;
    }

    /**
     * Something to do, worded by the page from the bundle: the key is {@code status.action.} and the
     * kind, and the arguments fill its placeholders, instants as dates so the text formats them in
     * the page's language.
     */
    public static final class CallToAction {

        private final CertificateStatus.CallToAction action;

        CallToAction(CertificateStatus.CallToAction action) {
            this.action = action;
        }

        public String getKind() {
            return action.kind().name();
        }

        public List<Object> getArguments() {
            return action.arguments().stream()
                    .map(argument -> argument instanceof Instant instant ? Date.from(instant) : argument)
                    .toList();
        }

        /** Sentences that complete the action's text, as its last argument: why the last attempt failed. */
        public List<Message> getReasons() {
            return Message.of(action.reasons());
        }
    }

    /** The last attempt, as the page words it: outcome, time, who started it and, if it failed, why. */
    public static final class Attempt {

        private final LastAttempt attempt;

        Attempt(LastAttempt attempt) {
            this.attempt = attempt;
        }

        public String getOutcome() {
            return attempt.outcome().name();
        }

        public Date getAt() {
            return Date.from(attempt.at());
        }

        public String getActor() {
            return attempt.actor();
        }

        public boolean isScheduler() {
            return CertificateEvent.SCHEDULER.equals(attempt.actor());
        }

        /** Why it failed, for the page to word; empty when it did not fail or nobody said. */
        public List<Message> getReasons() {
            return Message.of(attempt.reasons());
        }
    }

    /** One identity store and the certificate it presents for the XMPP domain. */
    public static final class Store {

        private final StoreStatus store;
        private final Certificate certificate;

        Store(StoreStatus store) {
            this.store = store;
            this.certificate = store.certificate().map(Certificate::new).orElse(null);
        }

        public String getName() {
            return store.store();
        }

        public List<String> getConnectionTypes() {
            return store.connectionTypes();
        }

        /** The certificate in use, or null when the store has none for the domain. */
        public Certificate getCertificate() {
            return certificate;
        }

        /** Every entry of the store, by alias. */
        public List<StoredEntry> getContents() {
            return store.contents().stream().map(StoredEntry::new).toList();
        }

        public boolean isNeedsAttention() {
            return certificate == null || certificate.isNeedsAttention();
        }
    }

    /** One entry of a store, as the page lists it. */
    public static final class StoredEntry {

        private final CertificateStatus.StoredCertificate entry;

        StoredEntry(CertificateStatus.StoredCertificate entry) {
            this.entry = entry;
        }

        public String getAlias() {
            return entry.alias();
        }

        public List<String> getNames() {
            return entry.names();
        }

        public String getIssuer() {
            return entry.issuer();
        }

        public Date getNotAfter() {
            return Date.from(entry.notAfter());
        }
    }

    /** The facts of a certificate in use, as the page shows them. */
    public static final class Certificate {

        private final CertificateInUse certificate;

        Certificate(CertificateInUse certificate) {
            this.certificate = certificate;
        }

        public String getSerialNumber() {
            return certificate.serialNumber();
        }

        public List<String> getNames() {
            return certificate.names();
        }

        public String getIssuer() {
            return certificate.issuer();
        }

        public String getKeyType() {
            return certificate.keyType();
        }

        public Date getNotBefore() {
            return Date.from(certificate.notBefore());
        }

        public Date getNotAfter() {
            return Date.from(certificate.notAfter());
        }

        public long getDaysLeft() {
            return certificate.daysLeft();
        }

        public boolean isExpired() {
            return !certificate.notAfter().isAfter(Instant.now());
        }

        public boolean isSelfSigned() {
            return certificate.selfSigned();
        }

        /** Names the server needs that this certificate does not cover; empty when it covers all. */
        public List<String> getMissingNames() {
            return certificate.missingNames();
        }

        public boolean isNeedsAttention() {
            return isExpired() || isSelfSigned() || !getMissingNames().isEmpty();
        }
    }
}
