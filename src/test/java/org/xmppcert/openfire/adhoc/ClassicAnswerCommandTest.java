package org.xmppcert.openfire.adhoc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;
import org.xmppcert.openfire.install.InstallOutcome;
import org.xmppcert.openfire.service.ClassicInstallReport;
import org.xmppcert.openfire.service.ClassicRequestView;
import org.xmppcert.openfire.service.InstallReport;
import org.xmppcert.openfire.service.Refusal;
import org.xmppcert.openfire.service.Sentence;

/** A classic CA's answer: choose the pending request, paste what the CA sent. */
class ClassicAnswerCommandTest {

    private static final JID ADMIN = CommandHarness.jid("admin@example.org/Psi+");
    private static final List<String> PEM = List.of("-----BEGIN CERTIFICATE-----", "MIIB2jCCAX+gAwIBAgIUFq",
            "-----END CERTIFICATE-----");

    private final CommandHarness server = new CommandHarness();

    @BeforeEach
    void twoPendingRequests() {
        server.admins.add("admin@example.org");
        when(server.service.pendingClassicRequests()).thenReturn(List.of(
                new ClassicRequestView("req-1", List.of("example.org"), "csr", List.of("admin@example.org"),
                        Instant.parse("2025-05-20T09:30:00Z")),
                new ClassicRequestView("req-2", List.of("example.org", "conference.example.org"), "csr",
                        List.of("admin@example.org"), Instant.parse("2025-05-28T16:00:00Z"))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void requestsThatWouldReadAlikeAreNumberedWhereAClosedListStillShowsIt() {
        when(server.service.pendingClassicRequests()).thenReturn(List.of(
                new ClassicRequestView("req-1", List.of("example.org"), "csr", List.of("admin@example.org"),
                        Instant.parse("2025-05-20T09:30:10Z")),
                new ClassicRequestView("req-2", List.of("example.org"), "csr", List.of("admin@example.org"),
                        Instant.parse("2025-05-20T09:30:40Z"))));

        FormField request = server.start(ADMIN, "classic-answer").field("request");

        assertEquals(List.of("2025-05-20 09:30 UTC: example.org", "(2) 2025-05-20 09:30 UTC: example.org"),
                request.getOptions().stream().map(FormField.Option::getLabel).toList());
        assertEquals(List.of("req-1", "req-2"),
                request.getOptions().stream().map(FormField.Option::getValue).toList());
    }

    @Test
    void chooseTheRequestThenPasteTheCertificate() {
        CommandReply choose = server.start(ADMIN, "classic-answer");

        assertEquals(List.of("next"), choose.actions());
        FormField request = choose.field("request");
        assertEquals(FormField.Type.list_single, request.getType());
        assertTrue(request.isRequired());
        assertEquals(List.of("2025-05-20 09:30 UTC: example.org",
                        "2025-05-28 16:00 UTC: example.org, conference.example.org"),
                request.getOptions().stream().map(FormField.Option::getLabel).toList());

        CommandReply paste = server.send(ADMIN, choose, "next", Map.of("request", List.of("req-2")));

        assertEquals(List.of("prev", "complete"), paste.actions());
        assertEquals(List.of("For: example.org, conference.example.org"), paste.fixedTexts());
        assertEquals(FormField.Type.text_multi, paste.field("certificate").getType());
        assertTrue(paste.field("certificate").isRequired());
        assertEquals(FormField.Type.text_multi, paste.field("ca-certificates").getType());
        assertEquals(false, paste.field("ca-certificates").isRequired());

        when(server.service.acceptClassicCertificate(eq("req-2"), any(), any(), eq("admin")))
                .thenReturn(new ClassicInstallReport(new InstallReport(InstallOutcome.Status.INSTALLED,
                        Optional.of("AB:CD"), 1, 2, true, Optional.empty()), List.of()));
        CommandReply done = server.send(ADMIN, paste, "complete", Map.of("certificate", PEM,
                "ca-certificates", List.of()));

        assertEquals("completed", done.status());
        assertEquals(List.of("Installed the certificate (SHA-256 AB:CD) in 1 identity store(s); 2 listener(s) present"
                + " it. The keystore files are written."), done.notes("info"));
        ArgumentCaptor<byte[]> certificate = ArgumentCaptor.forClass(byte[].class);
        ArgumentCaptor<byte[]> caCertificates = ArgumentCaptor.forClass(byte[].class);
        verify(server.service).acceptClassicCertificate(eq("req-2"), certificate.capture(), caCertificates.capture(),
                eq("admin"));
        assertEquals(String.join("\n", PEM), new String(certificate.getValue(), StandardCharsets.US_ASCII));
        assertArrayEquals(new byte[0], caCertificates.getValue());
    }

    @Test
    void aCertificateThatDoesNotFitLeavesTheRequestPendingWithTheReason() {
        when(server.service.acceptClassicCertificate(eq("req-1"), any(), any(), anyString()))
                .thenThrow(new Refusal(Sentence.of("classic.refused.WRONG_KEY")));
        CommandReply paste = server.send(ADMIN, server.start(ADMIN, "classic-answer"), "next",
                Map.of("request", List.of("req-1")));

        CommandReply done = server.send(ADMIN, paste, "complete", Map.of("certificate", PEM));

        assertEquals(List.of("The certificate was not installed and the request stays pending: This certificate was"
                + " issued for a different key: it does not belong to this request."), done.notes("error"));
        assertEquals("certificate refused for request req-1: This certificate was issued for a different key: it does"
                + " not belong to this request.", server.audit.get(0).details());
    }

    @Test
    void cancellingAfterChoosingHandsInNothing() {
        CommandReply paste = server.send(ADMIN, server.start(ADMIN, "classic-answer"), "next",
                Map.of("request", List.of("req-1")));

        CommandReply cancelled = server.send(ADMIN, paste, "cancel", null);

        assertEquals(PacketError.Condition.bad_request, cancelled.error());
        assertEquals(0, server.driver.openSessions());
        verify(server.service, never()).acceptClassicCertificate(anyString(), any(), any(), anyString());
    }

    @Test
    void withoutPendingRequestsItSaysSo() {
        when(server.service.pendingClassicRequests()).thenReturn(List.of());

        CommandReply reply = server.start(ADMIN, "classic-answer");

        assertEquals("completed", reply.status());
        assertEquals(List.of("No request to a CA without ACME is pending."), reply.notes("info"));
    }
}
