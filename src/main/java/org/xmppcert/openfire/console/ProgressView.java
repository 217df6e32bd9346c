package org.xmppcert.openfire.console;

import java.util.Date;
import java.util.List;

import org.xmppcert.core.challenge.TxtRecord;
import org.xmppcert.openfire.service.InstallReport;
import org.xmppcert.openfire.service.OrderProgress;
import org.xmppcert.openfire.service.OrderProgress.NameProgress;

/**
 * A certificate request's progress in the shape the request page renders it first and the progress
 * endpoint sends it afterwards, so both show the same thing. Phases and states are enum names; the
 * page turns them into words from its bundle.
 */
public final class ProgressView {

    private final OrderProgress progress;

    public ProgressView(OrderProgress progress) {
        this.progress = progress;
    }

    public String getTicket() {
        return progress.ticket();
    }

    public String getStartedBy() {
        return progress.startedBy();
    }

    public Date getStartedAt() {
        return Date.from(progress.startedAt());
    }

    public String getPhase() {
        return progress.phase().name();
    }

    public boolean isFinished() {
        return progress.phase().finished();
    }

    public boolean isAwaitingDnsRecords() {
        return progress.phase() == OrderProgress.Phase.AWAITING_DNS_RECORDS;
    }

    public List<Name> getNames() {
        return progress.names().stream().map(Name::new).toList();
    }

    public List<DnsRecord> getDnsRecords() {
        return progress.dnsRecords().stream().map(DnsRecord::new).toList();
    }

    public boolean isFailed() {
        return progress.phase() == OrderProgress.Phase.FAILED;
    }

    /** Whether the certificate was installed and every listener presents it. */
    public boolean isInstalled() {
        return progress.install().map(InstallReport::installed).orElse(false);
    }

    /** How the request ended: why it failed, or how the install went; nothing while it runs. */
    public List<Message> getOutcome() {
        return Message.of(progress.outcome());
    }

    /**
     * The progress as JSON for the page's script, with the fresh CSRF token its forms need next.
     *
     * @param outcomeText {@link #getOutcome()} as the page worded it in the admin's language; empty while it runs
     */
    public String toJson(String csrf, String outcomeText) {
        Json json = new Json().open()
                .field("ticket", getTicket())
                .field("phase", getPhase())
                .field("finished", isFinished())
                .field("failed", isFailed())
                .field("installed", isInstalled())
                .field("outcome", outcomeText)
                .field("csrf", csrf)
                .array("names");
        for (Name name : getNames()) {
            json.open().field("name", name.getName()).field("state", name.getState()).field("detail", name.getDetail())
                    .close();
        }
        json.endArray().array("dnsRecords");
        for (DnsRecord record : getDnsRecords()) {
            json.open().field("domain", record.getDomain()).field("owner", record.getOwner())
                    .field("value", record.getValue()).close();
        }
        return json.endArray().close().toString();
    }

    /** One name's authorization. */
    public static final class Name {

        private final NameProgress name;

        Name(NameProgress name) {
            this.name = name;
        }

        public String getName() {
            return name.name();
        }

        /** PENDING, ANSWERED, VALID or INVALID. */
        public String getState() {
            return name.state().name();
        }

        /** The CA's reason when invalid, or null. */
        public String getDetail() {
            return name.detail().orElse(null);
        }
    }

    /** A TXT record the admin is to create for manual dns-01. */
    public static final class DnsRecord {

        private final TxtRecord record;

        DnsRecord(TxtRecord record) {
            this.record = record;
        }

        public String getDomain() {
            return record.domain();
        }

        /** The full owner name, e.g. {@code _acme-challenge.example.org}. */
        public String getOwner() {
            return record.owner();
        }

        public String getValue() {
            return record.value();
        }
    }
}
