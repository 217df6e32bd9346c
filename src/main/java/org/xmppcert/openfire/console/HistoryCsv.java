package org.xmppcert.openfire.console;

import java.time.format.DateTimeFormatter;
import java.util.List;

import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.openfire.service.CertificateService;

/**
 * The history as CSV (RFC 4180) for spreadsheets and audits: one line per event, timestamps in
 * ISO 8601 UTC. A cell that a spreadsheet would take for a formula (starting with =, +, - or @,
 * which a CA's failure text or an included name could) gets a leading apostrophe, so opening the
 * export never runs anything.
 */
public final class HistoryCsv {

    public static final String FILE_NAME = "certificate-history.csv";

    private static final List<String> HEADER = List.of("time", "event", "started_by", "names", "serial_number",
            "issuer", "not_before", "not_after", "detail");

    private HistoryCsv() {
    }

    public static String export(CertificateService service) {
        return write(service.history(HistoryPage.LIMIT));
    }

    static String write(List<CertificateEvent> events) {
        StringBuilder csv = new StringBuilder();
        line(csv, HEADER);
        for (CertificateEvent event : events) {
            boolean withCertificate = event.certificate() != null;
            line(csv, List.of(
                    DateTimeFormatter.ISO_INSTANT.format(event.at()),
                    event.type().name(),
                    event.actor(),
                    String.join(" ", event.names()),
                    withCertificate ? event.certificate().serialNumber() : "",
                    withCertificate ? event.certificate().issuer() : "",
                    withCertificate ? DateTimeFormatter.ISO_INSTANT.format(event.certificate().notBefore()) : "",
                    withCertificate ? DateTimeFormatter.ISO_INSTANT.format(event.certificate().notAfter()) : "",
                    event.detail() == null ? "" : event.detail()));
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    private static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
