package org.xmppcert.openfire.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.xmppcert.core.renewal.AriChoice;
import org.xmppcert.core.renewal.RenewalState;
import org.xmppcert.core.renewal.RenewalStateStore;

/**
 * Renewal states in table ofCmRenewal, one row per managed certificate. The database rather than
 * properties, because the nodes of a cluster share it: when seniority moves, the new senior member
 * knows the failures, the back-off and the alerts already sent, and neither hammers the CA nor
 * repeats a message.
 */
public final class JdbcRenewalStateStore implements RenewalStateStore {

    private static final String COLUMNS = "certNotAfter, failures, lastAttempt, lastError, lastAdvice, nextAttempt, "
            + "recentAttempts, ariStart, ariEnd, ariMoment, alertDays";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM ofCmRenewal WHERE certId=?";
    private static final String UPDATE = "UPDATE ofCmRenewal SET certNotAfter=?, failures=?, lastAttempt=?, lastError=?, "
            + "lastAdvice=?, nextAttempt=?, recentAttempts=?, ariStart=?, ariEnd=?, ariMoment=?, alertDays=? WHERE certId=?";
    private static final String INSERT = "INSERT INTO ofCmRenewal (" + COLUMNS + ", certId) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int ID_LENGTH = 255;

    private final ConnectionSource database;

    public JdbcRenewalStateStore(ConnectionSource database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Optional<RenewalState> load(String certificateId) {
        List<RenewalState> found = Jdbc.read(database, "read the renewal state of " + certificateId,
                connection -> Jdbc.query(connection, SELECT, statement -> statement.setString(1, certificateId),
                        JdbcRenewalStateStore::state));
        return found.stream().findFirst();
    }

    @Override
    public void save(String certificateId, RenewalState state) {
        Jdbc.fitting(certificateId, ID_LENGTH, "The certificate id");
        // The same values in the same order for both statements; the id comes last in each.
        Jdbc.Binder values = statement -> {
            Jdbc.setInstant(statement, 1, state.certificateNotAfter());
            statement.setInt(2, state.consecutiveFailures());
            Jdbc.setInstant(statement, 3, state.lastAttempt().orElse(null));
            statement.setString(4, state.lastError().orElse(null));
            statement.setString(5, state.lastAdvice().orElse(null));
            Jdbc.setInstant(statement, 6, state.nextAttempt().orElse(null));
            // Oracle stores an empty string as NULL, so an empty list is written as NULL everywhere.
            statement.setString(7, state.recentAttempts().isEmpty() ? null : joinInstants(state.recentAttempts()));
            Jdbc.setInstant(statement, 8, state.ariChoice().map(AriChoice::windowStart).orElse(null));
            Jdbc.setInstant(statement, 9, state.ariChoice().map(AriChoice::windowEnd).orElse(null));
            Jdbc.setInstant(statement, 10, state.ariChoice().map(AriChoice::moment).orElse(null));
            if (state.lowestAlertAnnounced().isPresent()) {
                statement.setInt(11, state.lowestAlertAnnounced().get());
            } else {
                statement.setNull(11, Types.INTEGER);
            }
            statement.setString(12, certificateId);
        };
        Jdbc.write(database, "save the renewal state of " + certificateId, connection -> {
            Jdbc.replace(connection, UPDATE, values, INSERT, values);
            return null;
        });
    }

    private static RenewalState state(ResultSet row) throws SQLException {
        Instant ariStart = Jdbc.getInstant(row, "ariStart");
        Optional<AriChoice> ariChoice = ariStart == null ? Optional.empty()
                : Optional.of(new AriChoice(ariStart, Jdbc.getInstant(row, "ariEnd"), Jdbc.getInstant(row, "ariMoment")));
        int alertDays = row.getInt("alertDays");
        Optional<Integer> lowestAlert = row.wasNull() ? Optional.empty() : Optional.of(alertDays);
        return new RenewalState(Jdbc.getInstant(row, "certNotAfter"), row.getInt("failures"),
                Optional.ofNullable(Jdbc.getInstant(row, "lastAttempt")), Optional.ofNullable(row.getString("lastError")),
                Optional.ofNullable(row.getString("lastAdvice")), Optional.ofNullable(Jdbc.getInstant(row, "nextAttempt")),
                splitInstants(row.getString("recentAttempts")), ariChoice, lowestAlert);
    }

    private static String joinInstants(List<Instant> instants) {
        return instants.stream().map(instant -> Long.toString(instant.toEpochMilli())).collect(Collectors.joining(","));
    }

    private static List<Instant> splitInstants(String joined) {
        if (joined == null) {
            return List.of();
        }
        return Arrays.stream(joined.split(",")).map(millis -> Instant.ofEpochMilli(Long.parseLong(millis))).toList();
    }
}
