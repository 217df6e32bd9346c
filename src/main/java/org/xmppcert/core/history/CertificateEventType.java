package org.xmppcert.core.history;

/**
 * What happened to a server certificate, or around it; the history page and the database keep these
 * names (at most 16 characters, the width of the column).
 */
public enum CertificateEventType {
    /** A certificate for a set of names was obtained for the first time. */
    ISSUED,
    /** A certificate replaced an earlier one for the same names. */
    RENEWED,
    /** A certificate was revoked at the CA. */
    REVOKED,
    /** An attempt to issue, renew or revoke failed; the detail says why. */
    FAILED,
    /** An admin changed the plugin's settings; the detail says which, never a secret's value. */
    SETTINGS_CHANGED,
    /** An admin did something else that changes no certificate (started or cancelled a request, ...). */
    ADMIN_ACTION;

    /** Whether an event of this type is about a certificate that exists, whose facts it must carry. */
    public boolean concernsACertificate() {
        return this == ISSUED || this == RENEWED || this == REVOKED;
    }
}
