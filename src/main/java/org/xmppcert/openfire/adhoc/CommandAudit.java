package org.xmppcert.openfire.adhoc;

import org.jivesoftware.openfire.security.SecurityAuditManager;

/**
 * Where each execution of a certificate command is recorded. Openfire's security audit log is the
 * record admins already read for what other admins did; an interface keeps the commands
 * independent of where the record goes.
 */
@FunctionalInterface
public interface CommandAudit {

    /**
     * @param username the admin's username (or bare JID when the admin is of another domain)
     * @param summary  one line: which command, by whom
     * @param details  what it did; never a secret
     */
    void record(String username, String summary, String details);

    static CommandAudit securityAuditLog() {
        return (username, summary, details) -> SecurityAuditManager.getInstance().logEvent(username, summary, details);
    }
}
