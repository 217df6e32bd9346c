package org.jivesoftware.openfire.user;

/** Stand-in for Openfire's user (only the members the plugin uses, same signatures). */
public class User {

    public String getUsername() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public String getName() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /** May be null: not every user has an address. */
    public String getEmail() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
