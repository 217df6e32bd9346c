package org.xmppcert.openfire.storage;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

import org.xmppcert.core.issuance.NameSet;
import org.xmppcert.core.issuance.OrderRecord;
import org.xmppcert.core.issuance.OrderStep;
import org.xmppcert.core.issuance.OrderStore;
import org.xmppcert.core.keys.KeyType;

/**
 * ACME orders in flight in table ofCmOrder, one row per {@link NameSet}. The row is keyed by a
 * digest of the set's identity, since a set of many long names is too long a key for some databases.
 */
public final class JdbcOrderStore implements OrderStore {

    private static final String COLUMNS =
            "nameList, keyType, sealedKey, directoryUrl, orderUrl, orderStep, chainPem, updatedAt, nameSetId";
    private static final String UPDATE = "UPDATE ofCmOrder SET nameList=?, keyType=?, sealedKey=?, directoryUrl=?, "
            + "orderUrl=?, orderStep=?, chainPem=?, updatedAt=? WHERE nameSetId=?";
    private static final String INSERT = "INSERT INTO ofCmOrder (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM ofCmOrder WHERE nameSetId=?";
    private static final String DELETE = "DELETE FROM ofCmOrder WHERE nameSetId=?";

    private final ConnectionSource database;

    public JdbcOrderStore(ConnectionSource database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public void save(OrderRecord record) {
        Jdbc.Binder values = statement -> bind(statement, record);
        Jdbc.write(database, "save the order for " + record.nameSet(), connection -> {
            Jdbc.replace(connection, UPDATE, values, INSERT, values);
            return null;
        });
    }

    @Override
    public Optional<OrderRecord> load(NameSet names) {
        return Jdbc.read(database, "read the order for " + names,
                connection -> Jdbc.query(connection, SELECT,
                        statement -> statement.setString(1, key(names)), JdbcOrderStore::order))
                .stream().findFirst();
    }

    @Override
    public void delete(NameSet names) {
        Jdbc.write(database, "delete the order for " + names,
                connection -> Jdbc.update(connection, DELETE, statement -> statement.setString(1, key(names))));
    }

    private static String key(NameSet names) {
        return Jdbc.digestKey(names.key());
    }

    private static void bind(PreparedStatement statement, OrderRecord record) throws SQLException {
        statement.setString(1, Jdbc.joinNames(record.names()));
        statement.setString(2, record.keyType().name());
        statement.setString(3, record.sealedKeyPair());
        statement.setString(4, Jdbc.fitting(record.directory().toString(), 1000, "The CA directory URL"));
        statement.setString(5, Jdbc.fitting(record.orderUrl().toString(), 1000, "The order URL"));
        statement.setString(6, record.step().name());
        statement.setString(7, record.chainPem());
        Jdbc.setInstant(statement, 8, record.updated());
        statement.setString(9, key(record.nameSet()));
    }

    private static OrderRecord order(ResultSet row) throws SQLException {
        return new OrderRecord(Jdbc.splitNames(row.getString("nameList")), KeyType.valueOf(row.getString("keyType")),
                row.getString("sealedKey"), URI.create(row.getString("directoryUrl")),
                URI.create(row.getString("orderUrl")), OrderStep.valueOf(row.getString("orderStep")),
                row.getString("chainPem"), Jdbc.getInstant(row, "updatedAt"));
    }
}
