package org.jivesoftware.database;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Stand-in for Openfire's database access point (same signature as Openfire 5.x); compile-only.
 * The stand-in has no database: the plugin's stores are tested against real databases through a
 * connection source of their own.
 */
public class DbConnectionManager {

    public static Connection getConnection() throws SQLException {
        throw new SQLException("The Openfire API stand-in has no database");
    }
}
