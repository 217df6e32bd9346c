package org.xmppcert.openfire.storage;

import java.sql.SQLException;

import org.xmppcert.testing.PostgresCluster;

/** The stores on PostgreSQL, in a throwaway cluster of Debian's server started for the tests. */
class PostgresqlStoresTest extends JdbcStoresContract {

    @Override
    String databaseType() {
        return "postgresql";
    }

    @Override
    String newDatabaseUrl() throws SQLException {
        return PostgresCluster.shared().newDatabase();
    }

    @Override
    String user() {
        return PostgresCluster.shared().user();
    }
}
