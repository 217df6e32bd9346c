package org.xmppcert.openfire.adhoc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.dom4j.Element;
import org.jivesoftware.openfire.commands.SessionData;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmppcert.core.acme.ChallengeType;
import org.xmppcert.core.keys.KeyPolicy;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.openfire.service.CaPreset;
import org.xmppcert.openfire.service.CertificateService;
import org.xmppcert.openfire.service.CertificateSettings;
import org.xmppcert.openfire.service.ClassicRequestView;
import org.xmppcert.openfire.service.Refusal;
import org.xmppcert.openfire.service.Sentence;

/**
 * Requests or renews the certificate now, with the console wizard's choices that fit a form: the
 * CA first, then what that CA needs (account, terms, External Account Binding) and the key and
 * challenge. Every field starts at the saved setting, and "complete" on the first form renews with
 * the saved settings as they are. Changed settings are saved through the same validation as in
 * the console; the request then runs in the background and {@link OrderWatcher} reports its end.
 * For a CA without ACME it makes the key and CSR to paste into the CA's order form, or, once a
 * classic certificate is installed and the admin ticks "reuseCsr", hands out its saved CSR again.
 *
 * <p>Field names are the settings' names, so the service's problems name the form's fields.
 */
final class RequestCommand extends FormCommand {

    /** The fields, in the order the service's problems are listed. */
    private static final List<String> FIELDS = List.of("ca", "customDirectory", "contactEmail", "termsAgreed",
            "eabKeyId", "eabHmacKey", "keyType", "keepCurrentKey", "challengeType", "xmppIdentities", "automatic");

    private final OrderWatcher watcher;

    RequestCommand(CertificateService service, AuditLog audit, OrderWatcher watcher) {
        super(service, audit, 2);
        this.watcher = watcher;
    }

    @Override
    String name() {
        return "request";
    }

    @Override
    protected List<Action> getActions(SessionData data) {
        if (data.getStage() == 0) {
            return List.of(Action.next, Action.complete);
        }
        return super.getActions(data);
    }

    @Override
    protected void addStageInformation(SessionData data, Element command) {
        Texts texts = Texts.forRequester(data.getOwner());
        CertificateSettings saved = service.settings();
        if (data.getStage() == 0) {
            command.add(chooseCa(choicesSoFar(data, saved), texts).getElement());
            return;
        }
        try {
            command.add(caOptions(wanted(data, saved), texts).getElement());
        } catch (InvalidChoice e) {
            note(command, NoteType.error, texts.get("adhoc.request.invalid", label(e.field, texts)));
        }
    }

    /**
     * What the admin chose so far: back on the first form after "prev", the CA and directory they
     * had chosen stay chosen instead of jumping back to the saved ones.
     */
    private static CertificateSettings choicesSoFar(SessionData data, CertificateSettings saved) {
        try {
            return wanted(data, saved);
        } catch (InvalidChoice e) {
            return saved;
        }
    }

    private DataForm chooseCa(CertificateSettings chosen, Texts texts) {
        DataForm form = form(DataForm.Type.form, texts.get("adhoc.request.title"),
                texts.get("adhoc.request.ca.instructions"));
        FormField ca = field(form, "ca", FormField.Type.list_single, texts.get("adhoc.request.ca"), true);
        ca.setDescription(texts.get("adhoc.request.ca.desc"));
        for (CaPreset preset : CaPreset.values()) {
            ca.addOption(texts.get("adhoc.request.ca." + preset.name()), preset.name());
        }
        ca.addValue(chosen.ca().name());
        FormField directory = field(form, "customDirectory", FormField.Type.text_single,
                texts.get("adhoc.request.customDirectory"), false);
        directory.setDescription(texts.get("adhoc.request.customDirectory.desc"));
        chosen.customDirectory().ifPresent(directory::addValue);
        return form;
    }

