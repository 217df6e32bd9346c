package org.jivesoftware.openfire;

import org.xmpp.packet.Message;

/** Stand-in for Openfire's message router (a module in Openfire): only the members the plugin calls. */
public class MessageRouter {

    public void route(Message packet) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
