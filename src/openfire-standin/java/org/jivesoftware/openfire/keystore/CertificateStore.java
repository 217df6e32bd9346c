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
