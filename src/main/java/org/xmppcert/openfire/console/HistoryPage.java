package org.xmppcert.openfire.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.openfire.service.CertificateService;

/**
 * The bean behind certificate-history.jsp: every issuance, renewal, revocation and failure, newest
 * first, with who or what set it off, and per calendar quarter (UTC) how many certificates were
 * issued (renewals included) and revoked, which is what CA quotas and audits ask about.
 */
public final class HistoryPage {

    static final String PAGE = "certificate-history.jsp";

    /** Enough for years of renewals of every name; the count per quarter needs them all. */
    static final int LIMIT = 10_000;

    private final List<CertificateEvent> events;
    private final Set<String> revokedSerials;

    HistoryPage(List<CertificateEvent> events) {
        this.events = List.copyOf(events);
        this.revokedSerials = events.stream()
                .filter(event -> event.type() == CertificateEventType.REVOKED)
                .map(event -> event.certificate().serialNumber())
                .collect(Collectors.toSet());
    }

    public static HistoryPage load(CertificateService service) {
        return new HistoryPage(service.history(LIMIT));
    }

    public List<Event> getEvents() {
        return events.stream().map(event -> new Event(event, isRevocable(event))).toList();
    }

    /** Newest quarter first; quarters without an issuance or revocation are left out. */
    public List<QuarterCount> getQuarters() {
        Map<String, QuarterCount> quarters = new LinkedHashMap<>();
        events.stream()
                .sorted(Comparator.comparing(CertificateEvent::at).reversed())
                .filter(event -> event.type().concernsACertificate())
                .forEach(event -> {
                    ZonedDateTime at = event.at().atZone(ZoneOffset.UTC);
                    String label = at.getYear() + " Q" + ((at.getMonthValue() - 1) / 3 + 1);
                    QuarterCount count = quarters.computeIfAbsent(label, QuarterCount::new);
                    if (event.type() == CertificateEventType.REVOKED) {
                        count.revoked++;
                    } else {
                        count.issued++;
                    }
                });
        return List.copyOf(quarters.values());
    }

    /** An issued or renewed certificate that is not yet revoked, and not yet expired, may be revoked. */
    private boolean isRevocable(CertificateEvent event) {
        return (event.type() == CertificateEventType.ISSUED || event.type() == CertificateEventType.RENEWED)
                && !revokedSerials.contains(event.certificate().serialNumber())
                && event.certificate().notAfter().isAfter(Instant.now());
    }

    /** One line of the history. */
    public static final class Event {

        private final CertificateEvent event;
        private final boolean revocable;

        Event(CertificateEvent event, boolean revocable) {
            this.event = event;
            this.revocable = revocable;
        }

        public Date getAt() {
            return Date.from(event.at());
        }

        /** ISSUED, RENEWED, REVOKED or FAILED. */
        public String getType() {
            return event.type().name();
        }

        public String getActor() {
            return event.actor();
        }

        public boolean isScheduler() {
            return CertificateEvent.SCHEDULER.equals(event.actor());
        }

        public List<String> getNames() {
            return event.names();
        }

        /** The certificate's serial number, or null for a failure that produced none. */
        public String getSerialNumber() {
            return event.certificate() == null ? null : event.certificate().serialNumber();
        }

        public String getIssuer() {
            return event.certificate() == null ? null : event.certificate().issuer();
        }

        public Date getNotAfter() {
            return event.certificate() == null ? null : Date.from(event.certificate().notAfter());
        }

        public String getDetail() {
            return event.detail();
        }

        public boolean isRevocable() {
            return revocable;
        }
    }

    /** Certificates issued and revoked in one calendar quarter. */
    public static final class QuarterCount {

        private final String quarter;
        private int issued;
        private int revoked;

        QuarterCount(String quarter) {
            this.quarter = quarter;
        }

        /** e.g. {@code 2026 Q3}. */
        public String getQuarter() {
            return quarter;
        }

        public int getIssued() {
            return issued;
        }

        public int getRevoked() {
            return revoked;
        }
    }
}
