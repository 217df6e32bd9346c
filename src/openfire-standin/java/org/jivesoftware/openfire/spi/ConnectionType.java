package org.jivesoftware.openfire.spi;

/**
 * Stand-in for Openfire's connection types, in Openfire's declaration order. Each may use its own
 * identity store; with the default configuration they all share one.
 */
public enum ConnectionType {
    SOCKET_S2S,
    SOCKET_C2S,
    BOSH_C2S,
    WEBADMIN,
    COMPONENT,
    CONNECTION_MANAGER
}
