package org.xmppcert.openfire.adhoc;

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

/** The latest certificate events, newest first, as a table. */
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
        for (String column : List.of("when", "event", "by", "names", "serial", "detail")) {
            result.addReportedField(column, texts.get("adhoc.history.column." + column), FormField.Type.text_single);
        }
        events.forEach(event -> result.addItemFields(row(event, texts)));
        command.add(result.getElement());
        return "history shown: " + events.size() + " entries";
    }

    private static Map<String, Object> row(CertificateEvent event, Texts texts) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("when", when(event.at()));
        row.put("event", texts.get("adhoc.history.event." + event.type().name().toLowerCase(Locale.ROOT)));
        row.put("by", event.actor());
        row.put("names", String.join(", ", event.names()));
        row.put("serial", event.certificate() == null ? "" : event.certificate().serialNumber());
        row.put("detail", event.detail() == null ? "" : event.detail());
        return row;
    }
}
