package org.xmppcert.openfire.adhoc;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dom4j.Element;
import org.jivesoftware.openfire.commands.SessionData;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmppcert.openfire.service.CertificateService;
import org.xmppcert.openfire.service.ClassicInstallReport;
import org.xmppcert.openfire.service.ClassicRequestView;
import org.xmppcert.openfire.service.Refusal;

/**
 * Hands in what a CA without ACME returned for a pending request: first the request, then the
 * certificate as the CA mailed it (PEM) and any intermediates it sent separately. A certificate
 * that does not fit leaves the request pending, so the admin can paste again.
 */
final class ClassicAnswerCommand extends FormCommand {

    ClassicAnswerCommand(CertificateService service, AuditLog audit) {
        super(service, audit, 2);
    }

    @Override
    String name() {
        return "classic-answer";
    }

    @Override
    boolean hasWork() {
        return !service.pendingClassicRequests().isEmpty();
    }

    @Override
    protected void addStageInformation(SessionData data, Element command) {
        Texts texts = Texts.forRequester(data.getOwner());
        if (data.getStage() == 0) {
            command.add(chooseRequest(texts).getElement());
        } else {
            command.add(pasteCertificate(data, texts).getElement());
        }
    }

    private DataForm chooseRequest(Texts texts) {
        List<ClassicRequestView> pending = service.pendingClassicRequests();
        DataForm form = form(DataForm.Type.form, texts.get("adhoc.classic-answer.title"),
                texts.get("adhoc.classic-answer.choose.instructions"));
        FormField request = field(form, "request", FormField.Type.list_single,
                texts.get("adhoc.classic-answer.request"), true);
        Map<String, String> labels = new LinkedHashMap<>();
        pending.forEach(view -> labels.put(view.id(), texts.get("adhoc.classic-answer.request.option",
                String.join(", ", view.names()), when(view.createdAt()))));
        options(request, labels);
        if (pending.size() == 1) {
            request.addValue(pending.get(0).id());
        }
        return form;
    }

    private DataForm pasteCertificate(SessionData data, Texts texts) {
        DataForm form = form(DataForm.Type.form, texts.get("adhoc.classic-answer.title"),
                texts.get("adhoc.classic-answer.paste.instructions"));
        Optional<ClassicRequestView> chosen = chosen(data);
        fixed(form, chosen.map(view -> texts.get("adhoc.classic-answer.for", String.join(", ", view.names())))
                .orElse(texts.get("adhoc.classic-answer.gone")));
        field(form, "certificate", FormField.Type.text_multi, texts.get("adhoc.classic-answer.certificate"), true)
                .setDescription(texts.get("adhoc.classic-answer.certificate.desc"));
        field(form, "ca-certificates", FormField.Type.text_multi, texts.get("adhoc.classic-answer.ca-certificates"),
                false).setDescription(texts.get("adhoc.classic-answer.ca-certificates.desc"));
        return form;
    }

    private Optional<ClassicRequestView> chosen(SessionData data) {
        Optional<String> id = value(data, "request");
        return service.pendingClassicRequests().stream()
                .filter(view -> id.isPresent() && view.id().equals(id.get()))
                .findFirst();
    }

    @Override
    String complete(SessionData data, Element command, Texts texts) {
        Optional<ClassicRequestView> request = chosen(data);
        if (request.isEmpty()) {
            note(command, NoteType.error, texts.get("adhoc.classic-answer.gone"));
            return "not handed in: request " + value(data, "request").orElse("(none)") + " is not pending";
        }
        String certificate = String.join("\n", values(data, "certificate")).strip();
        if (certificate.isEmpty()) {
            note(command, NoteType.error, texts.get("adhoc.classic-answer.missing"));
            return "not handed in: no certificate pasted for request " + request.get().id();
        }
        String caCertificates = String.join("\n", values(data, "ca-certificates")).strip();
        String id = request.get().id();
        ClassicInstallReport result;
        try {
            result = service.acceptClassicCertificate(id, certificate.getBytes(StandardCharsets.US_ASCII),
                    caCertificates.getBytes(StandardCharsets.US_ASCII), actor(data.getOwner()));
        } catch (Refusal e) {
            note(command, NoteType.error, texts.get("adhoc.classic-answer.refused", texts.words(e.reasons())));
            return "certificate refused for request " + id + ": " + Texts.serverLanguage().words(e.reasons());
        }
        String outcome = Texts.serverLanguage().words(result.sentences());
        if (!result.installed()) {
            note(command, NoteType.error, texts.get("adhoc.classic-answer.refused", texts.words(result.sentences())));
            return "certificate for request " + id + " not installed: " + outcome;
        }
        note(command, NoteType.info, texts.words(result.sentences()));
        return "certificate handed in for request " + id + ": " + outcome;
    }
}
