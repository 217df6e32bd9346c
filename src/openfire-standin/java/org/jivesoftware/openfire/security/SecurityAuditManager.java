package org.jivesoftware.openfire.security;

/**
 * Stand-in for Openfire's security audit log (what admins did, shown on the console's audit
 * page): only the members the plugin calls, same signatures as Openfire 5.x; compile-only.
 */
public class SecurityAuditManager {

    public static SecurityAuditManager getInstance() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /**
     * @param username the admin who acted; Openfire's default provider requires it
     * @param summary  one line
     * @param details  more, may be null
     */
    public void logEvent(String username, String summary, String details) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
