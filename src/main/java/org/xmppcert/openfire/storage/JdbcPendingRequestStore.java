package org.xmppcert.openfire.storage;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.xmppcert.core.classic.PendingRequest;
import org.xmppcert.core.classic.PendingRequestStore;
import org.xmppcert.core.csr.CertificateSigningRequest;
import org.xmppcert.core.keys.KeyType;

/**
 * Pending classic-CA requests in table ofCmPending. The CSR is kept as PEM, the form the admin
 * pastes into the CA's page, so it can also be read straight from the database.
 */
public final class JdbcPendingRequestStore implements PendingRequestStore {

    private static final String COLUMNS = "nameList, keyType, csrPem, csrNames, sealedKey, xmppIds, createdAt, requestId";
    private static final String UPDATE = "UPDATE ofCmPending SET nameList=?, keyType=?, csrPem=?, csrNames=?, "
            + "sealedKey=?, xmppIds=?, createdAt=? WHERE requestId=?";
    private static final String INSERT = "INSERT INTO ofCmPending (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM ofCmPending";
    private static final String DELETE = "DELETE FROM ofCmPending WHERE requestId=?";

    private final ConnectionSource database;

    public JdbcPendingRequestStore(ConnectionSource database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public void save(PendingRequest request) {
        Jdbc.fitting(request.id(), 64, "A pending request id");
        Jdbc.Binder values = statement -> bind(statement, request);
        Jdbc.write(database, "save pending request " + request.id(),
                connection -> {
                    Jdbc.replace(connection, UPDATE, values, INSERT, values);
                    return null;
                });
    }

    @Override
    public Optional<PendingRequest> find(String id) {
        return Jdbc.read(database, "read pending request " + id,
                connection -> Jdbc.query(connection, SELECT + " WHERE requestId=?",
                        statement -> statement.setString(1, id), JdbcPendingRequestStore::request))
                .stream().findFirst();
    }

    @Override
    public List<PendingRequest> list() {
        return Jdbc.read(database, "list pending requests",
                connection -> Jdbc.query(connection, SELECT + " ORDER BY createdAt, requestId",
                        statement -> { }, JdbcPendingRequestStore::request));
    }

    @Override
    public void delete(String id) {
        Jdbc.write(database, "delete pending request " + id,
                connection -> Jdbc.update(connection, DELETE, statement -> statement.setString(1, id)));
    }

    private static void bind(PreparedStatement statement, PendingRequest request) throws SQLException {
        statement.setString(1, Jdbc.joinNames(request.names()));
        statement.setString(2, request.keyType().name());
        statement.setString(3, request.csr().pem());
        statement.setString(4, Jdbc.joinNames(request.csr().dnsNames()));
        statement.setString(5, request.sealedKey());
        statement.setInt(6, request.xmppIdentities() ? 1 : 0);
        Jdbc.setInstant(statement, 7, request.createdAt());
        statement.setString(8, request.id());
    }

    private static PendingRequest request(ResultSet row) throws SQLException {
        CertificateSigningRequest csr = new CertificateSigningRequest(der(row.getString("csrPem")),
                Jdbc.splitNames(row.getString("csrNames")));
        return new PendingRequest(row.getString("requestId"), Jdbc.splitNames(row.getString("nameList")),
                KeyType.valueOf(row.getString("keyType")), csr, row.getString("sealedKey"),
                Jdbc.getInstant(row, "createdAt"), row.getInt("xmppIds") != 0);
    }

    static byte[] der(String pem) {
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            PemObject object = reader.readPemObject();
            if (object == null) {
                throw new IllegalStateException("A stored certificate request is not PEM");
            }
            return object.getContent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
