package org.xmppcert.openfire.adhoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmppcert.core.acme.IssuanceProblem;
import org.xmppcert.openfire.service.CaPreset;
import org.xmppcert.openfire.service.CertificateStatus;
import org.xmppcert.openfire.service.ClassicRequestView;
import org.xmppcert.openfire.service.FailureReport;
import org.xmppcert.openfire.service.Refusal;
import org.xmppcert.openfire.service.Sentence;
import org.xmppcert.testing.PluginTexts;

/** Each admin reads the commands in the language of their client session, where the plugin has a bundle. */
class CommandLanguagesTest {

    private static final JID GERMAN_ADMIN = CommandHarness.jid("chef@example.org/Conversations.Qa7x");
    private static final JID FRENCH_ADMIN = CommandHarness.jid("patronne@example.org/Gajim");
    private static final JID SPANISH_ADMIN = CommandHarness.jid("jefe@example.org/Psi+");
    /** A single apostrophe quotes in MessageFormat and disappears from the text. */
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    private final CommandHarness server = new CommandHarness();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aGermanClientGetsGermanFormsNotesAndMessages() {
        server.admins.add("chef@example.org");
        server.sessionLanguages.put(GERMAN_ADMIN, Locale.GERMAN);
        when(server.service.status()).thenReturn(new CertificateStatus("example.org", List.of("example.org"), List.of(),
                Optional.empty(), Optional.of(new CertificateStatus.LastAttempt(
                        CertificateStatus.LastAttempt.Outcome.FAILED, Instant.parse("2025-05-02T10:15:00Z"),
                        "scheduler", FailureReport.cancelled().sentences())),
                List.of(CertificateStatus.CallToAction.noCaSignedCertificate("example.org"),
                        CertificateStatus.CallToAction.lastAttemptFailed(FailureReport.cancelled().sentences()))));

        CommandReply status = server.start(GERMAN_ADMIN, "status");
        assertEquals("Zertifikatsstatus", status.requireForm().getTitle());
        assertEquals("Nächste Erneuerung", status.field("next-renewal").getLabel());
        assertEquals("keine", status.field("next-renewal").getFirstValue());
        assertEquals(List.of("Für example.org gibt es noch kein von einer Zertifizierungsstelle signiertes Zertifikat:"
                        + " Fordern Sie eines an, damit Clients und Server diesem Server vertrauen können.",
                "Der letzte Versuch ist fehlgeschlagen: Die Anforderung wurde abgebrochen."),
                status.field("actions").getValues());
        assertEquals("Fehlgeschlagen 2025-05-02 10:15 UTC, gestartet von der automatischen Erneuerung:"
                + " Die Anforderung wurde abgebrochen.", status.field("last-attempt").getFirstValue());

        when(server.service.settings()).thenReturn(Fixtures.settings(CaPreset.LETS_ENCRYPT));
        when(server.service.requestCertificate("chef")).thenReturn("order-3");
        CommandReply request = server.start(GERMAN_ADMIN, "request");
        assertEquals("Zertifizierungsstelle", request.field("ca").getLabel());
        assertEquals("Andere ACME-CA (URL unten)", request.field("ca").getOptions().get(6).getLabel());
        CommandReply started = server.send(GERMAN_ADMIN, request, "complete", Map.of("ca", List.of("LETS_ENCRYPT")));
        assertEquals(List.of("Die Zertifikatsanforderung order-3 läuft. Sie erhalten eine Nachricht, wenn sie"
                + " abgeschlossen ist oder DNS-Einträge von Ihnen braucht."), started.notes("info"));

        when(server.service.progress("order-3")).thenReturn(Optional.of(Fixtures.failed("order-3",
                Fixtures.refusedByTheCa(IssuanceProblem.REJECTED_IDENTIFIER, "example.org",
                        "urn:ietf:params:acme:error:rejectedIdentifier: Policy forbids issuing for name"))));
        server.watcher.checkAll();
        assertEquals(List.of("Die Zertifikatsanforderung order-3 ist fehlgeschlagen: Die CA stellt für example.org kein"
                        + " Zertifikat aus: Ihre Richtlinien verbieten es. Entfernen Sie den Namen aus der Anforderung oder"
                        + " wählen Sie eine andere CA. Einzelheiten: urn:ietf:params:acme:error:rejectedIdentifier: Policy"
                        + " forbids issuing for name"),
                server.messagesSent().stream().map(Message::getBody).toList(), "the CA's own words stay as it said them");

        when(server.service.requestCertificate("chef")).thenReturn("order-4");
        server.send(GERMAN_ADMIN, server.start(GERMAN_ADMIN, "request"), "complete", Map.of("ca", List.of("LETS_ENCRYPT")));
        when(server.service.progress("order-4")).thenReturn(Optional.of(Fixtures.done("order-4")));
        server.watcher.checkAll();
        assertEquals("Die Zertifikatsanforderung order-4 ist abgeschlossen. Das Zertifikat (SHA-256 AB:CD) ist in 1"
                + " Identitätsspeicher(n) installiert; 2 Listener präsentieren es. Die Keystore-Dateien sind geschrieben.",
                server.messagesSent().get(1).getBody());
    }

