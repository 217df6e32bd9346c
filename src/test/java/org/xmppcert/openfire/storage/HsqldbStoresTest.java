package org.xmppcert.openfire.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;

/** The stores on HSQLDB, the embedded database Openfire sets up by default. */
class HsqldbStoresTest extends JdbcStoresContract {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private String url;

    @Override
    String databaseType() {
        return "hsqldb";
    }

    @Override
    String newDatabaseUrl() {
        url = "jdbc:hsqldb:mem:certmgr" + DATABASES.incrementAndGet();
        return url;
    }

    @Override
    String user() {
        return "SA";
    }

    @AfterEach
    void dropTheDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user(), "");
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }
}
