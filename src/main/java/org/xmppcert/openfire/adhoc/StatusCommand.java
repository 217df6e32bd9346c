package org.xmppcert.openfire.adhoc;

import java.time.Instant;
import java.util.Locale;
import java.util.stream.Stream;

import org.dom4j.Element;
import org.jivesoftware.openfire.commands.SessionData;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmppcert.openfire.service.CertificateService;
import org.xmppcert.openfire.service.CertificateStatus;
import org.xmppcert.openfire.service.CertificateStatus.CallToAction;
import org.xmppcert.openfire.service.CertificateStatus.CertificateInUse;
import org.xmppcert.openfire.service.CertificateStatus.LastAttempt;
import org.xmppcert.openfire.service.CertificateStatus.StoreStatus;

/**
 * The status page at a glance: the names the server needs, what to do, the next renewal, the last
 * attempt, and the certificate each identity store presents.
 */
final class StatusCommand extends ReportCommand {

    StatusCommand(CertificateService service, AuditLog audit) {
        super(service, audit);
    }

    @Override
    String name() {
        return "status";
    }

    @Override
    String run(SessionData data, Element command, Texts texts) {
        CertificateStatus status = service.status();
        DataForm result = form(DataForm.Type.result, texts.get("adhoc.status.title"), null);
        FormField names = field(result, "names", FormField.Type.text_multi, texts.get("adhoc.status.names"), false);
        status.requiredNames().forEach(names::addValue);
        FormField actions = field(result, "actions", FormField.Type.text_multi, texts.get("adhoc.status.actions"), false);
        if (status.actions().isEmpty()) {
            actions.addValue(texts.get("adhoc.status.all-well"));
        } else {
            status.actions().forEach(action -> actions.addValue(words(action, texts)));
        }
        field(result, "next-renewal", FormField.Type.text_single, texts.get("adhoc.status.next-renewal"), false)
                .addValue(status.nextRenewal().map(CertificateCommand::when).orElse(texts.get("adhoc.status.none")));
        // A failure's reason is the CA's own words, of any length: multi-line fields wrap them.
        field(result, "last-attempt", FormField.Type.text_multi, texts.get("adhoc.status.last-attempt"), false)
                .addValue(status.lastAttempt().map(attempt -> words(attempt, texts))
                        .orElse(texts.get("adhoc.status.none")));
        for (int i = 0; i < status.stores().size(); i++) {
            addStore(result, "store-" + (i + 1) + "-", status.stores().get(i), texts);
        }
        command.add(result.getElement());
        return "status shown";
    }

    /**
     * One identity store as a run of plain fields, its name first. A table ({@code <reported>})
     * would say it more compactly, but Gajim cannot show a form that has one, Psi leaves it out, and
     * a phone squeezes its columns. The name is a field rather than a heading: Gajim sets a short
     * fixed text as a large bold heading in the label column, which a file path overflows.
     */
    private static void addStore(DataForm result, String prefix, StoreStatus store, Texts texts) {
        text(result, prefix + "store", "store", store.store(), texts);
        // One per line: a store serves up to six connection types, and Psi shows a one-line field at a fixed
        // width, scrolled to its end, so a comma-separated list lost its first types there.
        FormField usedFor = field(result, prefix + "used-for", FormField.Type.text_multi,
                texts.get("adhoc.status.column.used-for"), false);
        store.connectionTypes().forEach(type -> usedFor.addValue(texts.get("connection-type." + type)));
        if (store.certificate().isEmpty()) {
            text(result, prefix + "certificate-names", "certificate-names", texts.get("adhoc.status.no-certificate"),
                    texts);
            return;
        }
        CertificateInUse certificate = store.certificate().get();
        FormField names = field(result, prefix + "certificate-names", FormField.Type.text_multi,
                texts.get("adhoc.status.column.certificate-names"), false);
        certificate.names().forEach(names::addValue);
        text(result, prefix + "issuer", "issuer",
                certificate.selfSigned() ? texts.get("adhoc.status.self-signed") : certificate.issuer(), texts);
        text(result, prefix + "key", "key", certificate.keyType(), texts);
        text(result, prefix + "expires", "expires", when(certificate.notAfter()), texts);
        text(result, prefix + "days-left", "days-left", Long.toString(certificate.daysLeft()), texts);
        if (!certificate.missingNames().isEmpty()) {
            FormField missing = field(result, prefix + "missing", FormField.Type.text_multi,
                    texts.get("adhoc.status.column.missing"), false);
            certificate.missingNames().forEach(missing::addValue);
        }
    }

    private static void text(DataForm result, String variable, String column, String value, Texts texts) {
        field(result, variable, FormField.Type.text_single, texts.get("adhoc.status.column." + column), false)
                .addValue(value);
    }

    /** The action in the requester's language, its instants written the way the other commands write them. */
    private static String words(CallToAction action, Texts texts) {
        Stream<Object> facts = action.arguments().stream()
                .map(argument -> argument instanceof Instant instant ? when(instant) : argument);
        Stream<Object> reasons = action.reasons().isEmpty() ? Stream.empty() : Stream.of(texts.words(action.reasons()));
        return texts.get("adhoc.status.action." + action.kind().name().toLowerCase(Locale.ROOT),
                Stream.concat(facts, reasons).toArray());
    }

    private static String words(LastAttempt attempt, Texts texts) {
        String actor = actorWords(attempt.actor(), texts);
        String outcome = "adhoc.status.last-attempt." + attempt.outcome().name().toLowerCase(Locale.ROOT);
        return attempt.outcome() == LastAttempt.Outcome.FAILED
                ? texts.get(outcome, when(attempt.at()), actor,
                        attempt.reasons().isEmpty() ? texts.get("adhoc.status.no-reason") : texts.words(attempt.reasons()))
                : texts.get(outcome, when(attempt.at()), actor);
    }

}
