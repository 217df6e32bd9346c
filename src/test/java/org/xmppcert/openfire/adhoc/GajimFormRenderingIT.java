package org.xmppcert.openfire.adhoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.dom4j.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmppcert.core.challenge.TxtRecord;
import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.history.CertificateFacts;
import org.xmppcert.openfire.service.Sentence;
import org.xmppcert.openfire.service.CaPreset;
import org.xmppcert.openfire.service.CertificateStatus;
import org.xmppcert.openfire.service.CertificateStatus.CallToAction;
import org.xmppcert.openfire.service.CertificateStatus.CertificateInUse;
import org.xmppcert.openfire.service.CertificateStatus.LastAttempt;
import org.xmppcert.openfire.service.CertificateStatus.StoreStatus;
import org.xmppcert.openfire.service.OrderProgress;
import org.xmppcert.testing.PluginTexts;
import org.xmppcert.testing.ScriptedCertificateService;
import org.xmppcert.testing.TestCertificateAuthority;

/**
 * Every form and result of every command, in English and German, as Gajim shows it: Gajim's own
 * command window ({@link GajimCommandWindow}) sends the requests, shows each reply, and the admin's
 * input is typed into its widgets and submitted with its buttons, so the commands also read what
 * Gajim really sends. Each reply is kept under {@code target/adhoc-forms/}, each screen under
 * {@code target/screenshots/gajim/}.
 *
 * <p>Every screen is checked for what an admin would notice: each field shown with its label and a
 * widget that fits its type, required fields marked, title and instructions shown, choices still
 * told apart where a closed list cuts them short, no sideways scrolling, nothing in English on a
 * German screen. Each reply also carries either a form or a single note, since Psi shows only the
 * last note of a reply and Cheogram only the first of its form and notes.
 */
class GajimFormRenderingIT {

    private static final JID ADMIN = CommandHarness.jid("admin@example.org/Gajim");
    private static final Path FORMS = Path.of("target", "adhoc-forms");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots", "gajim");
    /** Let's Encrypt writes serial numbers with 36 hex digits. */
    private static final CertificateFacts CURRENT = facts("04a1c0ffee5e7d1e2b9f0c3a8d6e4f1b2c3d",
            "2025-05-20T00:00:00Z", "2025-08-18T00:00:00Z");
    private static final CertificateFacts PREVIOUS = facts("03f7beef01a2b3c4d5e6f708192a3b4c5d6e",
            "2025-03-01T00:00:00Z", "2025-06-29T00:00:00Z");

    private static GajimCommandWindow gajim;
    private static Properties english;

    private final ScriptedCertificateService service = new ScriptedCertificateService();
    private final CommandHarness server = new CommandHarness(service);
    private String language;
    private String flow;

    @BeforeAll
    static void openGajim() throws IOException {
        gajim = GajimCommandWindow.open(SCREENSHOTS.resolve("gajim.log"));
        english = bundle("");
    }

