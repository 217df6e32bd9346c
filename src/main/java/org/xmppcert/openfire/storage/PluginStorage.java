package org.xmppcert.openfire.storage;

import java.time.Clock;
import java.util.Objects;

import org.jivesoftware.database.DbConnectionManager;
import org.jivesoftware.util.JiveGlobals;
import org.xmppcert.core.classic.PendingRequestStore;
import org.xmppcert.core.history.CertificateHistory;
import org.xmppcert.core.issuance.AccountStore;
import org.xmppcert.core.issuance.OrderStore;
import org.xmppcert.core.renewal.RenewalStateStore;
import org.xmppcert.core.secrets.SecretSealer;
import org.xmppcert.openfire.install.DurableCertificateCopy;

/**
 * Everything the plugin keeps, over one database and one sealer. In the server that is Openfire's
 * connection pool, with the tables Openfire created from database/ at plugin load, and Openfire's
 * property encryptor. Nothing touches the database until a store is used.
 */
public final class PluginStorage {

    private final ConnectionSource database;
    private final SecretSealer sealer;
    private final Clock clock;

    public PluginStorage(ConnectionSource database, SecretSealer sealer, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Openfire's database and property encryptor. */
    public static PluginStorage openfire() {
        return new PluginStorage(DbConnectionManager::getConnection,
                new PropertyEncryptorSealer(JiveGlobals::getPropertyEncryptor), Clock.systemUTC());
    }

    /** Seals what goes into the records below (account and certificate keys) before they are saved. */
    public SecretSealer sealer() {
        return sealer;
    }

    public AccountStore accounts() {
        return new JdbcAccountStore(database, clock);
    }

    public OrderStore orders() {
        return new JdbcOrderStore(database);
    }

    public PendingRequestStore pendingRequests() {
        return new JdbcPendingRequestStore(database);
    }

    /** The classic request of the certificate installed last, kept for its renewal. */
    public FulfilledRequestStore fulfilledRequests() {
        return new FulfilledRequestStore(settings());
    }

    public CertificateHistory history() {
        return new JdbcCertificateHistory(database);
    }

    public DurableCertificateCopy durableCopy() {
        return new JdbcDurableCertificateCopy(database, sealer, clock);
    }

    public RenewalStateStore renewalStates() {
        return new JdbcRenewalStateStore(database);
    }

    public JdbcSettingStore settings() {
        return new JdbcSettingStore(database);
    }
}
