package org.xmppcert.core.history;

/** What happened to a server certificate; the history page and the database keep these names. */
public enum CertificateEventType {
    /** A certificate for a set of names was obtained for the first time. */
    ISSUED,
    /** A certificate replaced an earlier one for the same names. */
    RENEWED,
    /** A certificate was revoked at the CA. */
    REVOKED,
    /** An attempt to issue, renew or revoke failed; the detail says why. */
    FAILED
}
