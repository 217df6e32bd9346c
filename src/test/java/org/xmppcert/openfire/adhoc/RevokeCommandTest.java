package org.xmppcert.openfire.adhoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;
import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.history.CertificateFacts;
import org.xmppcert.openfire.service.CertificateStatus;
import org.xmppcert.openfire.service.CertificateStatus.CertificateInUse;
import org.xmppcert.openfire.service.CertificateStatus.StoreStatus;
import org.xmppcert.openfire.service.Refusal;
import org.xmppcert.openfire.service.Sentence;

/** Revoke: which certificate and why, then a confirmation that warns about the one in use. */
class RevokeCommandTest {

    private static final JID ADMIN = CommandHarness.jid("admin@example.org/Gajim");
    private static final CertificateFacts CURRENT = facts("c0ffee", "2025-05-20T00:00:00Z", "2025-08-18T00:00:00Z");
    private static final CertificateFacts PREVIOUS = facts("beef01", "2025-03-01T00:00:00Z", "2025-06-29T00:00:00Z");
    private static final CertificateFacts EXPIRED = facts("0ld", "2025-01-01T00:00:00Z", "2025-04-01T00:00:00Z");
    private static final CertificateFacts REVOKED = facts("dead", "2025-02-01T00:00:00Z", "2025-07-01T00:00:00Z");

    private final CommandHarness server = new CommandHarness();

