package org.xmppcert.openfire.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.xmppcert.core.challenge.TxtRecord;

/**
 * A snapshot of one certificate request as the admin watches it: where it stands, each name's
 * authorization, the dns-01 records to create by hand, and how the install and its check ended.
 *
 * @param ticket        the request's id
 * @param startedBy     the admin's username, or {@code scheduler}
 * @param phase         where the request stands
 * @param names         each name's state, in request order
 * @param dnsRecords    the TXT records the admin must create (manual dns-01 only, while {@link Phase#AWAITING_DNS_RECORDS})
 * @param failure       why it failed before anything was installed (when {@link Phase#FAILED})
 * @param install       how the install and its TLS handshake check ended (when done, or failed at the install)
 */
public record OrderProgress(String ticket, String startedBy, Instant startedAt, Phase phase, List<NameProgress> names,
                            List<TxtRecord> dnsRecords, Optional<FailureReport> failure, Optional<InstallReport> install) {

    public OrderProgress {
        names = List.copyOf(names);
        dnsRecords = List.copyOf(dnsRecords);
    }

    /** How the request ended, to tell the admin: why it failed or how the install went; nothing while it runs. */
    public List<Sentence> outcome() {
        return failure.map(FailureReport::sentences)
                .or(() -> install.map(report -> List.of(report.sentence())))
                .orElse(List.of());
    }

    public enum Phase {
        ORDERING, AWAITING_DNS_RECORDS, VALIDATING, FINALIZING, INSTALLING, DONE, FAILED;

        public boolean finished() {
            return this == DONE || this == FAILED;
        }
    }

    /** @param detail the CA's reason when invalid; empty otherwise */
    public record NameProgress(String name, NameState state, Optional<String> detail) {
    }

    public enum NameState {
        PENDING, ANSWERED, VALID, INVALID
    }
}
