package org.xmppcert.openfire.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jivesoftware.openfire.security.SecurityAuditManager;
import org.junit.jupiter.api.Test;
import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.history.CertificateFacts;
import org.xmppcert.core.issuance.CertificateInstaller;
import org.xmppcert.core.issuance.InstallException;
import org.xmppcert.core.issuance.IssuedCertificate;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.core.renewal.RenewalEvent;
import org.xmppcert.core.renewal.RenewalReason;
import org.xmppcert.testing.TestCertificateAuthority;
import org.xmppcert.testing.InMemoryCertificateHistory;
import org.xmppcert.testing.TestClock;

/** Every kind of event reaches both the plugin's history and Openfire's security audit log, under its actor. */
class AuditTrailTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final List<String> NAMES = List.of("example.org", "upload.example.org");

    private final InMemoryCertificateHistory history = new InMemoryCertificateHistory();
    private final SecurityAuditManager auditLog = mock(SecurityAuditManager.class);
    private final AuditTrail trail = new AuditTrail(history, auditLog, () -> "example.org", new TestClock(NOW));

    @Test
    void anIssuanceIsRecordedWithTheCertificatesFactsUnderTheAdmin() {
        X509Certificate leaf = leaf();
        trail.issued("alice", NAMES, List.of(leaf), null);

        CertificateEvent event = history.events().get(0);
        assertEquals(CertificateEventType.ISSUED, event.type());
        assertEquals("alice", event.actor());
        assertEquals(leaf.getSerialNumber().toString(16), event.certificate().serialNumber());
        verify(auditLog).logEvent(eq("alice"),
                eq("Certificate Manager: certificate issued for example.org, upload.example.org"),
                eq("Serial " + leaf.getSerialNumber().toString(16) + ", issuer " + leaf.getIssuerX500Principal().getName()
                        + ", valid " + event.certificate().notBefore() + " to " + event.certificate().notAfter() + "."));
    }

    @Test
    void aRenewalByTheSchedulerAndARevocationByAnAdminKeepTheirActors() {
        X509Certificate leaf = leaf();
        trail.renewed(CertificateEvent.SCHEDULER, NAMES, List.of(leaf), "a third of its lifetime remains");
        trail.revoked("bob", NAMES, CertificateFacts.of(List.of(leaf)), "keyCompromise");

        assertEquals(List.of(CertificateEventType.RENEWED, CertificateEventType.REVOKED),
                history.events().stream().map(CertificateEvent::type).toList());
        verify(auditLog).logEvent(eq("scheduler"), eq("Certificate Manager: certificate renewed for example.org, "
                + "upload.example.org"), any());
        verify(auditLog).logEvent(eq("bob"), eq("Certificate Manager: certificate revoked for example.org, "
                + "upload.example.org"), org.mockito.ArgumentMatchers.endsWith(". keyCompromise"));
    }

    @Test
    void settingsChangesAndAdminActionsAreFiledUnderTheXmppDomainWithoutACertificate() {
        trail.settingsChanged("alice", "CA: Let's Encrypt -> ZeroSSL; EAB HMAC key replaced");
        trail.adminAction("alice", "Cancelled the certificate request");

        assertEquals(List.of("example.org"), history.events().get(0).names());
        assertNull(history.events().get(0).certificate());
        assertEquals(CertificateEventType.ADMIN_ACTION, history.events().get(1).type());
        verify(auditLog).logEvent("alice", "Certificate Manager: settings changed",
                "CA: Let's Encrypt -> ZeroSSL; EAB HMAC key replaced");
        verify(auditLog).logEvent(eq("alice"), eq("Certificate Manager: Cancelled the certificate request"), isNull());
    }

    @Test
    void aFailedRenewalAttemptIsRecordedUnderTheSchedulerWithReasonAndNextAttempt() {
        trail.onEvent(new RenewalEvent.Failed("example.org", NAMES, NOW, "The CA did not answer.", "Check HTTPS.", 3,
                NOW.plus(Duration.ofMinutes(20)), NOW.plus(Duration.ofDays(20))));

        CertificateEvent event = history.events().get(0);
        assertEquals(new CertificateEvent(NOW, CertificateEventType.FAILED, "scheduler", NAMES, null,
                "Renewal attempt 3 failed: The CA did not answer. Next attempt: 2026-03-01T10:20:00Z."), event);
        verify(auditLog).logEvent("scheduler", "Certificate Manager: failed for example.org, upload.example.org",
                "Renewal attempt 3 failed: The CA did not answer. Next attempt: 2026-03-01T10:20:00Z.");
    }

    @Test
    void remindersAndWarningsAreMessagesNotRecords() {
        trail.onEvent(new RenewalEvent.ExpiryWarning("example.org", NAMES, NOW, 7, NOW.plus(Duration.ofDays(7)), "down",
                "wait"));
        trail.onEvent(new RenewalEvent.ClassicReminder("example.org", NAMES, NOW, 14, NOW.plus(Duration.ofDays(14)),
                URI.create("https://xmpp.example.org:9091/plugins/certificatemanager/classic.jsp")));
        trail.onEvent(new RenewalEvent.Renewed("example.org", NAMES, NOW, RenewalReason.LIFETIME, Optional.empty(),
                NOW.plus(Duration.ofDays(90))));

        assertEquals(List.of(), history.events());
        verify(auditLog, never()).logEvent(anyString(), anyString(), any());
    }

    @Test
    void aRenewalIsRecordedOnlyOnceItsCertificateIsInstalledWithWhereItCameFrom() throws Exception {
        X509Certificate leaf = leaf();
        IssuedCertificate issued = new IssuedCertificate(NAMES, List.of(leaf), KeyType.EC_P256.generate(),
                Optional.empty());
        CertificateInstaller refusing = (id, certificate) -> {
            throw new InstallException("the listener kept the old certificate");
        };

        assertThrows(InstallException.class, () -> trail.recordingRenewals(refusing, certificate -> "From the ACME CA at x")
                .install("example.org", issued));
        assertEquals(List.of(), history.events());
        trail.recordingRenewals((id, certificate) -> { }, certificate -> "From the ACME CA at https://acme.example/dir")
                .install("example.org", issued);

        CertificateEvent event = history.events().get(0);
        assertEquals(CertificateEventType.RENEWED, event.type());
        assertEquals(CertificateEvent.SCHEDULER, event.actor());
        assertEquals("From the ACME CA at https://acme.example/dir", event.detail());
        verify(auditLog).logEvent(eq("scheduler"), eq("Certificate Manager: certificate renewed for example.org, "
                + "upload.example.org"), org.mockito.ArgumentMatchers.endsWith(". From the ACME CA at https://acme.example/dir"));
    }

    @Test
    void whatChangesNothingGoesToTheSecurityAuditLogOnly() {
        trail.logOnly("alice", "Certificate Manager command status by alice@example.org", "status shown");

        assertEquals(List.of(), history.events());
        verify(auditLog).logEvent("alice", "Certificate Manager command status by alice@example.org", "status shown");
    }

    @Test
    void anAuditLogFailureStillLeavesTheHistoryEntry() {
        doThrow(new IllegalStateException("audit table full")).when(auditLog).logEvent(any(), any(), any());

        trail.adminAction("alice", "Started a certificate request");

        assertEquals(1, history.events().size());
    }

    private static X509Certificate leaf() {
        return TestCertificateAuthority.create("Audit", NOW)
                .issue(KeyType.EC_P256.generate().getPublic(), NAMES, NOW, NOW.plus(Duration.ofDays(90)));
    }
}
