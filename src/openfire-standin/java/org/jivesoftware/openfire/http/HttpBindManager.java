package org.jivesoftware.openfire.http;

import org.eclipse.jetty.ee8.nested.ContextHandler;

/**
 * Stand-in for the manager of Openfire's public web server (BOSH and WebSocket, ports 7070 and
 * 7443): only the members the plugin calls.
 */
public final class HttpBindManager {

    public static synchronized HttpBindManager getInstance() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public void addJettyHandler(ContextHandler handler) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public void removeJettyHandler(ContextHandler handler) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
