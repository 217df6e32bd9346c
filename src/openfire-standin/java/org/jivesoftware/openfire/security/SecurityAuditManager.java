package org.jivesoftware.openfire.security;

/** Stand-in for Openfire's security audit log (Admin Console, Server, Security Audit Viewer). */
public class SecurityAuditManager {

    public static SecurityAuditManager getInstance() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public void logEvent(String username, String summary, String details) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
