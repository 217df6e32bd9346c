package org.jivesoftware.util;

/** Stand-in for Openfire's global settings (only the members the plugin uses, same signatures); compile-only. */
public class JiveGlobals {

    /** The encryptor Openfire protects encrypted properties with, keyed by the server's security.xml. */
    public static Encryptor getPropertyEncryptor() {
        throw new UnsupportedOperationException("The Openfire API stand-in has no property encryptor");
    }
}
