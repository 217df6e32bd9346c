package org.xmppcert.core.challenge;

/** A challenge answer could not be put in place; the message says why and what the admin can do. */
public class ChallengeException extends Exception {

    public ChallengeException(String message) {
        super(message);
    }

    public ChallengeException(String message, Throwable cause) {
        super(message, cause);
    }
}
