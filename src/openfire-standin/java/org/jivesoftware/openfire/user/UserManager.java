package org.jivesoftware.openfire.user;

/** Stand-in for Openfire's user directory (only the members the plugin uses, same signatures). */
public final class UserManager {

    public static UserManager getInstance() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public User getUser(String username) throws UserNotFoundException {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
