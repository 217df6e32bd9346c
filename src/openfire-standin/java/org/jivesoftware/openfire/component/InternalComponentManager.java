package org.jivesoftware.openfire.component;

import org.xmpp.packet.JID;

/**
 * Stand-in for Openfire's component manager (a module in Openfire): only the members the plugin
 * calls. The real {@code addListener} at once replays {@code componentRegistered} for every
 * component already routed.
 */
public class InternalComponentManager {

    public static InternalComponentManager getInstance() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /** The manager's own address, {@code component.<domain>}, which it also puts in the routing table. */
    public JID getAddress() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public void addListener(ComponentEventListener listener) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public void removeListener(ComponentEventListener listener) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