    @BeforeEach
    void historyOfFourCertificates() {
        server.admins.add("admin@example.org");
        when(server.service.history(anyInt())).thenReturn(List.of(
                event(CertificateEventType.RENEWED, CURRENT, "2025-05-20T03:00:00Z"),
                event(CertificateEventType.REVOKED, REVOKED, "2025-04-02T10:00:00Z"),
                event(CertificateEventType.RENEWED, PREVIOUS, "2025-03-01T03:00:00Z"),
                event(CertificateEventType.ISSUED, REVOKED, "2025-02-01T03:00:00Z"),
                event(CertificateEventType.ISSUED, EXPIRED, "2025-01-01T03:00:00Z")));
        when(server.service.status()).thenReturn(new CertificateStatus("example.org", List.of("example.org"), List.of(
                new StoreStatus("conf/security/keystore.jks", List.of("SOCKET_C2S"), Optional.of(new CertificateInUse(
                        "C0FFEE", List.of("example.org"), "CN=R11", "EC P-256", CURRENT.notBefore(), CURRENT.notAfter(),
                        78, false, List.of())))), Optional.empty(), Optional.empty(), List.of()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aCertificateWithManyNamesAndALongSerialIsOfferedUnderAShortLabelAndConfirmedInFull() {
        CertificateFacts longSerial = facts("04a1b2c3d4e5f60718293a4b5c6d7e8f90", "2025-05-20T00:00:00Z",
                "2025-08-19T00:00:00Z");
        List<String> names = List.of("example.org", "conference.example.org", "pubsub.example.org", "upload.example.org");
        when(server.service.history(anyInt())).thenReturn(List.of(new CertificateEvent(
                Instant.parse("2025-05-20T03:00:00Z"), CertificateEventType.RENEWED, "scheduler", names, longSerial, null)));

        CommandReply choose = server.start(ADMIN, "revoke");

        assertEquals("Expires 2025-08-19 00:00 UTC: example.org and 3 more names, serial 04a1b2c3d4e5…",
                choose.field("certificate").getOptions().get(0).getLabel());
        CommandReply confirm = server.send(ADMIN, choose, "next", Map.of("certificate", List.of(longSerial.serialNumber()),
                "reason", List.of("superseded")));
        assertTrue(confirm.requireForm().getFields().stream().anyMatch(field -> String.valueOf(field.getFirstValue())
                .contains("example.org, conference.example.org, pubsub.example.org, upload.example.org, serial "
                        + longSerial.serialNumber())), "the confirmation names every name and the whole serial");
    }

    @Test
    void onlyValidUnrevokedCertificatesAreOfferedWithTheRfc5280Reasons() {
        CommandReply choose = server.start(ADMIN, "revoke");

        assertEquals(List.of("next"), choose.actions());
        assertEquals(List.of("Choose the certificate to revoke and why. Revoking cannot be undone."),
                choose.requireForm().getInstructions());
        FormField certificate = choose.field("certificate");
        assertEquals(FormField.Type.list_single, certificate.getType());
        assertTrue(certificate.isRequired());
        assertEquals(List.of("c0ffee", "beef01"), certificate.getOptions().stream().map(FormField.Option::getValue).toList());
        assertEquals("Expires 2025-08-18 00:00 UTC: example.org, serial c0ffee", certificate.getOptions().get(0).getLabel());
        FormField reason = choose.field("reason");
        assertEquals(FormField.Type.list_single, reason.getType());
        assertTrue(reason.isRequired());
        assertEquals(List.of("unspecified", "keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation"),
                reason.getOptions().stream().map(FormField.Option::getValue).toList());
        assertEquals("unspecified", reason.getFirstValue());
    }

    @Test
    void theConfirmationWarnsThatTheCertificateIsInUseAndRevokingNeedsTheTick() {
        CommandReply confirm = server.send(ADMIN, server.start(ADMIN, "revoke"), "next",
                Map.of("certificate", List.of("c0ffee"), "reason", List.of("keyCompromise")));

        assertEquals(List.of("prev", "complete"), confirm.actions());
        assertEquals(List.of("You are about to revoke example.org, serial c0ffee, expires 2025-08-18 00:00 UTC."
                        + " Reason: Key compromise.",
                "The server presents this certificate right now: clients and servers will refuse it once it is revoked."
                        + " Obtain a replacement first unless its key is compromised."), confirm.fixedTexts());
        assertEquals(FormField.Type.boolean_type, confirm.field("confirmed").getType());
        assertTrue(confirm.field("confirmed").isRequired());

        CommandReply done = server.send(ADMIN, confirm, "complete", Map.of("confirmed", List.of("true")));

        assertEquals(List.of("Certificate c0ffee is revoked (Key compromise)."), done.notes("info"));
        verify(server.service).revoke("c0ffee", "keyCompromise", "admin");
        assertEquals(new CommandHarness.AuditEntry("admin", "Certificate Manager command revoke by admin@example.org",
                "revoked c0ffee (keyCompromise)"), server.audit.get(0));
    }

    @Test
    void aCertificateNoLongerInUseGetsNoWarning() {
        CommandReply confirm = server.send(ADMIN, server.start(ADMIN, "revoke"), "next",
                Map.of("certificate", List.of("beef01"), "reason", List.of("superseded")));

        assertEquals(List.of("You are about to revoke example.org, serial beef01, expires 2025-06-29 00:00 UTC."
                + " Reason: Superseded."), confirm.fixedTexts());
    }

    @Test
    void withoutTheTickNothingIsRevoked() {
        CommandReply confirm = server.send(ADMIN, server.start(ADMIN, "revoke"), "next",
                Map.of("certificate", List.of("c0ffee"), "reason", List.of("superseded")));

        CommandReply done = server.send(ADMIN, confirm, "complete", Map.of("confirmed", List.of("0")));

        assertEquals(List.of("Not revoked: the revocation was not confirmed."), done.notes("warn"));
        verify(server.service, never()).revoke(anyString(), anyString(), anyString());
    }

    @Test
    void aSerialTheFormDidNotOfferIsNotRevoked() {
        CommandReply confirm = server.send(ADMIN, server.start(ADMIN, "revoke"), "next",
                Map.of("certificate", List.of("0ld"), "reason", List.of("superseded")));

        CommandReply done = server.send(ADMIN, confirm, "complete", Map.of("confirmed", List.of("1")));

        assertEquals(List.of("That certificate cannot be revoked any more (expired, revoked or unknown)."),
                done.notes("error"));
        verify(server.service, never()).revoke(anyString(), anyString(), anyString());
    }

    @Test
    void theCasRefusalIsShown() {
        doThrow(new Refusal(List.of(Sentence.of("refused.not-revoked"), Sentence.of("problem.OTHER", "example.org"),
                Sentence.of("failure.detail", "urn:ietf:params:acme:error:alreadyRevoked: Certificate already revoked")),
                null))
                .when(server.service).revoke("beef01", "superseded", "admin");
        CommandReply confirm = server.send(ADMIN, server.start(ADMIN, "revoke"), "next",
                Map.of("certificate", List.of("beef01"), "reason", List.of("superseded")));

        CommandReply done = server.send(ADMIN, confirm, "complete", Map.of("confirmed", List.of("1")));

        assertEquals(List.of("Not revoked: The CA did not revoke the certificate. The CA refused the request for"
                + " example.org; see its detail. Detail: urn:ietf:params:acme:error:alreadyRevoked: Certificate already"
                + " revoked"), done.notes("error"));
    }

    @Test
    void cancelAtTheConfirmationRevokesNothing() {
        CommandReply confirm = server.send(ADMIN, server.start(ADMIN, "revoke"), "next",
                Map.of("certificate", List.of("c0ffee"), "reason", List.of("keyCompromise")));

        CommandReply cancelled = server.send(ADMIN, confirm, "cancel", null);

        assertEquals(PacketError.Condition.bad_request, cancelled.error());
        assertEquals(0, server.driver.openSessions());
        verify(server.service, never()).revoke(anyString(), anyString(), anyString());
    }

    @Test
    void anActionTheStageDidNotOfferIsRefused() {
        CommandReply choose = server.start(ADMIN, "revoke");

        CommandReply skipped = server.send(ADMIN, choose, "complete", Map.of("certificate", List.of("c0ffee")));

        assertEquals(PacketError.Condition.bad_request, skipped.error());
        verify(server.service, never()).revoke(anyString(), anyString(), anyString());
    }

    @Test
    void anAdminWhoLosesTheRightWhileTheFormIsOpenRevokesNothing() {
        CommandReply confirm = server.send(ADMIN, server.start(ADMIN, "revoke"), "next",
                Map.of("certificate", List.of("c0ffee"), "reason", List.of("keyCompromise")));
        server.admins.clear();

        CommandReply done = server.send(ADMIN, confirm, "complete", Map.of("confirmed", List.of("1")));

        assertEquals(List.of("Only admins of this server may run this command."), done.notes("error"));
        verify(server.service, never()).revoke(anyString(), anyString(), anyString());
        assertEquals("refused: the requester is no longer an admin", server.audit.get(0).details());
    }

    @Test
    void withNothingToRevokeItSaysSo() {
        when(server.service.history(anyInt())).thenReturn(List.of(
                event(CertificateEventType.ISSUED, EXPIRED, "2025-01-01T03:00:00Z")));

        CommandReply reply = server.start(ADMIN, "revoke");

        assertEquals("completed", reply.status());
        assertEquals(List.of("No certificate obtained by this server is valid and unrevoked."), reply.notes("info"));
    }

    private static CertificateFacts facts(String serial, String notBefore, String notAfter) {
        return new CertificateFacts(serial, "CN=R11", Instant.parse(notBefore), Instant.parse(notAfter),
                "-----BEGIN CERTIFICATE-----");
    }

    private static CertificateEvent event(CertificateEventType type, CertificateFacts facts, String at) {
        return new CertificateEvent(Instant.parse(at), type, "scheduler", List.of("example.org"), facts, null);
    }
}
