package org.jivesoftware.openfire.http;

import org.eclipse.jetty.ee8.nested.ContextHandler;
import org.jivesoftware.openfire.keystore.CertificateStore;
import org.jivesoftware.util.CertificateEventListener;
import org.jivesoftware.util.SystemProperty;

/**
 * Stand-in for the manager of Openfire's public web server (BOSH and WebSocket, ports 7070 and
 * 7443): only the members the plugin calls.
 */
public final class HttpBindManager implements CertificateEventListener {

    public static final SystemProperty<Integer> HTTP_BIND_SECURE_PORT = SystemProperty.Builder.ofType(Integer.class)
            .setKey("httpbind.port.secure")
            .setDynamic(true)
            .setDefaultValue(7443)
            .build();

    private HttpBindManager() {
    }

    public static synchronized HttpBindManager getInstance() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public boolean isHttpsBindActive() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /** In Openfire: stops and starts the HTTP-bind Jetty, which re-reads the identity store. */
    @Override
    public void storeContentChanged(CertificateStore store) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public void addJettyHandler(ContextHandler handler) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public void removeJettyHandler(ContextHandler handler) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
