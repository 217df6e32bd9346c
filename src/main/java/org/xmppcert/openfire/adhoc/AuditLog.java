package org.xmppcert.openfire.adhoc;

/**
 * Where each command an admin runs is recorded: in the server, Openfire's security audit log
 * (through {@code AuditTrail#logOnly}), which admins already read for who did what. What a command
 * changes is recorded by the service in the history as well.
 */
@FunctionalInterface
public interface AuditLog {

    /**
     * @param actor   the admin's username, or {@code scheduler}
     * @param summary one line, such as "Requested a certificate"; never a secret
     * @param details more for the reader, or null; never a secret
     */
    void record(String actor, String summary, String details);
}
