package org.xmppcert.openfire.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the stores get a database connection. In the server this is Openfire's own pool
 * ({@code DbConnectionManager::getConnection}); tests hand in a connection to a real HSQLDB or
 * PostgreSQL database. Closing the connection returns it to its pool.
 */
@FunctionalInterface
public interface ConnectionSource {

    Connection connect() throws SQLException;
}
