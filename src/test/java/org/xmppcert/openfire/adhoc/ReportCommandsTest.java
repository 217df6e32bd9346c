package org.xmppcert.openfire.adhoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;
import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.history.CertificateFacts;
import org.xmppcert.openfire.service.CertificateStatus;
import org.xmppcert.openfire.service.CertificateStatus.CallToAction;
import org.xmppcert.openfire.service.CertificateStatus.CertificateInUse;
import org.xmppcert.openfire.service.CertificateStatus.LastAttempt;
import org.xmppcert.openfire.service.CertificateStatus.LastAttempt.Outcome;
import org.xmppcert.openfire.service.CertificateStatus.StoreStatus;

/** Status and history answer at once with a result form, as a table where a list is long. */
class ReportCommandsTest {

    private static final JID ADMIN = CommandHarness.jid("admin@example.org/Gajim");

    private final CommandHarness server = new CommandHarness();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void statusShowsNamesActionsRenewalAndOneRowPerIdentityStore() {
        server.admins.add("admin@example.org");
        when(server.service.status()).thenReturn(new CertificateStatus("example.org",
                List.of("example.org", "conference.example.org"),
                List.of(new StoreStatus("conf/security/keystore.jks", List.of("SOCKET_C2S", "SOCKET_S2S"),
                                Optional.of(new CertificateInUse("4f2a", List.of("example.org"), "CN=R11, O=Let's Encrypt",
                                        "EC P-256", Instant.parse("2025-05-01T00:00:00Z"),
                                        Instant.parse("2025-07-30T00:00:00Z"), 58, false,
                                        List.of("conference.example.org")))),
                        new StoreStatus("conf/security/admin.jks", List.of("ADMIN_CONSOLE"), Optional.empty())),
                Optional.of(Instant.parse("2025-06-30T00:00:00Z")),
                Optional.of(new LastAttempt(Outcome.RENEWED, Instant.parse("2025-05-01T03:00:00Z"), "scheduler",
                        Optional.empty())),
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
        assertEquals(List.of("Identity store", "Used for", "Names", "Issuer", "Key", "Expires", "Days left",
                "Names not covered"), reportedLabels(reply));
        assertEquals(List.of(
                        Map.of("store", "conf/security/keystore.jks", "used-for", "SOCKET_C2S, SOCKET_S2S",
                                "certificate-names", "example.org", "issuer", "CN=R11, O=Let's Encrypt", "key", "EC P-256",
                                "expires", "2025-07-30 00:00 UTC", "days-left", "58", "missing", "conference.example.org"),
                        Map.of("store", "conf/security/admin.jks", "used-for", "ADMIN_CONSOLE",
                                "certificate-names", "no certificate for the XMPP domain")),
                rows(reply));
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
                        "admin", Optional.empty())),
                List.of(CallToAction.lastAttemptFailed(Optional.empty()), CallToAction.agreeToTerms())));

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
        CertificateFacts renewed = new CertificateFacts("0a1b", "CN=R11", Instant.parse("2025-05-01T00:00:00Z"),
                Instant.parse("2025-07-30T00:00:00Z"), "-----BEGIN CERTIFICATE-----");
        when(server.service.history(HistoryCommand.ENTRIES)).thenReturn(List.of(
                new CertificateEvent(Instant.parse("2025-05-01T03:00:00Z"), CertificateEventType.RENEWED, "scheduler",
                        List.of("example.org", "upload.example.org"), renewed, null),
                new CertificateEvent(Instant.parse("2025-04-30T03:00:00Z"), CertificateEventType.FAILED, "admin",
                        List.of("example.org"), null, "rateLimited: too many certificates")));

        CommandReply reply = server.start(ADMIN, "history");

        assertEquals("completed", reply.status());
        assertEquals("Certificate history (latest 20)", reply.requireForm().getTitle());
        assertEquals(List.of("When", "Event", "By", "Names", "Serial number", "Detail"), reportedLabels(reply));
        assertEquals(List.of(
                Map.of("when", "2025-05-01 03:00 UTC", "event", "Renewed", "by", "scheduler",
                        "names", "example.org, upload.example.org", "serial", "0a1b", "detail", ""),
                Map.of("when", "2025-04-30 03:00 UTC", "event", "Failed", "by", "admin", "names", "example.org",
                        "serial", "", "detail", "rateLimited: too many certificates")), rows(reply));
        assertEquals("history shown: 2 entries", server.audit.get(0).details());
    }

    @Test
    void anEmptyHistoryIsANoteNotAnEmptyTable() {
        server.admins.add("admin@example.org");
        when(server.service.history(HistoryCommand.ENTRIES)).thenReturn(List.of());

        CommandReply reply = server.start(ADMIN, "history");

        assertEquals(Optional.empty(), reply.form());
        assertEquals(List.of("No certificate has been issued, renewed or revoked yet."), reply.notes("info"));
    }

    static List<String> reportedLabels(CommandReply reply) {
        Element reported = reply.requireForm().getElement().element("reported");
        return reported.elements("field").stream().map(field -> field.attributeValue("label")).toList();
    }

    static List<Map<String, String>> rows(CommandReply reply) {
        return reply.requireForm().getElement().elements("item").stream()
                .map(item -> item.elements("field").stream().collect(Collectors.toMap(
                        field -> field.attributeValue("var"), field -> field.elementText("value"))))
                .toList();
    }
}
