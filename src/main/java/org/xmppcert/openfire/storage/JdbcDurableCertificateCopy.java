package org.xmppcert.openfire.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.xmppcert.core.keys.CertificateChainCodec;
import org.xmppcert.core.keys.KeyPairCodec;
import org.xmppcert.core.secrets.SecretSealer;
import org.xmppcert.openfire.install.CertificateBundle;
import org.xmppcert.openfire.install.DurableCertificateCopy;

/**
 * The installer's durable copy in table ofCmCertCopy: the chain as PEM and the private key sealed.
 * The database outlives a crash between the live install and the key store file write, and unlike
 * a file next to the key store it is in the server's backups.
 */
public final class JdbcDurableCertificateCopy implements DurableCertificateCopy {

    /** The one copy the installer keeps; the key column exists so a save can replace it in place. */
    private static final String COPY = "installed";
    private static final String UPDATE = "UPDATE ofCmCertCopy SET chainPem=?, sealedKey=?, savedAt=? WHERE copyName=?";
    private static final String INSERT = "INSERT INTO ofCmCertCopy (chainPem, sealedKey, savedAt, copyName) VALUES (?, ?, ?, ?)";
    private static final String SELECT = "SELECT chainPem, sealedKey FROM ofCmCertCopy WHERE copyName=?";
    private static final String DELETE = "DELETE FROM ofCmCertCopy WHERE copyName=?";

    private final ConnectionSource database;
    private final SecretSealer sealer;
    private final Clock clock;

    /** @param clock stamps the copy with when it was saved, for an admin reading the table */
    public JdbcDurableCertificateCopy(ConnectionSource database, SecretSealer sealer, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void save(CertificateBundle bundle) throws IOException {
        String chain = CertificateChainCodec.toPem(bundle.chain());
        String sealedKey = sealer.seal(KeyPairCodec.toPem(new KeyPair(bundle.leaf().getPublicKey(), bundle.key()))
                .getBytes(StandardCharsets.UTF_8));
        Jdbc.Binder values = statement -> {
            statement.setString(1, chain);
            statement.setString(2, sealedKey);
            Jdbc.setInstant(statement, 3, clock.instant());
            statement.setString(4, COPY);
        };
        try {
            Jdbc.write(database, "save the durable copy of " + bundle, connection -> {
                Jdbc.replace(connection, UPDATE, values, INSERT, values);
                return null;
            });
        } catch (StorageException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<CertificateBundle> load() throws IOException {
        List<String[]> rows;
        try {
            rows = Jdbc.read(database, "read the durable certificate copy", connection -> Jdbc.query(connection, SELECT,
                    statement -> statement.setString(1, COPY), JdbcDurableCertificateCopy::columns));
        } catch (StorageException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        try {
            List<X509Certificate> chain = CertificateChainCodec.fromPem(rows.get(0)[0]);
            KeyPair keyPair = KeyPairCodec.fromPem(new String(sealer.open(rows.get(0)[1]), StandardCharsets.UTF_8));
            return Optional.of(CertificateBundle.of(keyPair.getPrivate(), chain));
        } catch (IllegalArgumentException e) {
            // Typically Openfire's encryption key changed since the copy was sealed; the key stores are untouched.
            throw new IOException("The durable certificate copy cannot be restored: " + e.getMessage(), e);
        }
    }

    @Override
    public void discard() throws IOException {
        try {
            Jdbc.write(database, "discard the durable certificate copy",
                    connection -> Jdbc.update(connection, DELETE, statement -> statement.setString(1, COPY)));
        } catch (StorageException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static String[] columns(ResultSet row) throws SQLException {
        return new String[] {row.getString("chainPem"), row.getString("sealedKey")};
    }
}
