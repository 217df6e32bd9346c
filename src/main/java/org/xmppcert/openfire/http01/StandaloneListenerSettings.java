package org.xmppcert.openfire.http01;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The admin's choice about the plugin's own port-80 listener, for servers where nothing can
 * forward port 80 to Openfire's HTTP-bind port. Opening a port below 1024 needs privileges
 * (CAP_NET_BIND_SERVICE or authbind on Linux), so it is off unless asked for.
 *
 * @param enabled whether to listen while an order needs it
 * @param address the local address to listen on; blank for every interface (IPv4 and IPv6)
 * @param port    the port, 80 unless something in front of Openfire forwards another one
 */
public record StandaloneListenerSettings(boolean enabled, String address, int port) {

    public static final int DEFAULT_PORT = 80;

    public static final StandaloneListenerSettings DISABLED = new StandaloneListenerSettings(false, "", DEFAULT_PORT);

    public StandaloneListenerSettings {
        address = address == null ? "" : address.strip();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Not a TCP port: " + port);
        }
    }

    /** Where to listen, or empty when the listener is off. */
    public Optional<InetSocketAddress> socketAddress() {
        if (!enabled) {
            return Optional.empty();
        }
        return Optional.of(address.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(address, port));
    }
}
