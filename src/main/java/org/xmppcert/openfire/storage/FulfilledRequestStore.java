package org.xmppcert.openfire.storage;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

import org.xmppcert.core.classic.PendingRequest;
import org.xmppcert.core.csr.CertificateSigningRequest;
import org.xmppcert.core.keys.KeyType;

/**
 * The classic-CA request whose certificate was installed last, kept after its answer so that its
 * CSR can be handed to the CA again at renewal time ({@link org.xmppcert.core.classic.ClassicCaFlow#renew}):
 * classic CAs cannot renew on their own, and "paste the same CSR again" is their renewal. One
 * request is kept, the latest, since the plugin looks after one certificate. It lives in
 * ofCmSetting under one name, as properties text: a table of its own would buy nothing for a
 * single row. The key in it stays sealed as the pending request had it.
 */
public final class FulfilledRequestStore {

    static final String SETTING = "classic.fulfilledRequest";

    private final JdbcSettingStore settings;

    public FulfilledRequestStore(JdbcSettingStore settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The request of the classic certificate installed last, or empty if none was. */
    public Optional<PendingRequest> latest() {
        return settings.get(SETTING).map(FulfilledRequestStore::decode);
    }

    /** Keeps {@code fulfilled} in place of the one kept before. */
    public void keep(PendingRequest fulfilled) {
        settings.put(SETTING, encode(fulfilled));
    }

    static String encode(PendingRequest request) {
        Properties properties = new Properties();
        properties.setProperty("id", request.id());
        properties.setProperty("names", Jdbc.joinNames(request.names()));
        properties.setProperty("keyType", request.keyType().name());
        properties.setProperty("csrPem", request.csr().pem());
        properties.setProperty("csrNames", Jdbc.joinNames(request.csr().dnsNames()));
        properties.setProperty("sealedKey", request.sealedKey());
        properties.setProperty("createdAt", Long.toString(request.createdAt().toEpochMilli()));
        properties.setProperty("xmppIdentities", Boolean.toString(request.xmppIdentities()));
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    static PendingRequest decode(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new StorageException("read the saved classic request", e);
        }
        try {
            CertificateSigningRequest csr = new CertificateSigningRequest(
                    JdbcPendingRequestStore.der(required(properties, "csrPem")),
                    Jdbc.splitNames(required(properties, "csrNames")));
            return new PendingRequest(required(properties, "id"), Jdbc.splitNames(required(properties, "names")),
                    KeyType.valueOf(required(properties, "keyType")), csr, required(properties, "sealedKey"),
                    Instant.ofEpochMilli(Long.parseLong(required(properties, "createdAt"))),
                    Boolean.parseBoolean(required(properties, "xmppIdentities")));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new StorageException("read the saved classic request", e);
        }
    }

    private static String required(Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("it lacks its " + name);
        }
        return value;
    }
}
