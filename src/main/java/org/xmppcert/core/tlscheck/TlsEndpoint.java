package org.xmppcert.core.tlscheck;

import java.util.Objects;

/**
 * One listener of the server whose presented certificate is checked after an install.
 *
 * @param label      what an administrator calls it, e.g. {@code "c2s STARTTLS 5222"}; used in reports
 * @param handshake  how TLS is reached on that port
 * @param host       address to connect to (the server's own listener, normally loopback)
 * @param port       TCP port
 * @param xmppDomain the domain asked for in the stream header and in SNI, so the server picks the
 *                   certificate a real peer would get
 */
public record TlsEndpoint(String label, Handshake handshake, String host, int port, String xmppDomain) {

    public TlsEndpoint {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(handshake, "handshake");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(xmppDomain, "xmppDomain");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Port out of range for " + label + ": " + port);
        }
    }

    /** How a client reaches the TLS layer on a port. */
    public enum Handshake {
        /** TLS from the first byte: XEP-0368 direct TLS (5223, 5270) and HTTPS (BOSH/WebSocket 7443). */
        DIRECT_TLS,
        /** RFC 6120 STARTTLS on a client stream ({@code jabber:client}, 5222). */
        XMPP_CLIENT_STARTTLS,
        /** RFC 6120 STARTTLS on a server-to-server stream ({@code jabber:server}, 5269). */
        XMPP_SERVER_STARTTLS
    }

    @Override
    public String toString() {
        return label + " (" + host + ":" + port + ")";
    }
}
