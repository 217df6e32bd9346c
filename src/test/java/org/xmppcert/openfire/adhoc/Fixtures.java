package org.xmppcert.openfire.adhoc;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

import org.xmppcert.core.acme.ChallengeType;
import org.xmppcert.core.acme.IssuanceProblem;
import org.xmppcert.core.challenge.TxtRecord;
import org.xmppcert.core.keys.KeyPolicy;
import org.xmppcert.core.names.NamePolicy;
import org.xmppcert.openfire.service.CaPreset;
import org.xmppcert.openfire.service.CertificateSettings;
import org.xmppcert.openfire.service.FailureReport;
import org.xmppcert.openfire.install.InstallOutcome;
import org.xmppcert.openfire.service.InstallReport;
import org.xmppcert.openfire.service.OrderProgress;

/** Settings and request snapshots as the service hands them out. */
final class Fixtures {

    private Fixtures() {
    }

    static CertificateSettings settings(CaPreset ca) {
        return new CertificateSettings(ca, Optional.empty(), Optional.empty(), "hostmaster@example.org", true,
                Optional.empty(), KeyPolicy.DEFAULT, ChallengeType.HTTP_01, Optional.empty(), NamePolicy.DEFAULT, false,
                true, Duration.ofHours(6), List.of(14, 7, 3), true, false, LocalTime.of(3, 0));
    }

    static OrderProgress order(String ticket, OrderProgress.Phase phase, List<TxtRecord> records) {
        return new OrderProgress(ticket, "admin", Instant.parse("2025-06-01T12:00:00Z"), phase,
                List.of(new OrderProgress.NameProgress("example.org", OrderProgress.NameState.PENDING, Optional.empty())),
                records, Optional.empty(), Optional.empty());
    }

    /** Installed in one identity store, presented by two listeners, keystore file written. */
    static OrderProgress done(String ticket) {
        return new OrderProgress(ticket, "admin", Instant.parse("2025-06-01T12:00:00Z"), OrderProgress.Phase.DONE,
                List.of(new OrderProgress.NameProgress("example.org", OrderProgress.NameState.VALID, Optional.empty())),
                List.of(), Optional.empty(), Optional.of(new InstallReport(InstallOutcome.Status.INSTALLED, Optional.of("AB:CD"),
                        1, 2, true, Optional.empty())));
    }

    static OrderProgress failed(String ticket, FailureReport failure) {
        return new OrderProgress(ticket, "admin", Instant.parse("2025-06-01T12:00:00Z"), OrderProgress.Phase.FAILED,
                List.of(new OrderProgress.NameProgress("example.org", OrderProgress.NameState.INVALID,
                        failure.detail())), List.of(), Optional.of(failure), Optional.empty());
    }

    /** What the core reports when the CA refuses to validate {@code name}. */
    static FailureReport refusedByTheCa(IssuanceProblem problem, String name, String caDetail) {
        return new FailureReport(FailureReport.Kind.ISSUANCE, Optional.of(problem), List.of(name), Optional.of(caDetail),
                Optional.empty());
    }
}
