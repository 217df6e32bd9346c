package org.xmppcert.openfire.adhoc;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dom4j.Element;
import org.jivesoftware.openfire.commands.SessionData;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.openfire.service.CertificateService;
import org.xmppcert.openfire.service.CertificateStatus;
import org.xmppcert.openfire.service.CertificateStatus.CallToAction;
import org.xmppcert.openfire.service.CertificateStatus.CertificateInUse;
import org.xmppcert.openfire.service.CertificateStatus.LastAttempt;
import org.xmppcert.openfire.service.CertificateStatus.StoreStatus;

/**
 * The status page at a glance: the names the server needs, what to do, the next renewal, the last
 * attempt, and a table of the certificate each identity store presents.
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
        field(result, "last-attempt", FormField.Type.text_single, texts.get("adhoc.status.last-attempt"), false)
                .addValue(status.lastAttempt().map(attempt -> words(attempt, texts))
                        .orElse(texts.get("adhoc.status.none")));

        for (String column : List.of("store", "used-for", "certificate-names", "issuer", "key", "expires",
                "days-left", "missing")) {
            result.addReportedField(column, texts.get("adhoc.status.column." + column), FormField.Type.text_single);
        }
        status.stores().forEach(store -> result.addItemFields(row(store, texts)));
        command.add(result.getElement());
        return "status shown";
    }

    /** The action in the requester's language, its instants written the way the other commands write them. */
    private static String words(CallToAction action, Texts texts) {
        return texts.get("adhoc.status.action." + action.kind().name().toLowerCase(Locale.ROOT),
                action.arguments().stream()
                        .map(argument -> argument instanceof Instant instant ? when(instant) : argument)
                        .toArray());
    }

    private static String words(LastAttempt attempt, Texts texts) {
        String actor = CertificateEvent.SCHEDULER.equals(attempt.actor()) ? texts.get("adhoc.status.actor.scheduler")
                : attempt.actor();
        String outcome = "adhoc.status.last-attempt." + attempt.outcome().name().toLowerCase(Locale.ROOT);
        return attempt.outcome() == LastAttempt.Outcome.FAILED
                ? texts.get(outcome, when(attempt.at()), actor,
                        attempt.detail().orElseGet(() -> texts.get("adhoc.status.no-reason")))
                : texts.get(outcome, when(attempt.at()), actor);
    }

    private static Map<String, Object> row(StoreStatus store, Texts texts) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("store", store.store());
        row.put("used-for", String.join(", ", store.connectionTypes()));
        if (store.certificate().isEmpty()) {
            row.put("certificate-names", texts.get("adhoc.status.no-certificate"));
            return row;
        }
        CertificateInUse certificate = store.certificate().get();
        row.put("certificate-names", String.join(", ", certificate.names()));
        row.put("issuer", certificate.selfSigned() ? texts.get("adhoc.status.self-signed") : certificate.issuer());
        row.put("key", certificate.keyType());
        row.put("expires", when(certificate.notAfter()));
        row.put("days-left", Long.toString(certificate.daysLeft()));
        row.put("missing", String.join(", ", certificate.missingNames()));
        return row;
    }
}
