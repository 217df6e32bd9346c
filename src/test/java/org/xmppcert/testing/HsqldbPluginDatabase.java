package org.xmppcert.testing;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import org.xmppcert.openfire.storage.PluginStorage;
import org.xmppcert.openfire.storage.PropertyEncryptorSealer;

/**
 * A fresh in-memory HSQLDB with Openfire's version table and the plugin's tables, installed by the
 * plugin's own script as Openfire installs it; dropped on close.
 */
public final class HsqldbPluginDatabase implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final String url;

    public HsqldbPluginDatabase() throws SQLException, IOException {
        this.url = "jdbc:hsqldb:mem:plugin" + DATABASES.incrementAndGet() + "x" + System.nanoTime();
        try (Connection connection = connect()) {
            OpenfireSchemaScripts.installOnFreshServer(connection, "hsqldb");
        }
    }

    /** A new connection, as Openfire's DbConnectionManager hands them out. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "SA", "");
    }

    /** The plugin's storage on this database, secrets sealed with the test property encryptor. */
    public PluginStorage storage() {
        return new PluginStorage(this::connect,
                new PropertyEncryptorSealer(() -> TestPropertyEncryptor.authenticated("server key")), Clock.systemUTC());
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }
}
