package org.jivesoftware.openfire.commands;

/**
 * Stand-in for Openfire's XEP-0050 handler on the server's JID: only the members the plugin calls.
 * Adding a command also lists it in service discovery, for requesters it permits.
 */
public class AdHocCommandHandler {

    public void addCommand(AdHocCommand command) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public void removeCommand(AdHocCommand command) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
