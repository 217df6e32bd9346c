package org.jivesoftware.openfire;

import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.keystore.CertificateStoreManager;

/**
 * Stand-in for Openfire's server singleton: only the members the plugin calls, with Openfire 5.x's
 * signatures. Tests replace {@link #getInstance()} with Mockito's {@code mockStatic}.
 */
public class XMPPServer {

    public static XMPPServer getInstance() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public XMPPServerInfo getServerInfo() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public PluginManager getPluginManager() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public ConnectionManager getConnectionManager() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /** Sends a chat message to every admin, asynchronously. */
    public java.util.concurrent.Future<?> sendMessageToAdmins(String message) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public CertificateStoreManager getCertificateStoreManager() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
