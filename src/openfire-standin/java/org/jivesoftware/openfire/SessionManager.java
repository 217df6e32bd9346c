package org.jivesoftware.openfire;

import java.util.Collection;
import java.util.Locale;

import org.jivesoftware.openfire.session.ComponentSession;
import org.xmpp.packet.JID;

/** Stand-in for Openfire's session manager (a module in Openfire): only the members the plugin calls. */
public class SessionManager {

    public Collection<ComponentSession> getComponentSessions() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /** The language the client session of {@code address} declared (xml:lang); null when there is none or it is not local. */
    public Locale getLocaleForSession(JID address) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
