package org.jivesoftware.openfire;

import org.jivesoftware.openfire.spi.ConnectionListener;
import org.jivesoftware.openfire.spi.ConnectionType;

/** Stand-in for Openfire's connection manager: only the members the plugin calls. */
public interface ConnectionManager {

    ConnectionListener getListener(ConnectionType type, boolean startInDirectTlsMode);
}
