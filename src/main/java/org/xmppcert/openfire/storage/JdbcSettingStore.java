package org.xmppcert.openfire.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * Settings too large for an Openfire property (which some databases cap at 4000 characters), such as
 * a bundle of trusted roots, in table ofCmSetting. Values are kept as given: secrets go through a
 * {@link org.xmppcert.core.secrets.SecretSealer} first.
 */
public final class JdbcSettingStore {

    private static final String UPDATE = "UPDATE ofCmSetting SET settingValue=? WHERE settingName=?";
    private static final String INSERT = "INSERT INTO ofCmSetting (settingValue, settingName) VALUES (?, ?)";
    private static final String SELECT = "SELECT settingValue FROM ofCmSetting WHERE settingName=?";
    private static final String DELETE = "DELETE FROM ofCmSetting WHERE settingName=?";

    private final ConnectionSource database;

    public JdbcSettingStore(ConnectionSource database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    public Optional<String> get(String name) {
        return Jdbc.read(database, "read setting " + name, connection -> Jdbc.query(connection, SELECT,
                statement -> statement.setString(1, name), row -> row.getString(1))).stream().findFirst();
    }

    /** @param value not empty: Oracle cannot tell an empty text from a missing one */
    public void put(String name, String value) {
        Jdbc.fitting(name, 100, "A setting name");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("Setting " + name + " cannot be empty; remove it instead");
        }
        Jdbc.Binder values = statement -> {
            statement.setString(1, value);
            statement.setString(2, name);
        };
        Jdbc.write(database, "save setting " + name, connection -> {
            Jdbc.replace(connection, UPDATE, values, INSERT, values);
            return null;
        });
    }

    /** Removing an unknown setting does nothing. */
    public void remove(String name) {
        Jdbc.write(database, "remove setting " + name,
                connection -> Jdbc.update(connection, DELETE, statement -> statement.setString(1, name)));
    }
}
