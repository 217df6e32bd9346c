package org.xmppcert.openfire.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.history.CertificateFacts;
import org.xmppcert.testing.TestCertificateAuthority;

class HistoryPageTest {

    private static final List<String> NAMES = List.of("example.org", "conference.example.org");

    @Test
    void eachQuarterCountsTheCertificatesIssuedOrRenewedAndRevokedInItAndNothingElse() {
        CertificateFacts first = facts("2025-01-10T00:00:00Z");
        CertificateFacts second = facts("2025-04-10T00:00:00Z");
        HistoryPage page = new HistoryPage(List.of(
                event("2025-05-02T09:00:00Z", CertificateEventType.REVOKED, second),
                event("2025-04-10T00:00:00Z", CertificateEventType.RENEWED, second),
                event("2025-04-09T23:00:00Z", CertificateEventType.FAILED, null),
                event("2025-04-09T22:00:00Z", CertificateEventType.ADMIN_ACTION, null),
                event("2025-03-01T08:00:00Z", CertificateEventType.SETTINGS_CHANGED, null),
                event("2025-01-10T00:00:00Z", CertificateEventType.ISSUED, first),
                event("2025-01-09T23:59:00Z", CertificateEventType.ADMIN_ACTION, null)));

        List<String> quarters = page.getQuarters().stream()
                .map(quarter -> quarter.getQuarter() + ": " + quarter.getIssued() + " issued, "
                        + quarter.getRevoked() + " revoked")
                .toList();

        assertEquals(List.of("2025 Q2: 1 issued, 1 revoked", "2025 Q1: 1 issued, 0 revoked"), quarters,
                "requests started and settings saved are no certificates issued");
    }

    private static CertificateFacts facts(String notBefore) {
        Instant from = Instant.parse(notBefore);
        return CertificateFacts.of(TestCertificateAuthority.withIssuerName("CN=R10", from)
                .issueWithNewKey(NAMES, from, from.plusSeconds(90L * 24 * 3600)).chain());
    }

    private static CertificateEvent event(String at, CertificateEventType type, CertificateFacts certificate) {
        return new CertificateEvent(Instant.parse(at), type, "admin", NAMES, certificate,
                certificate == null ? "what happened" : null);
    }
}
