package org.xmppcert.openfire.adhoc;

import java.util.List;
import java.util.Locale;

import org.dom4j.Element;
import org.jivesoftware.openfire.commands.SessionData;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.openfire.service.CertificateService;

/** The latest certificate events, newest first. */
final class HistoryCommand extends ReportCommand {

    /** Enough for a few months of renewals and the failures between them; the console pages through the rest. */
    static final int ENTRIES = 20;

    HistoryCommand(CertificateService service, AuditLog audit) {
        super(service, audit);
    }

    @Override
    String name() {
        return "history";
    }

    @Override
    String run(SessionData data, Element command, Texts texts) {
        List<CertificateEvent> events = service.history(ENTRIES);
        if (events.isEmpty()) {
            note(command, NoteType.info, texts.get("adhoc.history.empty"));
            return "history shown: no entries";
        }
        DataForm result = form(DataForm.Type.result, texts.get("adhoc.history.title", ENTRIES), null);
        for (int i = 0; i < events.size(); i++) {
            addEvent(result, "event-" + (i + 1), events.get(i), texts);
        }
        command.add(result.getElement());
        return "history shown: " + events.size() + " entries";
    }

    /**
     * One event as a field named by its time, its lines saying what happened, to what and why. A
     * table ({@code <reported>}) would be more compact, but Gajim cannot show a form that has one and
     * Psi leaves it out.
     */
    private static void addEvent(DataForm result, String variable, CertificateEvent event, Texts texts) {
        FormField entry = field(result, variable, FormField.Type.text_multi, when(event.at()), false);
        entry.addValue(texts.get("adhoc.history.entry",
                texts.get("adhoc.history.event." + event.type().name().toLowerCase(Locale.ROOT)),
                actorWords(event.actor(), texts)));
        entry.addValue(String.join(", ", event.names()));
        if (event.certificate() != null) {
            entry.addValue(texts.get("adhoc.history.serial", event.certificate().serialNumber()));
        }
        if (event.type() == CertificateEventType.REVOKED && RevokeCommand.REASONS.contains(event.detail())) {
            // The service records a revocation's reason by its RFC 5280 name, which the admin chose in words.
            entry.addValue(texts.get("adhoc.history.reason", texts.get("adhoc.revoke.reason." + event.detail())));
        } else if (event.detail() != null && !event.detail().isBlank()) {
            event.detail().lines().forEach(entry::addValue);
        }
    }
}
