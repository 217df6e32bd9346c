package org.jivesoftware.util;

/** Stand-in for Openfire's global settings (only the members the plugin uses, same signatures); compile-only. */
public class JiveGlobals {

    /** A property of conf/openfire.xml, such as network.interface; null when absent. */
    public static String getXMLProperty(String name) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /** The encryptor Openfire protects encrypted properties with, keyed by the server's security.xml. */
    public static Encryptor getPropertyEncryptor() {
        throw new UnsupportedOperationException("The Openfire API stand-in has no property encryptor");
    }
}
