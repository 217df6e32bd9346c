package org.xmppcert.core.renewal;

/** How a certificate was obtained, which decides whether it can renew itself. */
public enum IssuanceKind {
    /** From an ACME CA: renewed automatically. */
    ACME,
    /** From a CA that mails a verification code: a person must renew it, so the admins get reminders. */
    CLASSIC
}
