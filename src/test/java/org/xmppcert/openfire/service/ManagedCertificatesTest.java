package org.xmppcert.openfire.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.history.CertificateFacts;
import org.xmppcert.core.issuance.RenewalWindow;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.core.names.CertificateNames;
import org.xmppcert.core.renewal.IssuanceKind;
import org.xmppcert.core.renewal.ManagedCertificate;
import org.xmppcert.core.renewal.RenewalState;
import org.xmppcert.testing.TestCertificateAuthority;

/** Which certificate renewal looks after, and what it is told about it, from the history and the stores. */
class ManagedCertificatesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final List<String> NAMES = List.of("example.org", "conference.example.org");
    private static final String ACME = CertificateOrigin.acme(URI.create("https://acme.example.com/directory"));
    private static final CertificateNames WANTED = new CertificateNames("example.org", NAMES, List.of(), List.of());
    private static final Optional<RenewalState> NO_STATE = Optional.empty();

    private final TestCertificateAuthority ca = TestCertificateAuthority.create("Managed", NOW);
    private final CertificateFacts first = facts(NOW.minus(Duration.ofDays(60)));
    private final CertificateFacts second = facts(NOW.minus(Duration.ofDays(1)));

    @Test
    void theLatestCertificateThePluginInstalledAndTheServerUsesIsManagedWithItsRecordedFacts() {
        List<CertificateEvent> history = List.of(
                event(CertificateEventType.ADMIN_ACTION, null, "Requested a certificate"),
                event(CertificateEventType.RENEWED, second, ACME + "\ninstalled"),
                event(CertificateEventType.ISSUED, first, ACME));

        List<ManagedCertificate> managed = ManagedCertificates.of("example.org", history,
                Set.of(second.serialNumber()), WANTED, NO_STATE);

        assertEquals(List.of(new ManagedCertificate("example.org", NAMES, IssuanceKind.ACME, second.notBefore(),
                second.notAfter(), Optional.empty(), true, false)), managed);
    }

    @Test
    void aCertificateTheAdminInstalledByHandSinceIsNotTouched() {
        List<CertificateEvent> history = List.of(event(CertificateEventType.ISSUED, first, ACME));

        assertEquals(List.of(), ManagedCertificates.of("example.org", history, Set.of("0abc"), WANTED, NO_STATE));
        assertEquals(List.of(), ManagedCertificates.of("example.org", List.of(), Set.of(first.serialNumber()), WANTED, NO_STATE));
    }

    @Test
    void revocationClassicOriginAndANewNameAreTold() {
        List<CertificateEvent> revokedAcme = List.of(
                event(CertificateEventType.REVOKED, first, "Reason: keyCompromise"),
                event(CertificateEventType.ISSUED, first, ACME));
        CertificateNames withUpload = new CertificateNames("example.org",
                List.of("example.org", "conference.example.org", "upload.example.org"), List.of(), List.of());

        ManagedCertificate revoked = ManagedCertificates.of("example.org", revokedAcme, Set.of(first.serialNumber()),
                WANTED, NO_STATE).get(0);
        ManagedCertificate classic = ManagedCertificates.of("example.org",
                List.of(event(CertificateEventType.ISSUED, first, CertificateOrigin.CLASSIC + "\ninstalled")),
                Set.of(first.serialNumber()), withUpload, NO_STATE).get(0);

        assertTrue(revoked.revoked());
        assertTrue(revoked.coversRequiredNames());
        assertEquals(IssuanceKind.CLASSIC, classic.kind());
        assertFalse(classic.revoked());
        assertFalse(classic.coversRequiredNames(), "upload.example.org is wanted now and not covered");
    }

    @Test
    void theRenewalWindowTheCaGaveAtIssuanceComesFromTheHistoryWithItsExplanation() {
        RenewalWindow window = new RenewalWindow(NOW.plus(Duration.ofDays(20)), NOW.plus(Duration.ofDays(22)),
                Optional.of(URI.create("https://acme.example.com/why?cert=1")));
        String detail = CertificateOrigin.acme(URI.create("https://acme.example.com/directory"), Optional.of(window))
                + "\ninstalled on 2 listeners";

        ManagedCertificate managed = ManagedCertificates.of("example.org",
                List.of(event(CertificateEventType.ISSUED, second, detail)), Set.of(second.serialNumber()), WANTED,
                NO_STATE).get(0);

        assertEquals(Optional.of(window), managed.ariWindow());
        assertEquals(IssuanceKind.ACME, managed.kind());
    }

    private CertificateFacts facts(Instant notBefore) {
        return CertificateFacts.of(List.of(ca.issue(KeyType.EC_P256.generate().getPublic(), NAMES, notBefore,
                notBefore.plus(Duration.ofDays(90)))));
    }

    private static CertificateEvent event(CertificateEventType type, CertificateFacts certificate, String detail) {
        return new CertificateEvent(NOW, type, "admin", type.concernsACertificate() ? NAMES : List.of("example.org"),
                certificate, detail);
    }
}
