package org.xmppcert.openfire.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The few JDBC idioms every store shares, written once. Only portable SQL is used (no upsert or
 * LIMIT syntax), because the same statements run on every database Openfire supports.
 */
final class Jdbc {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private Jdbc() {
    }

    /** Runs {@code work} on a connection of its own. */
    static <T> T read(ConnectionSource source, String action, Work<T> work) {
        try (Connection connection = source.connect()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StorageException(action, e);
        }
    }

    /** Runs {@code work} in one transaction: it takes effect completely or not at all. */
    static void write(ConnectionSource source, String action, Work<?> work) {
        try (Connection connection = source.connect()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                // The connection goes back to Openfire's pool as it came out.
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StorageException(action, e);
        }
    }

    static int update(Connection connection, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        }
    }

    /** Updates the row if it exists, else inserts it: the portable form of an upsert. */
    static void replace(Connection connection, String updateSql, Binder updateBinder, String insertSql,
                        Binder insertBinder) throws SQLException {
        if (update(connection, updateSql, updateBinder) == 0) {
            update(connection, insertSql, insertBinder);
        }
    }

    /** The rows {@code sql} selects, each read by {@code reader}. */
    static <T> List<T> query(Connection connection, String sql, Binder binder, RowReader<T> reader)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(reader.read(rows));
                }
                return found;
            }
        }
    }

    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, instant.toEpochMilli());
        }
    }

    static Instant getInstant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    /** Names are DNS names, which never contain a comma. */
    static String joinNames(List<String> names) {
        for (String name : names) {
            if (name.contains(",")) {
                throw new IllegalArgumentException("Not a DNS name: " + name);
            }
        }
        return String.join(",", names);
    }

    static List<String> splitNames(String joined) {
        return List.of(joined.split(","));
    }

    /**
     * A fixed-length key for a value that may be too long to index on every database (MySQL and
     * SQL Server cap index keys at a few hundred characters).
     */
    static String digestKey(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    /** Refuses what the column could not hold, before the database truncates or rejects it obscurely. */
    static String fitting(String value, int maxLength, String what) {
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(what + " is longer than " + maxLength + " characters");
        }
        return value;
    }
}
