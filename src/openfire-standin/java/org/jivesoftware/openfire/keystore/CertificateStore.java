package org.jivesoftware.openfire.keystore;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Stand-in for Openfire's certificate store. Loading a key store file and listing its certificates
 * work, so that tests read real key stores through the same calls the plugin makes on a live server.
 */
public abstract class CertificateStore {

    protected final KeyStore store;
    protected final CertificateStoreConfiguration configuration;

    public CertificateStore(CertificateStoreConfiguration configuration, boolean createIfAbsent)
            throws CertificateStoreConfigException {
        if (configuration == null) {
            throw new IllegalArgumentException("Argument 'configuration' cannot be null.");
        }
        this.configuration = configuration;
        try {
            store = KeyStore.getInstance(configuration.getType());
            if (createIfAbsent && !configuration.getFile().exists()) {
                store.load(null, configuration.getPassword());
                try (OutputStream out = new FileOutputStream(configuration.getFile())) {
                    store.store(out, configuration.getPassword());
                }
            } else {
                try (InputStream in = new FileInputStream(configuration.getFile())) {
                    store.load(in, configuration.getPassword());
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new CertificateStoreConfigException("Unable to load store of type '" + configuration.getType()
                    + "' from file '" + configuration.getFile() + "'", e);
        }
    }

    /** Re-reads the file into the same {@link KeyStore} object, then tells the certificate listeners. */
    public void reload() throws CertificateStoreConfigException {
        try (InputStream in = new FileInputStream(configuration.getFile())) {
            store.load(in, configuration.getPassword());
        } catch (IOException | GeneralSecurityException e) {
            throw new CertificateStoreConfigException("Unable to reload store in '" + configuration.getFile() + "'", e);
        }
        org.jivesoftware.util.CertificateManager.fireCertificateStoreChanged(this);
    }

    /** Writes the in-memory store to its file. Fires nothing: only a reload does. */
    public void persist() throws CertificateStoreConfigException {
        try (OutputStream out = new FileOutputStream(configuration.getFile())) {
            store.store(out, configuration.getPassword());
        } catch (IOException | GeneralSecurityException e) {
            throw new CertificateStoreConfigException("Unable to save changes to store in '" + configuration.getFile() + "'", e);
        }
    }

    /** Copies the file to {@code <backup dir>/<file name>.<epoch millis>}; null when the copy failed. */
    public java.nio.file.Path backup() {
        java.nio.file.Path original = configuration.getFile().toPath();
        java.nio.file.Path copy = configuration.getBackupDirectory().toPath()
                .resolve(original.getFileName() + "." + System.currentTimeMillis());
        try {
            return java.nio.file.Files.copy(original, copy);
        } catch (IOException e) {
            return null;
        }
    }

    public Map<String, X509Certificate> getAllCertificates() throws KeyStoreException {
        Map<String, X509Certificate> certificates = new HashMap<>();
        for (String alias : Collections.list(store.aliases())) {
            Certificate certificate = store.getCertificate(alias);
            if (certificate instanceof X509Certificate x509) {
                certificates.put(alias, x509);
            }
        }
        return certificates;
    }

    public KeyStore getStore() {
        return store;
    }

    public CertificateStoreConfiguration getConfiguration() {
        return configuration;
    }
}
