package org.jivesoftware.openfire;

import java.util.Collection;

import org.jivesoftware.openfire.session.ComponentSession;

/** Stand-in for Openfire's session manager (a module in Openfire): only the members the plugin calls. */
public class SessionManager {

    public Collection<ComponentSession> getComponentSessions() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
