package org.jivesoftware.openfire;

/** Stand-in for Openfire's connection interface: only the nested type the plugin uses. */
public interface Connection {

    enum TLSPolicy {
        required,
        optional,
        disabled,
        directTLS
    }
}
