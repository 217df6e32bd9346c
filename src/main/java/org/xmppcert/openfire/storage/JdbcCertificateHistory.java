package org.xmppcert.openfire.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.history.CertificateFacts;
import org.xmppcert.core.history.CertificateHistory;

/**
 * The certificate history in table ofCmHistory. The leaf's serial, issuer and validity get columns
 * of their own, besides the chain, so an admin can query the table without parsing PEM.
 */
public final class JdbcCertificateHistory implements CertificateHistory {

    private static final String INSERT = "INSERT INTO ofCmHistory (eventTime, eventType, actor, nameList, serialNumber, "
            + "issuer, notBefore, notAfter, chainPem, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    // Insertion order breaks ties between events of the same millisecond.
    private static final String LATEST = "SELECT eventTime, eventType, actor, nameList, serialNumber, issuer, notBefore, "
            + "notAfter, chainPem, detail FROM ofCmHistory ORDER BY eventTime DESC, eventId DESC";

    private final ConnectionSource database;

    public JdbcCertificateHistory(ConnectionSource database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public void append(CertificateEvent event) {
        Jdbc.fitting(event.actor(), 64, "The name of who started it");
        CertificateFacts facts = event.certificate();
        Jdbc.write(database, "record " + event.type() + " of " + event.names() + " in the history",
                connection -> Jdbc.update(connection, INSERT, statement -> {
                    Jdbc.setInstant(statement, 1, event.at());
                    statement.setString(2, event.type().name());
                    statement.setString(3, event.actor());
                    statement.setString(4, Jdbc.joinNames(event.names()));
                    boolean hasCertificate = facts != null;
                    statement.setString(5, hasCertificate ? Jdbc.fitting(facts.serialNumber(), 64, "The serial number") : null);
                    statement.setString(6, hasCertificate ? Jdbc.fitting(facts.issuer(), 1000, "The issuer name") : null);
                    Jdbc.setInstant(statement, 7, hasCertificate ? facts.notBefore() : null);
                    Jdbc.setInstant(statement, 8, hasCertificate ? facts.notAfter() : null);
                    statement.setString(9, hasCertificate ? facts.chainPem() : null);
                    statement.setString(10, event.detail());
                }));
    }

    @Override
    public List<CertificateEvent> latest(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("Ask for at least one event, not " + limit);
        }
        return Jdbc.read(database, "read the certificate history", connection -> Jdbc.query(connection, LATEST,
                // setMaxRows is the one row limit every JDBC driver understands.
                statement -> statement.setMaxRows(limit), JdbcCertificateHistory::event));
    }

    private static CertificateEvent event(ResultSet row) throws SQLException {
        String chain = row.getString("chainPem");
        CertificateFacts facts = chain == null ? null : new CertificateFacts(row.getString("serialNumber"),
                row.getString("issuer"), Jdbc.getInstant(row, "notBefore"), Jdbc.getInstant(row, "notAfter"), chain);
        return new CertificateEvent(Jdbc.getInstant(row, "eventTime"), CertificateEventType.valueOf(row.getString("eventType")),
                row.getString("actor"), Jdbc.splitNames(row.getString("nameList")), facts, row.getString("detail"));
    }
}
