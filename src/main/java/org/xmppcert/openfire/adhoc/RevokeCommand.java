package org.xmppcert.openfire.adhoc;

import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.dom4j.Element;
import org.jivesoftware.openfire.commands.SessionData;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.history.CertificateFacts;
import org.xmppcert.openfire.service.CertificateService;
import org.xmppcert.openfire.service.Refusal;

/**
 * Revokes a certificate the plugin obtained: first which one and why, then a confirmation that
 * says whether the server presents it right now, since revoking the certificate in use breaks
 * every connection until a new one is installed.
 */
final class RevokeCommand extends FormCommand {

    /** The reasons RFC 5280 defines that an operator can give for a server certificate. */
    static final List<String> REASONS = List.of("unspecified", "keyCompromise", "affiliationChanged", "superseded",
            "cessationOfOperation");

    /** How far back the history is searched; far more than the certificates still valid. */
    private static final int HISTORY_SEARCHED = 500;
    private static final int SHORT_SERIAL = 12;

    private final Clock clock;

    RevokeCommand(CertificateService service, AuditLog audit, Clock clock) {
        super(service, audit, 2);
        this.clock = clock;
    }

    @Override
    String name() {
        return "revoke";
    }

    @Override
    boolean hasWork() {
        return !revocable().isEmpty();
    }

    /**
     * Certificates issued or renewed, not expired and not revoked, newest first, by serial number.
     * The history is the one list of what this plugin obtained, including certificates already
     * replaced in the key store, which may still need revoking (a leaked key).
     */
    private Map<String, CertificateEvent> revocable() {
        List<CertificateEvent> history = service.history(HISTORY_SEARCHED);
        Set<String> revoked = new HashSet<>();
        history.stream().filter(event -> event.type() == CertificateEventType.REVOKED)
                .forEach(event -> revoked.add(event.certificate().serialNumber()));
        Map<String, CertificateEvent> revocable = new LinkedHashMap<>();
        history.stream()
                .filter(event -> event.type() == CertificateEventType.ISSUED
                        || event.type() == CertificateEventType.RENEWED)
                .filter(event -> event.certificate().notAfter().isAfter(clock.instant()))
                .filter(event -> !revoked.contains(event.certificate().serialNumber()))
                .forEach(event -> revocable.putIfAbsent(event.certificate().serialNumber(), event));
        return revocable;
    }

    @Override
    protected void addStageInformation(SessionData data, Element command) {
        Texts texts = Texts.forRequester(data.getOwner());
        if (data.getStage() == 0) {
            command.add(choose(texts).getElement());
        } else {
            command.add(confirm(data, texts).getElement());
        }
    }

    private DataForm choose(Texts texts) {
        Map<String, CertificateEvent> revocable = revocable();
        DataForm form = form(DataForm.Type.form, texts.get("adhoc.revoke.title"),
                texts.get("adhoc.revoke.choose.instructions"));
        FormField certificate = field(form, "certificate", FormField.Type.list_single,
                texts.get("adhoc.revoke.certificate"), true);
        // The expiry first: a closed list shows only the start of the chosen option, and it is what
        // tells the certificate in use from the one it replaced. Short, because Psi sizes the list to
        // its longest option and pushes the reason off the window; the confirmation says it in full.
        Map<String, String> labels = new LinkedHashMap<>();
        revocable.values().forEach(event -> labels.put(event.certificate().serialNumber(),
                texts.get("adhoc.revoke.certificate.option", event.names().get(0), shortSerial(event),
                        when(event.certificate().notAfter()), event.names().size() - 1)));
        options(certificate, labels);
        if (revocable.size() == 1) {
            certificate.addValue(revocable.keySet().iterator().next());
        }
        FormField reason = field(form, "reason", FormField.Type.list_single, texts.get("adhoc.revoke.reason"), true);
        reason.setDescription(texts.get("adhoc.revoke.reason.desc"));
        REASONS.forEach(code -> reason.addOption(texts.get("adhoc.revoke.reason." + code), code));
        reason.addValue("unspecified");
        return form;
    }

    /** Enough of the serial number to tell two certificates with the same expiry apart. */
    private static String shortSerial(CertificateEvent event) {
        String serial = event.certificate().serialNumber();
        return serial.length() <= SHORT_SERIAL ? serial : serial.substring(0, SHORT_SERIAL) + "…";
    }

    private static String describe(String key, CertificateEvent event, Texts texts) {
        CertificateFacts facts = event.certificate();
        return texts.get(key, String.join(", ", event.names()), facts.serialNumber(), when(facts.notAfter()));
    }

    private DataForm confirm(SessionData data, Texts texts) {
        DataForm form = form(DataForm.Type.form, texts.get("adhoc.revoke.title"),
                texts.get("adhoc.revoke.confirm.instructions"));
        Optional<CertificateEvent> chosen = chosen(data);
        if (chosen.isEmpty()) {
            fixed(form, texts.get("adhoc.revoke.gone"));
        } else {
            fixed(form, texts.get("adhoc.revoke.about-to",
                    describe("adhoc.revoke.certificate.description", chosen.get(), texts),
                    texts.get("adhoc.revoke.reason." + reason(data))));
            if (inUse(chosen.get().certificate().serialNumber())) {
                fixed(form, texts.get("adhoc.revoke.in-use"));
            }
        }
        field(form, "confirmed", FormField.Type.boolean_type, texts.get("adhoc.revoke.confirmed"), true);
        return form;
    }

    private Optional<CertificateEvent> chosen(SessionData data) {
        return value(data, "certificate").map(serial -> revocable().get(serial.toLowerCase(Locale.ROOT)));
    }

    /** A reason the form offered; anything else a client sends counts as unspecified. */
    private static String reason(SessionData data) {
        return value(data, "reason").filter(REASONS::contains).orElse("unspecified");
    }

    private boolean inUse(String serialNumber) {
        return service.status().stores().stream()
                .flatMap(store -> store.certificate().stream())
                .anyMatch(certificate -> certificate.serialNumber().equalsIgnoreCase(serialNumber));
    }

    @Override
    String complete(SessionData data, Element command, Texts texts) {
        Optional<CertificateEvent> chosen = chosen(data);
        if (chosen.isEmpty()) {
            note(command, NoteType.error, texts.get("adhoc.revoke.gone"));
            return "not revoked: " + value(data, "certificate").orElse("(none)") + " is not a revocable certificate";
        }
        String serial = chosen.get().certificate().serialNumber();
        if (!flag(data, "confirmed").orElse(false)) {
            note(command, NoteType.warn, texts.get("adhoc.revoke.not-confirmed"));
            return "not revoked: the admin did not confirm revoking " + serial;
        }
        String reason = reason(data);
        try {
            service.revoke(serial, reason, actor(data.getOwner()));
        } catch (Refusal e) {
            note(command, NoteType.error, texts.get("adhoc.revoke.refused", texts.words(e.reasons())));
            return "revoking " + serial + " failed: " + Texts.serverLanguage().words(e.reasons());
        }
        note(command, NoteType.info, texts.get("adhoc.revoke.done", serial, texts.get("adhoc.revoke.reason." + reason)));
        return "revoked " + serial + " (" + reason + ")";
    }
}
