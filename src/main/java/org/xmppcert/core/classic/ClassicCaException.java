package org.xmppcert.core.classic;

/**
 * A step of the classic flow failed. The message is meant for the admin as is: it says what is wrong
 * with what was given and what to do. Nothing is lost by the failure: the pending request stays as it
 * was, so the admin can try again with the right file.
 */
public class ClassicCaException extends Exception {

    /** Why, so callers can react (e.g. offer an upload field for CA certificates) without parsing text. */
    public enum Reason {
        /** No pending request has that id (already accepted, or deleted). */
        UNKNOWN_REQUEST,
        /** The request's sealed key cannot be opened with this server's sealing key. */
        KEY_UNREADABLE,
        /** The input holds no certificate in a format we read. */
        NOT_A_CERTIFICATE,
        /** The certificate is for a key other than the request's. */
        WRONG_KEY,
        /** The certificate leaves out requested names. */
        MISSING_NAMES,
        NOT_YET_VALID,
        EXPIRED,
        /** The chain does not lead to a trusted root (intermediate missing, or root unknown). */
        UNTRUSTED_CHAIN
    }

    private final Reason reason;

    public ClassicCaException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ClassicCaException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