    private DataForm caOptions(CertificateSettings wanted, Texts texts) {
        CaPreset ca = wanted.ca();
        boolean binding = ca.isAcme() && (ca.requiresExternalAccountBinding() || ca == CaPreset.CUSTOM);
        String instructions = texts.get(ca.isAcme() ? "adhoc.request.acme.instructions"
                : "adhoc.request.classic.instructions", texts.get("adhoc.request.ca." + ca.name()));
        if (binding && service.hasSecret("eabHmacKey")) {
            // In the instructions, not the field's description, which Gajim and Psi show only as a tooltip:
            // an admin who does not know a key is saved types it again, or thinks the request cannot go on.
            instructions += " " + texts.get("adhoc.request.eabHmacKey.saved");
        }
        DataForm form = form(DataForm.Type.form, texts.get("adhoc.request.title"), instructions);
        if (ca.isAcme()) {
            field(form, "contactEmail", FormField.Type.text_single, texts.get("adhoc.request.contactEmail"), true)
                    .addValue(wanted.contactEmail());
            FormField terms = field(form, "termsAgreed", FormField.Type.boolean_type,
                    texts.get("adhoc.request.termsAgreed"), true);
            terms.setDescription(texts.get("adhoc.request.termsAgreed.desc"));
            terms.addValue(wanted.termsAgreed());
            if (binding) {
                addExternalAccountBinding(form, wanted, texts);
            }
        }
        FormField keyType = field(form, "keyType", FormField.Type.list_single, texts.get("adhoc.request.keyType"), true);
        for (KeyType type : KeyType.values()) {
            keyType.addOption(texts.get("adhoc.request.keyType." + type.name()), type.name());
        }
        keyType.addValue(wanted.keyPolicy().type().name());
        if (ca.isAcme()) {
            FormField keep = field(form, "keepCurrentKey", FormField.Type.boolean_type,
                    texts.get("adhoc.request.keepCurrentKey"), false);
            keep.setDescription(texts.get("adhoc.request.keepCurrentKey.desc"));
            keep.addValue(wanted.keyPolicy().keepCurrentKey());
            FormField challenge = field(form, "challengeType", FormField.Type.list_single,
                    texts.get("adhoc.request.challengeType"), true);
            challenge.setDescription(texts.get("adhoc.request.challengeType.desc"));
            for (ChallengeType type : ChallengeType.values()) {
                challenge.addOption(texts.get("adhoc.request.challengeType." + type.name()), type.acmeName());
            }
            challenge.addValue(wanted.challengeType().acmeName());
        }
        FormField identities = field(form, "xmppIdentities", FormField.Type.boolean_type,
                texts.get("adhoc.request.xmppIdentities"), false);
        identities.setDescription(texts.get("adhoc.request.xmppIdentities.desc"));
        identities.addValue(wanted.xmppIdentities());
        if (!ca.isAcme() && service.renewableClassicRequest().isPresent()) {
            FormField reuse = field(form, "reuseCsr", FormField.Type.boolean_type,
                    texts.get("adhoc.request.reuseCsr"), false);
            reuse.setDescription(texts.get("adhoc.request.reuseCsr.desc"));
            reuse.addValue(false);
        }
        if (ca.isAcme()) {
            FormField automatic = field(form, "automatic", FormField.Type.boolean_type,
                    texts.get("adhoc.request.automatic"), false);
            automatic.setDescription(texts.get("adhoc.request.automatic.desc"));
            automatic.addValue(wanted.automatic());
        }
        return form;
    }

    private void addExternalAccountBinding(DataForm form, CertificateSettings wanted, Texts texts) {
        boolean required = wanted.ca().requiresExternalAccountBinding();
        FormField keyId = field(form, "eabKeyId", FormField.Type.text_single, texts.get("adhoc.request.eabKeyId"),
                required);
        wanted.eabKeyId().ifPresent(keyId::addValue);
        boolean saved = service.hasSecret("eabHmacKey");
        // The saved key is never sent back out; leaving the field empty keeps it.
        field(form, "eabHmacKey", FormField.Type.text_private, texts.get("adhoc.request.eabHmacKey"), required && !saved)
                .setDescription(texts.get("adhoc.request.eabHmacKey.desc"));
    }

    /** The saved settings with what the admin submitted so far; fields not (yet) submitted keep their saved value. */
    private static CertificateSettings wanted(SessionData data, CertificateSettings saved) {
        Map<String, List<String>> submitted = data.getData();
        CaPreset ca = choice(submitted, data, "ca", CaPreset::valueOf).orElse(saved.ca());
        KeyType keyType = choice(submitted, data, "keyType", KeyType::valueOf).orElse(saved.keyPolicy().type());
        ChallengeType challengeType = choice(submitted, data, "challengeType", RequestCommand::challengeType)
                .orElse(saved.challengeType());
        return new CertificateSettings(ca,
                submitted.containsKey("customDirectory")
                        ? value(data, "customDirectory").map(RequestCommand::directory) : saved.customDirectory(),
                saved.customTrustAnchorPem(),
                submitted.containsKey("contactEmail") ? value(data, "contactEmail").orElse("") : saved.contactEmail(),
                flag(data, "termsAgreed").orElse(saved.termsAgreed()),
                submitted.containsKey("eabKeyId") ? value(data, "eabKeyId") : saved.eabKeyId(),
                new KeyPolicy(keyType, flag(data, "keepCurrentKey").orElse(saved.keyPolicy().keepCurrentKey())),
                challengeType, saved.dnsUpdate(), saved.namePolicy(),
                flag(data, "xmppIdentities").orElse(saved.xmppIdentities()),
                flag(data, "automatic").orElse(saved.automatic()),
                saved.checkInterval(), saved.warningDays(), saved.notifyByXmpp(), saved.notifyByEmail(),
                saved.maintenanceTime());
    }

