package org.xmppcert.openfire.adhoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;
import org.xmppcert.core.acme.ChallengeType;
import org.xmppcert.core.acme.IssuanceProblem;
import org.xmppcert.core.challenge.TxtRecord;
import org.xmppcert.core.keys.KeyPolicy;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.openfire.service.CaPreset;
import org.xmppcert.openfire.service.CertificateSettings;
import org.xmppcert.openfire.service.ClassicRequestView;
import org.xmppcert.openfire.service.OrderProgress;
import org.xmppcert.openfire.service.Refusal;
import org.xmppcert.openfire.service.Sentence;

/**
 * Request or renew: the CA, then its options, then the request runs in the background and its
 * outcome comes by message to the client that asked.
 */
class RequestCommandTest {

    private static final JID ADMIN = CommandHarness.jid("admin@example.org/Gajim");
    private static final TxtRecord RECORD = new TxtRecord("example.org", "LPsIwTo7o8BoG0-vjCyGQGBWSVIPxI-i_X336eUOQZo");

    private final CommandHarness server = new CommandHarness();

    @BeforeEach
    void anAdminWithLetsEncrypt() {
        server.admins.add("admin@example.org");
        when(server.service.settings()).thenReturn(Fixtures.settings(CaPreset.LETS_ENCRYPT));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theFirstFormChoosesTheCaStartingAtTheSavedOne() {
        CommandReply first = server.start(ADMIN, "request");

        assertEquals("executing", first.status());
        assertEquals(List.of("next", "complete"), first.actions());
        assertEquals("next", first.executeAction());
        DataForm form = first.requireForm();
        assertEquals(DataForm.Type.form, form.getType());
        assertEquals("Request a certificate", form.getTitle());
        assertEquals(List.of("Choose the certificate authority. The next page holds its options; finish now (Complete"
                + " or Finish, as your client calls it) to request with the saved settings."), form.getInstructions());
        assertEquals(CommandHarness.node("request"), first.field("FORM_TYPE").getFirstValue());
        FormField ca = first.field("ca");
        assertEquals(FormField.Type.list_single, ca.getType());
        assertTrue(ca.isRequired());
        assertEquals("LETS_ENCRYPT", ca.getFirstValue());
        assertEquals(8, ca.getOptions().size());
        assertEquals("Let's Encrypt", ca.getOptions().get(0).getLabel());
        FormField directory = first.field("customDirectory");
        assertEquals(FormField.Type.text_single, directory.getType());
        assertFalse(directory.isRequired());
    }

    @Test
    void aCaWithExternalAccountBindingAsksForItsKeysAndPrevGoesBack() {
        CommandReply first = server.start(ADMIN, "request");
        CommandReply options = server.send(ADMIN, first, "next", Map.of("ca", List.of("ZEROSSL"),
                "customDirectory", List.of("")));

        assertEquals("executing", options.status());
        assertEquals(List.of("prev", "complete"), options.actions());
        assertEquals("complete", options.executeAction());
        assertEquals(List.of("Options for ZeroSSL. The certificate covers the server's names as the console's name"
                + " settings select them."), options.requireForm().getInstructions());
        assertField(options, "contactEmail", FormField.Type.text_single, true, "hostmaster@example.org");
        assertField(options, "termsAgreed", FormField.Type.boolean_type, true, "1");
        assertField(options, "eabKeyId", FormField.Type.text_single, true, null);
        assertField(options, "eabHmacKey", FormField.Type.text_private, true, null);
        assertField(options, "keyType", FormField.Type.list_single, true, "EC_P256");
        assertField(options, "keepCurrentKey", FormField.Type.boolean_type, false, "0");
        assertField(options, "challengeType", FormField.Type.list_single, true, "http-01");
        assertEquals(List.of("http-01", "dns-01"),
                options.field("challengeType").getOptions().stream().map(FormField.Option::getValue).toList());
        assertField(options, "xmppIdentities", FormField.Type.boolean_type, false, "0");
        assertField(options, "automatic", FormField.Type.boolean_type, false, "1");

        CommandReply back = server.send(ADMIN, options, "prev", null);
        assertEquals(List.of("next", "complete"), back.actions());
        assertEquals("ca", back.requireForm().getFields().get(1).getVariable());
        assertEquals("ZEROSSL", back.field("ca").getFirstValue(), "the CA chosen before going back stays chosen");
    }

    @Test
    void aSavedEabKeyIsNeverSentBackAndNeedNotBeRetyped() {
        when(server.service.hasSecret("eabHmacKey")).thenReturn(true);
        CommandReply first = server.start(ADMIN, "request");

        CommandReply options = server.send(ADMIN, first, "next", Map.of("ca", List.of("ZEROSSL")));

        FormField key = options.field("eabHmacKey");
        assertFalse(key.isRequired());
        assertEquals(List.of(), key.getValues());
        assertEquals(List.of("Options for ZeroSSL. The certificate covers the server's names as the console's name"
                        + " settings select them. An HMAC key for External Account Binding is saved; leave its field"
                        + " empty to keep it."), options.requireForm().getInstructions(),
                "said where every client shows it, not only in a tooltip");
    }

    @Test
    void completingSavesTheChangedSettingsStartsTheRequestAndAnswersAtOnce() {
        when(server.service.saveSettings(any(), any(), anyString())).thenReturn(Map.of());
        when(server.service.requestCertificate("admin")).thenReturn("order-7");
        CommandReply first = server.start(ADMIN, "request");
        CommandReply options = server.send(ADMIN, first, "next", Map.of("ca", List.of("ZEROSSL"),
                "customDirectory", List.of("")));

        CommandReply done = server.send(ADMIN, options, null, Map.of(
                "contactEmail", List.of("pki@example.org"), "termsAgreed", List.of("true"),
                "eabKeyId", List.of("kid-1"), "eabHmacKey", List.of("c2VjcmV0LWhtYWMta2V5"),
                "keyType", List.of("RSA_3072"), "keepCurrentKey", List.of("1"), "challengeType", List.of("dns-01"),
                "xmppIdentities", List.of("0"), "automatic", List.of("1")));

        assertEquals("completed", done.status());
        assertEquals(List.of("Certificate request order-7 has started. You will get a message when it finishes, or"
                + " when it needs DNS records from you."), done.notes("info"));
        ArgumentCaptor<CertificateSettings> saved = ArgumentCaptor.forClass(CertificateSettings.class);
        ArgumentCaptor<CertificateSettings.SecretChange> secrets =
                ArgumentCaptor.forClass(CertificateSettings.SecretChange.class);
        verify(server.service).saveSettings(saved.capture(), secrets.capture(), org.mockito.ArgumentMatchers.eq("admin"));
        CertificateSettings expected = Fixtures.settings(CaPreset.ZEROSSL);
        assertEquals(new CertificateSettings(CaPreset.ZEROSSL, Optional.empty(), Optional.empty(), "pki@example.org",
                true, Optional.of("kid-1"), new KeyPolicy(KeyType.RSA_3072, true), ChallengeType.DNS_01,
                Optional.empty(), expected.namePolicy(), false, true, expected.checkInterval(), expected.warningDays(),
                expected.notifyByXmpp(), expected.notifyByEmail(), expected.maintenanceTime()), saved.getValue());
        assertEquals(new CertificateSettings.SecretChange(Optional.of("c2VjcmV0LWhtYWMta2V5"), Optional.empty()),
                secrets.getValue());
        verify(server.service).requestCertificate("admin");
        assertEquals(0, server.driver.openSessions());
        assertEquals("certificate request order-7 started with changed settings", server.audit.get(0).details());
        assertFalse(server.audit.toString().contains("c2VjcmV0"), "the EAB key reached the audit log");
    }

    @Test
    void completeOnTheFirstFormRenewsWithTheSavedSettingsUntouched() {
        when(server.service.requestCertificate("admin")).thenReturn("order-8");
        CommandReply first = server.start(ADMIN, "request");

        CommandReply done = server.send(ADMIN, first, "complete", Map.of("ca", List.of("LETS_ENCRYPT"),
                "customDirectory", List.of("")));

        assertEquals("completed", done.status());
        verify(server.service, never()).saveSettings(any(), any(), anyString());
        verify(server.service).requestCertificate("admin");
        assertEquals("certificate request order-8 started", server.audit.get(0).details());
    }

    @Test
    void settingsTheServiceRefusesAreListedAndNothingIsRequested() {
        when(server.service.saveSettings(any(), any(), anyString()))
                .thenReturn(Map.of("customDirectory", Sentence.of("settings.error.customDirectory")));
        CommandReply first = server.start(ADMIN, "request");
        CommandReply options = server.send(ADMIN, first, "next", Map.of("ca", List.of("CUSTOM"),
                "customDirectory", List.of("https://ca.example.net/acme")));

        CommandReply done = server.send(ADMIN, options, "complete", Map.of());

        assertEquals(List.of("The settings were not saved and nothing was requested:\n"
                + "ACME directory URL: Enter the https:// URL of the CA's ACME directory."), done.notes("error"));
        verify(server.service, never()).requestCertificate(anyString());
        ArgumentCaptor<CertificateSettings> saved = ArgumentCaptor.forClass(CertificateSettings.class);
        verify(server.service).saveSettings(saved.capture(), any(), anyString());
        assertEquals(Optional.of(URI.create("https://ca.example.net/acme")), saved.getValue().customDirectory());
    }

    @Test
    void aRefusalByTheServiceIsShownWithItsReason() {
        when(server.service.requestCertificate("admin"))
                .thenThrow(new Refusal(Sentence.of("refused.terms-not-agreed")));
        CommandReply first = server.start(ADMIN, "request");

        CommandReply done = server.send(ADMIN, first, "complete", Map.of("ca", List.of("LETS_ENCRYPT")));

        assertEquals(List.of("Nothing was requested: Agree to the CA's terms of service in the settings first."),
                done.notes("error"));
        assertEquals("nothing requested: Agree to the CA's terms of service in the settings first.",
                server.audit.get(0).details());
    }

    @Test
    void aValueTheFormDidNotOfferIsRefused() {
        CommandReply first = server.start(ADMIN, "request");

        CommandReply done = server.send(ADMIN, first, "complete", Map.of("ca", List.of("MY_OWN_CA")));

        assertEquals(List.of("Not a valid choice: Certificate authority. Nothing was requested."), done.notes("error"));
        verify(server.service, never()).requestCertificate(anyString());
    }

    @Test
    void aCaWithoutAcmeGetsTheCsrToPasteIntoItsOrderForm() {
        when(server.service.settings()).thenReturn(Fixtures.settings(CaPreset.CLASSIC));
        when(server.service.startClassicRequest("admin")).thenReturn(new ClassicRequestView("csr-1",
                List.of("example.org", "conference.example.org"),
                "-----BEGIN CERTIFICATE REQUEST-----\nMIIBVTCB\n-----END CERTIFICATE REQUEST-----\n",
                List.of("admin@example.org", "hostmaster@example.org"), Instant.parse("2025-06-01T12:00:00Z")));
        CommandReply first = server.start(ADMIN, "request");
        CommandReply options = server.send(ADMIN, first, "next", Map.of("ca", List.of("CLASSIC")));
        assertEquals(List.of("FORM_TYPE", "keyType", "xmppIdentities"),
                options.requireForm().getFields().stream().map(FormField::getVariable).toList());

        CommandReply done = server.send(ADMIN, options, "complete", Map.of("keyType", List.of("RSA_2048"),
                "xmppIdentities", List.of("1")));

        assertEquals(DataForm.Type.result, done.requireForm().getType());
        assertEquals(List.of("-----BEGIN CERTIFICATE REQUEST-----", "MIIBVTCB", "-----END CERTIFICATE REQUEST-----"),
                done.field("csr").getValues());
        assertEquals(List.of("admin@example.org", "hostmaster@example.org"), done.field("mailboxes").getValues());
        assertTrue(done.requireForm().getInstructions().get(0).endsWith(
                "hand it in with the command \"Hand in the CA's certificate\"."));
        verify(server.service, never()).requestCertificate(anyString());
    }

    @Test
    void aCaWithoutAcmeOffersTheSavedCsrOnceACertificateIsInstalled() {
        ClassicRequestView saved = new ClassicRequestView("csr-1", List.of("example.org"),
                "-----BEGIN CERTIFICATE REQUEST-----\nMIIBVTCB\n-----END CERTIFICATE REQUEST-----\n",
                List.of("hostmaster@example.org"), Instant.parse("2025-06-01T12:00:00Z"));
        when(server.service.settings()).thenReturn(Fixtures.settings(CaPreset.CLASSIC));
        when(server.service.renewableClassicRequest()).thenReturn(Optional.of(saved));
        when(server.service.renewClassicRequest("admin")).thenReturn(new ClassicRequestView("csr-2", saved.names(),
                saved.csrPem(), saved.verificationMailboxes(), Instant.parse("2026-05-01T12:00:00Z")));
        CommandReply first = server.start(ADMIN, "request");
        CommandReply options = server.send(ADMIN, first, "next", Map.of("ca", List.of("CLASSIC")));
        FormField reuse = options.field("reuseCsr");
        assertEquals(FormField.Type.boolean_type, reuse.getType());
        assertEquals("Request again with the saved CSR", reuse.getLabel());

        CommandReply done = server.send(ADMIN, options, "complete", Map.of("reuseCsr", List.of("1")));

        assertEquals(List.of("-----BEGIN CERTIFICATE REQUEST-----", "MIIBVTCB", "-----END CERTIFICATE REQUEST-----"),
                done.field("csr").getValues());
        assertEquals("classic request csr-2 started for [example.org] with the saved CSR",
                server.audit.get(0).details());
        verify(server.service, never()).startClassicRequest(anyString());
    }

    @Test
    void theRequesterIsToldTheDnsRecordsOnceAndTheOutcomeOnce() {
        when(server.service.requestCertificate("admin")).thenReturn("order-9");
        CommandReply first = server.start(ADMIN, "request");
        server.send(ADMIN, first, "complete", Map.of("ca", List.of("LETS_ENCRYPT")));

        when(server.service.progress("order-9")).thenReturn(Optional.of(
                Fixtures.order("order-9", OrderProgress.Phase.ORDERING, List.of())));
        server.watcher.checkAll();
        assertEquals(List.of(), server.messagesSent(), "nothing to tell while ordering");

        when(server.service.progress("order-9")).thenReturn(Optional.of(
                Fixtures.order("order-9", OrderProgress.Phase.AWAITING_DNS_RECORDS, List.of(RECORD))));
        server.watcher.checkAll();
        server.watcher.checkAll();
        when(server.service.progress("order-9")).thenReturn(Optional.of(Fixtures.done("order-9")));
        server.watcher.checkAll();
        server.watcher.checkAll();

        List<Message> sent = server.messagesSent();
        assertEquals(2, sent.size());
        assertEquals("Certificate request order-9 waits for these DNS TXT records:\n"
                + "_acme-challenge.example.org. IN TXT \"LPsIwTo7o8BoG0-vjCyGQGBWSVIPxI-i_X336eUOQZo\"\n"
                + "Create them, then run the command \"Confirm DNS records are in place\".", sent.get(0).getBody());
        assertEquals("Certificate request order-9 is done. Installed the certificate (SHA-256 AB:CD) in 1 identity"
                + " store(s); 2 listener(s) present it. The keystore files are written.", sent.get(1).getBody());
        assertEquals("admin@example.org/Gajim", sent.get(1).getTo().toString());
        assertEquals("example.org", sent.get(1).getFrom().toString());
    }

    @Test
    void aFailureIsReportedWithTheCasReason() {
        when(server.service.requestCertificate("admin")).thenReturn("order-10");
        server.send(ADMIN, server.start(ADMIN, "request"), "complete", Map.of("ca", List.of("LETS_ENCRYPT")));
        when(server.service.progress("order-10")).thenReturn(Optional.of(Fixtures.failed("order-10",
                Fixtures.refusedByTheCa(IssuanceProblem.CONNECTION, "example.org",
                        "urn:ietf:params:acme:error:connection: 192.0.2.7: Connection refused"))));

        server.watcher.checkAll();

        assertEquals(List.of("Certificate request order-10 failed: The CA could not connect to example.org to validate"
                + " it. Check that port 80 (http-01) is open to the internet and forwarded to this server. Detail:"
                + " urn:ietf:params:acme:error:connection: 192.0.2.7: Connection refused"),
                server.messagesSent().stream().map(Message::getBody).toList());
    }

    @Test
    void cancellingEndsTheSessionWithoutTouchingSettingsOrRequests() {
        CommandReply first = server.start(ADMIN, "request");
        CommandReply options = server.send(ADMIN, first, "next", Map.of("ca", List.of("ZEROSSL")));

        CommandReply cancelled = server.send(ADMIN, options, "cancel", null);

        // Openfire answers cancel with bad-request, as cancel is never among a stage's actions.
        assertEquals(PacketError.Condition.bad_request, cancelled.error());
        assertEquals(0, server.driver.openSessions());
        CommandReply afterwards = server.send(ADMIN, options, "complete", Map.of());
        assertEquals(PacketError.Condition.bad_request, afterwards.error(), "the session is gone");
        verify(server.service, never()).saveSettings(any(), any(), anyString());
        verify(server.service, never()).requestCertificate(anyString());
        assertEquals(List.of(), server.audit, "nothing was executed");
    }

    private static void assertField(CommandReply reply, String variable, FormField.Type type, boolean required,
                                    String value) {
        FormField field = reply.field(variable);
        assertEquals(type, field.getType(), variable);
        assertEquals(required, field.isRequired(), variable);
        assertEquals(value, field.getFirstValue(), variable);
        assertFalse(field.getLabel() == null || field.getLabel().isBlank(), variable + " has no label");
    }
}
