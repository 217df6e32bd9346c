package org.xmppcert.openfire.adhoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;
import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.history.CertificateFacts;
import org.xmppcert.openfire.service.Sentence;
import org.xmppcert.openfire.service.CertificateStatus;
import org.xmppcert.openfire.service.CertificateStatus.CallToAction;
import org.xmppcert.openfire.service.CertificateStatus.CertificateInUse;
import org.xmppcert.openfire.service.CertificateStatus.LastAttempt;
import org.xmppcert.openfire.service.CertificateStatus.LastAttempt.Outcome;
import org.xmppcert.openfire.service.CertificateStatus.StoreStatus;

/** Status and history answer at once with a result form, as a table where a list is long. */
class ReportCommandsTest {

    private static final CertificateFacts CERTIFICATE_0A1B = new CertificateFacts("0a1b", "CN=R11",
            Instant.parse("2025-05-01T00:00:00Z"), Instant.parse("2025-07-30T00:00:00Z"), "-----BEGIN CERTIFICATE-----");

    private static final JID ADMIN = CommandHarness.jid("admin@example.org/Gajim");

    private final CommandHarness server = new CommandHarness();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void statusShowsNamesActionsRenewalAndOneSectionPerIdentityStore() {
        server.admins.add("admin@example.org");
        when(server.service.status()).thenReturn(new CertificateStatus("example.org",
                List.of("example.org", "conference.example.org"),
                List.of(new StoreStatus("conf/security/keystore.jks", List.of("SOCKET_C2S", "SOCKET_S2S"),
                                Optional.of(new CertificateInUse("4f2a", List.of("example.org"), "CN=R11, O=Let's Encrypt",
                                        "EC P-256", Instant.parse("2025-05-01T00:00:00Z"),
                                        Instant.parse("2025-07-30T00:00:00Z"), 58, false,
                                        List.of("conference.example.org")))),
                        new StoreStatus("conf/security/admin.jks", List.of("WEBADMIN"), Optional.empty())),
                Optional.of(Instant.parse("2025-06-30T00:00:00Z")),
                Optional.of(new LastAttempt(Outcome.RENEWED, Instant.parse("2025-05-01T03:00:00Z"), "scheduler",
                        List.of())),
                List.of(CallToAction.expiresSoon(1, Instant.parse("2025-07-30T00:00:00Z")),
                        CallToAction.namesNotCovered(List.of("conference.example.org")))));

        CommandReply reply = server.start(ADMIN, "status");

        assertEquals("completed", reply.status());
        DataForm result = reply.requireForm();
        assertEquals(DataForm.Type.result, result.getType());
        assertEquals("Certificate status", result.getTitle());
        assertEquals(CommandHarness.node("status"), reply.field("FORM_TYPE").getFirstValue());
        assertEquals(FormField.Type.hidden, reply.field("FORM_TYPE").getType());
        assertEquals(List.of("example.org", "conference.example.org"), reply.field("names").getValues());
        assertEquals(FormField.Type.text_multi, reply.field("names").getType());
        assertEquals(List.of("The certificate in use expires in one day (2025-07-30 00:00 UTC).",
                        "The certificate in use does not cover conference.example.org: request a new certificate."),
                reply.field("actions").getValues());
        assertEquals("2025-06-30 00:00 UTC", reply.field("next-renewal").getFirstValue());
        assertEquals("Renewed 2025-05-01 03:00 UTC, started by the automatic renewal",
                reply.field("last-attempt").getFirstValue());
        assertEquals(List.of("names", "actions", "next-renewal", "last-attempt",
                        "store-1-store", "store-1-used-for", "store-1-certificate-names", "store-1-issuer", "store-1-key",
                        "store-1-expires", "store-1-days-left", "store-1-missing",
                        "store-2-store", "store-2-used-for", "store-2-certificate-names"),
                visibleVariables(reply), "each store a run of fields, its name first, no table");
        assertEquals("Identity store", reply.field("store-1-store").getLabel());
        assertEquals("conf/security/keystore.jks", reply.field("store-1-store").getFirstValue());
        assertEquals("conf/security/admin.jks", reply.field("store-2-store").getFirstValue());
        assertEquals("Used for", reply.field("store-1-used-for").getLabel());
        assertEquals(List.of("client connections (c2s)", "server-to-server (s2s)"),
                reply.field("store-1-used-for").getValues());
        assertEquals(FormField.Type.text_multi, reply.field("store-1-used-for").getType(),
                "a line each, not one long line that a fixed-width field cuts off");
        assertEquals(List.of("example.org"), reply.field("store-1-certificate-names").getValues());
        assertEquals("CN=R11, O=Let's Encrypt", reply.field("store-1-issuer").getFirstValue());
        assertEquals("EC P-256", reply.field("store-1-key").getFirstValue());
        assertEquals("2025-07-30 00:00 UTC", reply.field("store-1-expires").getFirstValue());
        assertEquals("58", reply.field("store-1-days-left").getFirstValue());
        assertEquals(List.of("conference.example.org"), reply.field("store-1-missing").getValues());
        assertEquals(List.of("admin console"), reply.field("store-2-used-for").getValues());
        assertEquals(List.of("no certificate for the XMPP domain"),
                reply.field("store-2-certificate-names").getValues());
        assertEquals(null, reply.requireForm().getElement().element("reported"));
        assertEquals(List.of(new CommandHarness.AuditEntry("admin",
                "Certificate Manager command status by admin@example.org", "status shown")), server.audit);
    }

