package org.jivesoftware.openfire.component;

import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/** Stand-in for Openfire's component event listener, with all its methods. */
public interface ComponentEventListener {

    void componentRegistered(JID componentJID);

    void componentUnregistered(JID componentJID);

    void componentInfoReceived(IQ iq);
}
