package org.xmppcert.openfire.storage;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import org.xmppcert.core.issuance.AccountRecord;
import org.xmppcert.core.issuance.AccountStore;

/**
 * ACME accounts in table ofCmAccount, one per CA directory. Rows are keyed by a digest of the
 * directory URL, which may be too long to index on some databases.
 */
public final class JdbcAccountStore implements AccountStore {

    private static final String UPDATE =
            "UPDATE ofCmAccount SET directoryUrl=?, accountUrl=?, sealedKey=?, updatedAt=? WHERE directoryId=?";
    private static final String INSERT =
            "INSERT INTO ofCmAccount (directoryUrl, accountUrl, sealedKey, updatedAt, directoryId) VALUES (?, ?, ?, ?, ?)";
    private static final String SELECT =
            "SELECT directoryUrl, accountUrl, sealedKey FROM ofCmAccount WHERE directoryId=?";

    private final ConnectionSource database;
    private final Clock clock;

    /** @param clock stamps each row with when the account was last saved, for an admin reading the table */
    public JdbcAccountStore(ConnectionSource database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void save(AccountRecord account) {
        String directory = Jdbc.fitting(account.directory().toString(), 1000, "The CA directory URL");
        String accountUrl = Jdbc.fitting(account.accountUrl().toString(), 1000, "The account URL");
        Jdbc.Binder values = statement -> {
            statement.setString(1, directory);
            statement.setString(2, accountUrl);
            statement.setString(3, account.sealedKeyPair());
            Jdbc.setInstant(statement, 4, clock.instant());
            statement.setString(5, Jdbc.digestKey(directory));
        };
        Jdbc.write(database, "save the ACME account at " + directory, connection -> {
            Jdbc.replace(connection, UPDATE, values, INSERT, values);
            return null;
        });
    }

    @Override
    public Optional<AccountRecord> load(URI directory) {
        return Jdbc.read(database, "read the ACME account at " + directory,
                connection -> Jdbc.query(connection, SELECT,
                        statement -> statement.setString(1, Jdbc.digestKey(directory.toString())),
                        JdbcAccountStore::account))
                .stream().findFirst();
    }

    private static AccountRecord account(ResultSet row) throws SQLException {
        return new AccountRecord(URI.create(row.getString("directoryUrl")), URI.create(row.getString("accountUrl")),
                row.getString("sealedKey"));
    }
}