    @Test
    void aFrenchClientReadsInFrenchWhyARequestEndedAndWhyACertificateWasRefused() {
        server.admins.add("patronne@example.org");
        server.sessionLanguages.put(FRENCH_ADMIN, Locale.FRENCH);
        when(server.service.settings()).thenReturn(Fixtures.settings(CaPreset.LETS_ENCRYPT));
        when(server.service.requestCertificate("patronne")).thenReturn("order-5", "order-6");
        server.send(FRENCH_ADMIN, server.start(FRENCH_ADMIN, "request"), "complete", Map.of("ca", List.of("LETS_ENCRYPT")));
        server.send(FRENCH_ADMIN, server.start(FRENCH_ADMIN, "request"), "complete", Map.of("ca", List.of("LETS_ENCRYPT")));
        when(server.service.progress("order-5")).thenReturn(Optional.of(Fixtures.failed("order-5",
                FailureReport.cancelled())));
        when(server.service.progress("order-6")).thenReturn(Optional.of(Fixtures.failed("order-6",
                new FailureReport(FailureReport.Kind.ISSUANCE, Optional.of(IssuanceProblem.UNAUTHORIZED),
                        List.of("upload.example.org"), Optional.of("urn:ietf:params:acme:error:unauthorized: 404"),
                        Optional.of(Instant.parse("2025-06-01T12:00:00Z"))))));

        server.watcher.checkAll();

        List<String> sent = server.messagesSent().stream().map(Message::getBody).sorted().toList();
        assertEquals("La demande de certificat order-5 a échoué : La demande a été annulée.", sent.get(0));
        assertTrue(sent.get(1).startsWith("La demande de certificat order-6 a échoué : L’AC n’a pas admis que ce serveur"
                + " contrôle upload.example.org. Vérifiez que le nom pointe vers ce serveur (http-01) ou que"
                + " l’enregistrement TXT est correct (dns-01). Réessayez à partir du "), sent.get(1));
        assertTrue(sent.get(1).endsWith(". Détail : urn:ietf:params:acme:error:unauthorized: 404"), sent.get(1));
        assertTrue(sent.get(1).contains("1 juin 2025"), "a French date: " + sent.get(1));

        when(server.service.pendingClassicRequests()).thenReturn(List.of(new ClassicRequestView("req-1",
                List.of("example.org", "conference.example.org"), "csr", List.of("hostmaster@example.org"),
                Instant.parse("2025-05-20T09:30:00Z"))));
        when(server.service.acceptClassicCertificate(eq("req-1"), any(), any(), eq("patronne"))).thenThrow(new Refusal(
                Sentence.of("classic.refused.MISSING_NAMES", "conference.example.org", "example.org")));
        CommandReply paste = server.send(FRENCH_ADMIN, server.start(FRENCH_ADMIN, "classic-answer"), "next",
                Map.of("request", List.of("req-1")));
        CommandReply refused = server.send(FRENCH_ADMIN, paste, "complete", Map.of("certificate",
                List.of("-----BEGIN CERTIFICATE-----", "MIIB", "-----END CERTIFICATE-----")));

        assertEquals(List.of("Le certificat n'a pas été installé et la demande reste en attente : Le certificat ne"
                + " couvre pas conference.example.org (il porte les noms example.org). Demandez à l’AC un certificat"
                + " avec tous les noms de la demande."), refused.notes("error"));
    }

    @Test
    void aFrenchClientGetsFrenchAndALanguageWithoutBundleTheServersEnglish() {
        server.admins.add("patronne@example.org");
        server.admins.add("jefe@example.org");
        server.sessionLanguages.put(FRENCH_ADMIN, Locale.FRENCH);
        server.sessionLanguages.put(SPANISH_ADMIN, new Locale("es"));
        when(server.service.history(HistoryCommand.ENTRIES)).thenReturn(List.of());

        assertEquals(List.of("Aucun certificat n'a encore été délivré, renouvelé ou révoqué."),
                server.start(FRENCH_ADMIN, "history").notes("info"));
        assertEquals(List.of("No certificate has been issued, renewed or revoked yet."),
                server.start(SPANISH_ADMIN, "history").notes("info"));
    }

    @Test
    void serviceDiscoveryShowsTheServersLanguage() {
        server.admins.add("chef@example.org");
        server.sessionLanguages.put(GERMAN_ADMIN, Locale.GERMAN);

        // Openfire lists each command under one label, set when the plugin loads.
        assertEquals("Certificate status", server.driver.discoverableCommands(GERMAN_ADMIN)
                .get(CommandHarness.node("status")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "fr"})
    void everyCommandTextIsTranslatedWithTheSamePlaceholders(String language) throws IOException {
        Properties english = bundleFile("");
        Properties translated = bundleFile("_" + language);
        List<String> missing = new ArrayList<>();
        for (String key : english.stringPropertyNames()) {
            if (!key.startsWith("adhoc.")) {
                continue;
            }
            if (!translated.containsKey(key)) {
                missing.add(key);
                continue;
            }
            assertEquals(placeholders(english.getProperty(key)), placeholders(translated.getProperty(key)), key);
        }
        assertEquals(List.of(), missing, "untranslated into " + language);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "_de", "_fr"})
    void noCommandTextLosesAnApostrophe(String suffix) throws IOException {
        Properties texts = bundleFile(suffix);
        for (String key : texts.stringPropertyNames()) {
            if (key.startsWith("adhoc.")) {
                assertFalse(LONE_APOSTROPHE.matcher(texts.getProperty(key)).find(), suffix + " " + key);
            }
        }
    }

    private static Properties bundleFile(String suffix) throws IOException {
        Properties texts = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("i18n", PluginTexts.BUNDLE + suffix + ".properties"),
                StandardCharsets.UTF_8)) {
            texts.load(reader);
        }
        return texts;
    }

    private static int placeholders(String pattern) {
        int formats = new MessageFormat(pattern).getFormatsByArgumentIndex().length;
        assertTrue(formats <= 4, pattern);
        return formats;
    }
}
