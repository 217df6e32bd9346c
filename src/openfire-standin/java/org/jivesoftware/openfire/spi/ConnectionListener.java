package org.jivesoftware.openfire.spi;

import java.net.InetAddress;

import org.jivesoftware.openfire.Connection;

/** Stand-in for Openfire's socket listener: only the members the plugin calls. */
public class ConnectionListener {

    public boolean isEnabled() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public InetAddress getBindAddress() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public ConnectionType getType() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public int getPort() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public Connection.TLSPolicy getTLSPolicy() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
