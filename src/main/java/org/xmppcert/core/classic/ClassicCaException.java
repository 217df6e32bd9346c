package org.xmppcert.core.classic;

import java.util.List;

/**
 * A step of the classic flow failed. Nothing is lost by the failure: the pending request stays as it
 * was, so the admin can try again with the right file. The message says in English what is wrong and
 * what to do, for logs and the history; {@link #reason()} and {@link #facts()} say the same as facts,
 * for a user interface to word in its reader's language.
 */
public class ClassicCaException extends Exception {

    /** What is wrong, one constant per thing the admin does about it; each names the {@link #facts()} it comes with. */
    public enum Reason {
        /** No pending request has that id (already accepted, or deleted). Facts: the id. */
        UNKNOWN_REQUEST,
        /** The request's sealed key cannot be opened with this server's sealing key. No facts. */
        KEY_UNREADABLE,
        /** The saved key does not belong to the saved CSR, so the CSR cannot be reused. No facts. */
        KEY_NOT_FOR_CSR,
        /** The CA's answer holds no certificate in a format we read. No facts. */
        NOT_A_CERTIFICATE,
        /** The CA's answer is a CSR, the usual mix-up: the request pasted back. No facts. */
        CSR_NOT_CERTIFICATE,
        /** The CA's answer is a PKCS#7 file without certificates. No facts. */
        EMPTY_PKCS7,
        /** A PEM block of the CA's answer is not valid base64 (cut short or altered while copying). No facts. */
        DAMAGED_PEM,
        /** The CA certificates the admin added cannot be read. No facts. */
        CA_CERTIFICATES_UNREADABLE,
        /** The certificate is for a key other than the request's. No facts. */
        WRONG_KEY,
        /**
         * The certificate is for the key of another pending request: pasted into the wrong one.
         * Facts: that request's names (comma-separated) and when it was made (an Instant).
         */
        ANSWERS_OTHER_REQUEST,
        /** The certificate leaves out requested names. Facts: those names, the names it has (each comma-separated). */
        MISSING_NAMES,
        /** Facts: the certificate's start and end of validity and the time now (Instants). */
        NOT_YET_VALID,
        /** Facts: when the certificate expired and when it became valid (Instants). */
        EXPIRED,
        /** The certificate is self-signed: no CA vouches for it. No facts. */
        SELF_SIGNED,
        /** The chain ends at a root that is not trusted here. Facts: the root's subject. */
        UNKNOWN_ROOT,
        /** The chain stops short of a root: an intermediate is missing. Facts: the last certificate's subject, its issuer. */
        MISSING_INTERMEDIATE,
        /** The chain does not validate for another reason. Facts: the validator's words. */
        UNTRUSTED_CHAIN
    }

    private final Reason reason;
    private final List<Object> facts;

    public ClassicCaException(Reason reason, List<?> facts, String message) {
        this(reason, facts, message, null);
    }

    public ClassicCaException(Reason reason, List<?> facts, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.facts = List.copyOf(facts);
    }

    public Reason reason() {
        return reason;
    }

    /** Strings and instants, in the order {@link Reason} gives for {@link #reason()}. */
    public List<Object> facts() {
        return facts;
    }
}
