package org.jivesoftware.openfire.auth;

/**
 * Stand-in for Openfire's AuthToken, which the admin console's AuthCheckFilter keeps in the
 * session of a signed-in admin. It only carries a username, so the stand-in does the same.
 */
public class AuthToken {

    private final String username;

    private AuthToken(String username) {
        this.username = username;
    }

    public static AuthToken generateUserToken(String username) {
        return new AuthToken(username);
    }

    public String getUsername() {
        return username;
    }
}
