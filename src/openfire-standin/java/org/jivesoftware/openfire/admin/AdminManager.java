package org.jivesoftware.openfire.admin;

import java.util.List;

import org.xmpp.packet.JID;

/** Stand-in for Openfire's list of admins: only the members the plugin calls. */
public class AdminManager {

    public static AdminManager getInstance() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /**
     * @param allowAdminIfEmpty whether anyone counts as admin while no admin is configured
     */
    public boolean isUserAdmin(JID jid, boolean allowAdminIfEmpty) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /** The admins' bare JIDs, local users and, with some admin providers, users of other domains. */
    public List<JID> getAdminAccounts() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
