package org.jivesoftware.openfire.muc;

import java.util.List;

/** Stand-in for Openfire's MUC module: only the members the plugin calls. */
public class MultiUserChatManager {

    public List<MultiUserChatService> getMultiUserChatServices() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