    @AfterAll
    static void closeGajim() throws IOException {
        gajim.close();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void admin(String language, String flow) {
        this.language = language;
        this.flow = flow;
        server.admins.add(ADMIN.toBareJID());
        server.sessionLanguages.put(ADMIN, Locale.forLanguageTag(language));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void status(String language) throws IOException {
        admin(language, "status");
        service.setStatus(new CertificateStatus("example.org", List.of("example.org", "conference.example.org",
                "upload.example.org"),
                List.of(new StoreStatus("conf/security/keystore.jks", List.of("SOCKET_C2S", "SOCKET_S2S"),
                                Optional.of(new CertificateInUse(CURRENT.serialNumber(), List.of("example.org"),
                                        "CN=R11, O=Let's Encrypt, C=US", "EC P-256", CURRENT.notBefore(),
                                        CURRENT.notAfter(), 78, false, List.of("conference.example.org")))),
                        new StoreStatus("conf/security/admin.jks", List.of("WEBADMIN"), Optional.empty())),
                Optional.of(Instant.parse("2025-07-19T03:00:00Z")),
                Optional.of(new LastAttempt(LastAttempt.Outcome.FAILED, Instant.parse("2025-05-31T03:00:00Z"),
                        CertificateEvent.SCHEDULER, List.of(Sentence.of("failure.recorded",
                                "conference.example.org: DNS problem: NXDOMAIN")))),
                List.of(CallToAction.namesNotCovered(List.of("conference.example.org")),
                        CallToAction.lastAttemptFailed(List.of(Sentence.of("failure.recorded",
                                "conference.example.org: DNS problem: NXDOMAIN"))))));

        GajimCommandWindow.Shown shown = show(execute("status"), "result");

        assertEquals("completed", shown.page());
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void history(String language) throws IOException {
        admin(language, "history");
        GajimCommandWindow.Shown empty = show(execute("history"), "empty");
        assertEquals(List.of(text("adhoc.history.empty")), empty.notes());

        service.addHistory(event(CertificateEventType.ISSUED, PREVIOUS, "2025-03-01T03:00:00Z", "admin", null));
        service.addHistory(new CertificateEvent(Instant.parse("2025-05-19T03:00:00Z"), CertificateEventType.FAILED,
                CertificateEvent.SCHEDULER, List.of("example.org", "conference.example.org"), null,
                "conference.example.org: DNS problem: NXDOMAIN looking up A for conference.example.org"));
        service.addHistory(event(CertificateEventType.RENEWED, CURRENT, "2025-05-20T03:00:00Z",
                CertificateEvent.SCHEDULER, null));
        service.addHistory(event(CertificateEventType.REVOKED, PREVIOUS, "2025-05-21T09:12:00Z", "admin",
                "superseded"));

        GajimCommandWindow.Shown shown = show(execute("history"), "result");

        assertEquals("completed", shown.page());
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void requestFromACaWithExternalAccountBinding(String language) throws IOException {
        admin(language, "request-eab");

        GajimCommandWindow.Shown chooseCa = show(execute("request"), "ca",
                Map.of("ca", List.of("ZEROSSL")), "next");
        assertEquals(List.of("next", "complete", "cancel"), chooseCa.buttons());
        Element caList = chooseCa.fields().get(0);
        assertEquals(caList.elements("option").stream().map(Element::getText).toList(), visibleOptions(caList),
                "every certificate authority is named in full in the closed list");
        GajimCommandWindow.Shown firstLook = show(submit(chooseCa), "options", Map.of(), "prev");
        GajimCommandWindow.Shown back = show(submit(firstLook), "ca-again", Map.of(), "next");
        assertEquals(text("adhoc.request.ca.ZEROSSL"), back.fields().get(0).attributeValue("selected"),
                "back on the first form, the CA the admin chose stays chosen");
        GajimCommandWindow.Shown options = show(submit(back), "options-again",
                Map.of("contactEmail", List.of("hostmaster@example.org"), "termsAgreed", List.of("1"),
                        "eabKeyId", List.of("kid-7f3a"), "eabHmacKey", List.of("c2VjcmV0LWhtYWMta2V5")), "complete");
        assertEquals(List.of("complete (insensitive)", "prev", "cancel"), options.buttons(),
                "empty required fields keep Complete from being clicked");
        GajimCommandWindow.Shown started = show(submit(options), "started");

        assertEquals(List.of(text("adhoc.request.started", service.lastTicket())), started.notes());
        assertEquals(CaPreset.ZEROSSL, service.settings().ca());
        assertEquals("hostmaster@example.org", service.settings().contactEmail());
        assertTrue(service.settings().termsAgreed());
        assertTrue(service.hasSecret("eabHmacKey"));
        assertTrue(service.calls.contains("requestCertificate admin"), service.calls.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void requestFromAClassicCaThenHandInItsCertificate(String language) throws Exception {
        admin(language, "classic");
        GajimCommandWindow.Shown chooseCa = show(execute("request"), "1-ca", Map.of("ca", List.of("CLASSIC")), "next");
        GajimCommandWindow.Shown options = show(submit(chooseCa), "2-options", Map.of(), "complete");
        GajimCommandWindow.Shown csr = show(submit(options), "3-csr");
        assertEquals("completed", csr.page());
        // A second pending request, so that the admin has to choose.
        service.startClassicRequest("admin");

        GajimCommandWindow.Shown chooseRequest = show(execute("classic-answer"), "4-choose",
                Map.of("request", List.of("classic-1")), "next");
        TestCertificateAuthority ca = TestCertificateAuthority.create("Classic Test CA", Instant.now());
        String certificate = TestCertificateAuthority.pem(ca.issueWithNewKey("example.org").leaf());
        GajimCommandWindow.Shown paste = show(submit(chooseRequest), "5-paste",
                Map.of("certificate", List.of(certificate.strip())), "complete");
        GajimCommandWindow.Shown installed = show(submit(paste), "6-installed");

        assertEquals(List.of(text("install.INSTALLED.written", "AB:CD", 1, 4)), installed.notes());
        assertTrue(service.calls.contains("acceptClassicCertificate admin classic-1"), service.calls.toString());

        GajimCommandWindow.Shown renewOptions = show(submit(show(execute("request"), "7-ca",
                Map.of("ca", List.of("CLASSIC")), "next")), "8-renew", Map.of("reuseCsr", List.of("1")), "complete");
        show(submit(renewOptions), "9-csr-again");
        assertTrue(service.calls.contains("renewClassicRequest admin"), service.calls.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void confirmDnsRecords(String language) throws IOException {
        admin(language, "confirm-dns");
        show(execute("confirm-dns"), "nothing");

        service.setSettings(Fixtures.settings(CaPreset.LETS_ENCRYPT));
        String ticket = service.requestCertificate("admin");
        service.advance(ticket, OrderProgress.Phase.AWAITING_DNS_RECORDS, List.of(
                        new OrderProgress.NameProgress("example.org", OrderProgress.NameState.PENDING, Optional.empty()),
                        new OrderProgress.NameProgress("conference.example.org", OrderProgress.NameState.PENDING,
                                Optional.empty())),
                List.of(new TxtRecord("example.org", "gfj9Xq-Ky3mq1Vd2Dh4E-hW8gYpJxNqvZ6pTb5KzCw0"),
                        new TxtRecord("conference.example.org", "Q2pXn8wR7sT4uV1yZ0aB3cD6eF9gH2iJ5kL8mN1oP4q")),
                null, null);

        GajimCommandWindow.Shown records = show(execute("confirm-dns"), "records",
                Map.of("confirmed", List.of("1")), "complete");
        GajimCommandWindow.Shown confirmed = show(submit(records), "confirmed");

        assertEquals(List.of(text("adhoc.confirm-dns.done")), confirmed.notes());
        assertTrue(service.calls.contains("confirmDnsRecords admin " + ticket), service.calls.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void revokeTheCertificateInUse(String language) throws IOException {
        admin(language, "revoke");
        show(execute("revoke"), "nothing");

        service.addHistory(event(CertificateEventType.ISSUED, PREVIOUS, "2025-03-01T03:00:00Z", "admin", null));
        service.addHistory(event(CertificateEventType.RENEWED, CURRENT, "2025-05-20T03:00:00Z",
                CertificateEvent.SCHEDULER, null));
        service.setStatus(new CertificateStatus("example.org", List.of("example.org", "conference.example.org"),
                List.of(new StoreStatus("conf/security/keystore.jks", List.of("SOCKET_C2S"),
                        Optional.of(new CertificateInUse(CURRENT.serialNumber(), List.of("example.org",
                                "conference.example.org"), "CN=R11", "EC P-256", CURRENT.notBefore(),
                                CURRENT.notAfter(), 78, false, List.of())))),
                Optional.empty(), Optional.empty(), List.of()));

        GajimCommandWindow.Shown choose = show(execute("revoke"), "choose",
                Map.of("certificate", List.of(CURRENT.serialNumber()), "reason", List.of("keyCompromise")), "next");
        GajimCommandWindow.Shown confirm = show(submit(choose), "confirm", Map.of("confirmed", List.of("1")),
                "complete");
        GajimCommandWindow.Shown revoked = show(submit(confirm), "revoked");

        assertEquals(List.of(text("adhoc.revoke.done", CURRENT.serialNumber(),
                text("adhoc.revoke.reason.keyCompromise"))), revoked.notes());
        assertTrue(service.calls.contains("revoke admin " + CURRENT.serialNumber() + " keyCompromise"),
                service.calls.toString());
    }

    // ---------------------------------------------------------------------------------------------

    /** The admin picks the command in Gajim's list and clicks Execute; the server answers. */
    private IQ execute(String command) {
        String node = CommandHarness.node(command);
        IQ request = gajim.execute(ADMIN, CommandHarness.SERVER, node,
                server.driver.discoverableCommands(ADMIN).get(node));
        return server.driver.process(request);
    }

    /** What the server answers to what Gajim sent when the admin clicked. */
    private IQ submit(GajimCommandWindow.Shown shown) {
        return server.driver.process(shown.sent());
    }

    private GajimCommandWindow.Shown show(IQ reply, String step) throws IOException {
        return show(reply, step, Map.of(), null);
    }

    /** Shows the reply in Gajim, checks the screen, then types and clicks as the admin does. */
    private GajimCommandWindow.Shown show(IQ reply, String step, Map<String, List<String>> typed, String press)
            throws IOException {
        String name = flow + "-" + step;
        Path xml = FORMS.resolve(language).resolve(name + ".xml");
        Files.createDirectories(xml.getParent());
        Files.writeString(xml, reply.getChildElement().asXML(), StandardCharsets.UTF_8);
        GajimCommandWindow.Shown shown = gajim.show(reply, SCREENSHOTS.resolve(language).resolve(name + ".png"),
                new LinkedHashMap<>(typed), press);
        assertShownAsSent(new CommandReply(reply), shown, name);
        return shown;
    }

    private void assertShownAsSent(CommandReply reply, GajimCommandWindow.Shown shown, String name) {
        assertFalse(reply.isError(), name + ": " + reply.iq().toXML());
        assertEquals(Optional.empty(), shown.gajimFailure(), name + ": Gajim failed to show the reply");
        assertEquals("executing".equals(reply.status()) ? "stage" : "completed", shown.page(), name);
        List<Element> notes = reply.command().elements("note");
        assertTrue(reply.form().isPresent() ? notes.isEmpty() : notes.size() == 1,
                name + ": a form or one note, never both or more: " + reply.command().asXML());
        assertEquals(notes.stream().map(Element::getText).toList(), shown.notes(), name + ": notes");
        Optional<DataForm> sent = reply.form();
        if (sent.isPresent()) {
            DataForm form = sent.get();
            assertEquals(Optional.ofNullable(form.getTitle()), shown.title(), name + ": title");
            assertEquals(form.getInstructions().isEmpty() ? Optional.empty()
                    : Optional.of(String.join("\n", form.getInstructions())), shown.instructions(), name + ": instructions");
            assertFieldsShown(form, shown, name);
            assertFalse(shown.scrollsSideways(), name + ": the form is wider than Gajim's window");
        }
        if ("de".equals(language)) {
            assertNoEnglish(shown, name);
        }
    }

    private static void assertFieldsShown(DataForm form, GajimCommandWindow.Shown shown, String name) {
        boolean readOnly = form.getType() == DataForm.Type.result;
        List<FormField> visible = form.getFields().stream().filter(field -> field.getType() != FormField.Type.hidden)
                .toList();
        assertEquals(form.getFields().stream().filter(field -> field.getType() == FormField.Type.hidden)
                .map(FormField::getVariable).toList(), shown.notShown(), name + ": hidden fields");
        List<Element> rows = shown.fields();
        assertEquals(visible.stream().map(field -> String.valueOf(field.getVariable())).toList(),
                rows.stream().map(row -> String.valueOf(row.attributeValue("var"))).toList(),
                name + ": every visible field shown, in order");
        for (int i = 0; i < visible.size(); i++) {
            FormField field = visible.get(i);
            Element row = rows.get(i);
            String where = name + " field " + field.getVariable();
            assertEquals(widgetFor(field.getType(), readOnly), row.attributeValue("widget"), where + ": widget");
            if (field.getType() == FormField.Type.fixed) {
                assertEquals(field.getFirstValue(), row.elementText("text"), where);
                continue;
            }
            assertEquals(field.getLabel(), row.elementText("label"), where + ": label");
            assertEquals(field.isRequired(), "true".equals(row.attributeValue("required")), where + ": required");
            if (field.isRequired() && field.getValues().stream().allMatch(String::isBlank) && MARKED_WHEN_EMPTY.contains(field.getType())) {
                assertEquals("true", row.attributeValue("marker"), where + ": marked as required");
            }
            if (field.getType() == FormField.Type.text_private) {
                assertEquals("true", row.attributeValue("text-hidden"), where + ": a secret is typed unseen");
            }
            if (field.getType() == FormField.Type.list_single) {
                assertEquals(field.getOptions().stream().map(FormField.Option::getLabel).toList(),
                        row.elements("option").stream().map(Element::getText).toList(), where + ": options");
                assertEquals(field.getOptions().stream().filter(option -> option.getValue().equals(field.getFirstValue()))
                                .map(FormField.Option::getLabel).findFirst().orElse(null),
                        row.attributeValue("selected"), where + ": preselected option");
                List<String> visibleParts = visibleOptions(row);
                assertEquals(visibleParts.size(), Set.copyOf(visibleParts).size(),
                        where + ": the closed list cuts options short so that they look alike: " + visibleParts);
            }
        }
    }

    /** What the closed list shows of each option: the whole label, or its start and "…". */
    private static List<String> visibleOptions(Element row) {
        return row.elements("option").stream().map(option -> option.attributeValue("visible")).toList();
    }

    /** The field types Gajim marks with a warning sign while they are empty and required. */
    private static final Set<FormField.Type> MARKED_WHEN_EMPTY = Set.of(FormField.Type.text_single,
            FormField.Type.text_private, FormField.Type.text_multi, FormField.Type.jid_single,
            FormField.Type.jid_multi, FormField.Type.list_multi);

    private static String widgetFor(FormField.Type type, boolean readOnly) {
        return switch (type) {
            case list_single -> "MaxWidthComboBoxText";
            case boolean_type -> readOnly ? "Label" : "CheckButton";
            case text_single, jid_single -> readOnly ? "Label" : "Entry";
            case text_private -> "Entry";
            case text_multi -> readOnly ? "ScrolledWindow/MultiLineLabel" : "ScrolledWindow/TextView";
            case fixed -> "Label";
            default -> throw new AssertionError("no command sends a " + type + " field");
        };
    }

    /** No text of the English bundle that German words differently shows on a German screen. */
    private static void assertNoEnglish(GajimCommandWindow.Shown shown, String name) {
        Properties german = bundle("_de");
        Set<String> englishOnly = new TreeSet<>();
        for (String key : english.stringPropertyNames()) {
            if (key.startsWith("adhoc.") && !english.getProperty(key).equals(german.getProperty(key))) {
                // A pattern's words before its first argument, where there are enough to tell.
                String words = english.getProperty(key).split("\\{", 2)[0].replace("''", "'").strip();
                if (words.length() >= 8) {
                    englishOnly.add(words);
                }
            }
        }
        List<String> texts = new ArrayList<>(shown.notes());
        shown.title().ifPresent(texts::add);
        shown.instructions().ifPresent(texts::add);
        for (Element row : shown.fields()) {
            Optional.ofNullable(row.elementText("label")).ifPresent(texts::add);
            Optional.ofNullable(row.elementText("text")).ifPresent(texts::add);
            Optional.ofNullable(row.elementText("tooltip")).ifPresent(texts::add);
            row.elements("option").forEach(option -> texts.add(option.getText()));
        }
        for (String text : texts) {
            for (String words : englishOnly) {
                assertFalse(text.startsWith(words), name + ": English on a German screen: " + text);
            }
        }
    }

    private String text(String key, Object... arguments) {
        // As Openfire formats them: always through MessageFormat, arguments or not.
        return PluginTexts.text(key, List.of(arguments), Locale.forLanguageTag(language));
    }

    private static Properties bundle(String suffix) {
        Properties texts = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("i18n", PluginTexts.BUNDLE + suffix + ".properties"),
                StandardCharsets.UTF_8)) {
            texts.load(reader);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return texts;
    }

    private static CertificateFacts facts(String serial, String notBefore, String notAfter) {
        return new CertificateFacts(serial, "CN=R11, O=Let's Encrypt, C=US", Instant.parse(notBefore),
                Instant.parse(notAfter), "-----BEGIN CERTIFICATE-----");
    }

    private static CertificateEvent event(CertificateEventType type, CertificateFacts facts, String at, String actor,
                                          String detail) {
        return new CertificateEvent(Instant.parse(at), type, actor, List.of("example.org", "conference.example.org"),
                facts, detail);
    }
}
