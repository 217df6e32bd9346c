package org.xmppcert.core.acme;

/**
 * Watches one issuance as it happens, so an admin can see which name waits for what instead of a
 * spinner until the whole order ends. Called on the issuer's threads, possibly on several at once;
 * implementations must be quick and thread-safe, and must not throw (an exception is logged and
 * otherwise ignored: watching never changes the outcome).
 *
 * <p>Names are as requested, a wildcard as {@code *.example.org}.
 */
public interface IssuanceObserver {

    /** Watches nothing. */
    IssuanceObserver NONE = new IssuanceObserver() {
    };

    /** Where the order stands, in the order they are reached; a resumed order may skip phases. */
    enum Phase {
        /** Placing the order (or finding the one saved for the same names) and reading its authorizations. */
        ORDERING,
        /** Challenge answers are in place and the CA is validating them. */
        VALIDATING,
        /** Every name is validated; the CSR is sent and the certificate awaited. */
        FINALIZING,
        /** The certificate is downloaded. */
        ISSUED
    }

    default void phase(Phase phase) {
    }

    /** The CA wants proof of control of {@code name}; its challenge is being put in place. */
    default void pending(String name) {
    }

    /** The answer for {@code name} is in place and the CA has been told to validate it. */
    default void answered(String name) {
    }

    /** The CA has validated {@code name} (now, or in an earlier order it remembers). */
    default void valid(String name) {
    }

    /** The CA refused {@code name}; {@code reason} is the CA's explanation. */
    default void invalid(String name, String reason) {
    }
}