    /** A list-single value; one the form did not offer is refused with the field's name. */
    private static <T> Optional<T> choice(Map<String, List<String>> submitted, SessionData data, String field,
                                          Function<String, T> parse) {
        if (!submitted.containsKey(field)) {
            return Optional.empty();
        }
        try {
            return value(data, field).map(parse);
        } catch (IllegalArgumentException e) {
            throw new InvalidChoice(field);
        }
    }

    private static URI directory(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidChoice("customDirectory");
        }
    }

    private static ChallengeType challengeType(String acmeName) {
        for (ChallengeType type : ChallengeType.values()) {
            if (type.acmeName().equals(acmeName)) {
                return type;
            }
        }
        throw new IllegalArgumentException(acmeName);
    }

    /** A submitted value outside what the form offered, or a directory that is no URL. */
    private static final class InvalidChoice extends RuntimeException {
        private final String field;

        InvalidChoice(String field) {
            super(field, null, false, false);
            this.field = field;
        }
    }

    @Override
    String complete(SessionData data, Element command, Texts texts) {
        CertificateSettings saved = service.settings();
        CertificateSettings wanted;
        try {
            wanted = wanted(data, saved);
        } catch (InvalidChoice e) {
            note(command, NoteType.error, texts.get("adhoc.request.invalid", label(e.field, texts)));
            return "nothing requested: invalid " + e.field;
        }
        Optional<String> eabHmacKey = value(data, "eabHmacKey");
        if (!wanted.equals(saved) || eabHmacKey.isPresent()) {
            Map<String, Sentence> problems = service.saveSettings(wanted,
                    new CertificateSettings.SecretChange(eabHmacKey, Optional.empty()), actor(data.getOwner()));
            if (!problems.isEmpty()) {
                List<String> lines = new ArrayList<>();
                problems.forEach((field, problem) -> lines.add(label(field, texts) + ": " + texts.words(problem)));
                note(command, NoteType.error, texts.get("adhoc.request.settings-refused", String.join("\n", lines)));
                return "nothing requested: settings refused " + problems.keySet();
            }
        }
        String settingsChange = wanted.equals(saved) ? "" : " with changed settings";
        if (!wanted.ca().isAcme()) {
            return startClassic(data, command, texts) + settingsChange;
        }
        String ticket;
        try {
            ticket = service.requestCertificate(actor(data.getOwner()));
        } catch (Refusal e) {
            note(command, NoteType.error, texts.get("adhoc.request.refused", texts.words(e.reasons())));
            return "nothing requested" + settingsChange + ": " + Texts.serverLanguage().words(e.reasons());
        }
        watcher.watch(ticket, data.getOwner(), List.of());
        note(command, NoteType.info, texts.get("adhoc.request.started", ticket));
        return "certificate request " + ticket + " started" + settingsChange;
    }

    private String startClassic(SessionData data, Element command, Texts texts) {
        boolean reuseCsr = flag(data, "reuseCsr").orElse(false);
        ClassicRequestView request;
        try {
            request = reuseCsr ? service.renewClassicRequest(actor(data.getOwner()))
                    : service.startClassicRequest(actor(data.getOwner()));
        } catch (Refusal e) {
            note(command, NoteType.error, texts.get("adhoc.request.refused", texts.words(e.reasons())));
            return "nothing requested: " + Texts.serverLanguage().words(e.reasons());
        }
        DataForm result = form(DataForm.Type.result, texts.get("adhoc.request.classic.title"),
                texts.get("adhoc.request.classic.next-steps", Texts.serverLanguage().get("adhoc.classic-answer.label")));
        FormField names = field(result, "names", FormField.Type.text_multi, texts.get("adhoc.request.classic.names"),
                false);
        request.names().forEach(names::addValue);
        FormField csr = field(result, "csr", FormField.Type.text_multi, texts.get("adhoc.request.classic.csr"), false);
        request.csrPem().lines().forEach(csr::addValue);
        FormField mailboxes = field(result, "mailboxes", FormField.Type.text_multi,
                texts.get("adhoc.request.classic.mailboxes"), false);
        request.verificationMailboxes().forEach(mailboxes::addValue);
        command.add(result.getElement());
        return "classic request " + request.id() + " started for " + request.names()
                + (reuseCsr ? " with the saved CSR" : "");
    }

    private static String label(String field, Texts texts) {
        return FIELDS.contains(field) ? texts.get("adhoc.request." + field) : field;
    }
}
