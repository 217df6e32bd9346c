package org.xmppcert.openfire.service;

/**
 * Where admin-visible actions are recorded besides the certificate history: in the server,
 * Openfire's security audit log, which admins already read for who changed what.
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
