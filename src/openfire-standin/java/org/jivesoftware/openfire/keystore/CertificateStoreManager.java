package org.jivesoftware.openfire.keystore;

import org.jivesoftware.openfire.spi.ConnectionType;

/**
 * Stand-in for Openfire's certificate store module (a {@code BasicModule} in Openfire; the plugin
 * uses none of the module methods): only the members the plugin calls.
 */
public class CertificateStoreManager {

    public IdentityStore getIdentityStore(ConnectionType type) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /** Copies every distinct store file to its backup directory; throws if any copy failed. */
    public java.util.Collection<java.nio.file.Path> backup() throws java.io.IOException {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
