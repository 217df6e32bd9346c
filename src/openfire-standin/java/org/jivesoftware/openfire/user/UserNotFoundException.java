package org.jivesoftware.openfire.user;

/** Stand-in for Openfire's exception for an unknown user. */
public class UserNotFoundException extends Exception {

    public UserNotFoundException() {
    }

    public UserNotFoundException(String msg) {
        super(msg);
    }
}