    @Test
    void statusSaysWhenNothingNeedsDoing() {
        server.admins.add("admin@example.org");
        when(server.service.status()).thenReturn(new CertificateStatus("example.org", List.of("example.org"), List.of(),
                Optional.empty(), Optional.empty(), List.of()));

        CommandReply reply = server.start(ADMIN, "status");

        assertEquals(List.of("Nothing: every certificate covers the server's names."), reply.field("actions").getValues());
        assertEquals("none", reply.field("next-renewal").getFirstValue());
    }

    @Test
    void statusNamesWhoseAttemptFailedAndWhy() {
        server.admins.add("admin@example.org");
        when(server.service.status()).thenReturn(new CertificateStatus("example.org", List.of("example.org"), List.of(),
                Optional.empty(), Optional.of(new LastAttempt(Outcome.FAILED, Instant.parse("2025-05-02T10:15:00Z"),
                        "admin", List.of())),
                List.of(CallToAction.lastAttemptFailed(List.of()), CallToAction.agreeToTerms())));

        CommandReply reply = server.start(ADMIN, "status");

        assertEquals(List.of("The last attempt failed, and no reason was given.",
                        "Agree to the CA's terms of service in the settings, or no certificate can be requested."),
                reply.field("actions").getValues());
        assertEquals("Failed 2025-05-02 10:15 UTC, started by admin: no reason was given",
                reply.field("last-attempt").getFirstValue());
    }

    @Test
    void historyListsTheLatestEventsNewestFirst() {
        server.admins.add("admin@example.org");
        when(server.service.history(HistoryCommand.ENTRIES)).thenReturn(List.of(
                new CertificateEvent(Instant.parse("2025-05-01T03:00:00Z"), CertificateEventType.RENEWED, "scheduler",
                        List.of("example.org", "upload.example.org"), CERTIFICATE_0A1B, null),
                new CertificateEvent(Instant.parse("2025-04-30T03:00:00Z"), CertificateEventType.FAILED, "admin",
                        List.of("example.org"), null, "rateLimited: too many certificates")));

        CommandReply reply = server.start(ADMIN, "history");

        assertEquals("completed", reply.status());
        assertEquals("Certificate history (latest 20)", reply.requireForm().getTitle());
        assertEquals(List.of("event-1", "event-2"), visibleVariables(reply));
        assertEquals("2025-05-01 03:00 UTC", reply.field("event-1").getLabel());
        assertEquals(List.of("Renewed by the automatic renewal", "example.org, upload.example.org",
                "Serial number 0a1b"), reply.field("event-1").getValues());
        assertEquals("2025-04-30 03:00 UTC", reply.field("event-2").getLabel());
        assertEquals(List.of("Failed by admin", "example.org", "rateLimited: too many certificates"),
                reply.field("event-2").getValues());
        assertEquals(FormField.Type.text_multi, reply.field("event-2").getType());
        assertEquals("history shown: 2 entries", server.audit.get(0).details());
    }

    @Test
    void aRevocationSaysItsReasonInWords() {
        server.admins.add("admin@example.org");
        when(server.service.history(HistoryCommand.ENTRIES)).thenReturn(List.of(
                new CertificateEvent(Instant.parse("2025-05-02T08:00:00Z"), CertificateEventType.REVOKED, "admin",
                        List.of("example.org"), CERTIFICATE_0A1B, "keyCompromise")));

        CommandReply reply = server.start(ADMIN, "history");

        assertEquals(List.of("Revoked by admin", "example.org", "Serial number 0a1b", "Reason: Key compromise"),
                reply.field("event-1").getValues());
    }

    @Test
    void anEmptyHistoryIsANoteNotAnEmptyTable() {
        server.admins.add("admin@example.org");
        when(server.service.history(HistoryCommand.ENTRIES)).thenReturn(List.of());

        CommandReply reply = server.start(ADMIN, "history");

        assertEquals(Optional.empty(), reply.form());
        assertEquals(List.of("No certificate has been issued, renewed or revoked yet."), reply.notes("info"));
    }

    /** The variables of the fields a client shows, in order; fixed texts have none. */
    static List<String> visibleVariables(CommandReply reply) {
        return reply.requireForm().getFields().stream()
                .filter(field -> field.getType() != FormField.Type.hidden)
                .map(FormField::getVariable)
                .toList();
    }
}
