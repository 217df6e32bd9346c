package org.xmppcert.openfire.install;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.openfire.Connection;
import org.jivesoftware.openfire.ConnectionManager;
import org.jivesoftware.openfire.container.AdminConsolePlugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.openfire.keystore.IdentityStore;
import org.jivesoftware.openfire.spi.ConnectionListener;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.xmppcert.core.tlscheck.TlsEndpoint;
import org.xmppcert.core.tlscheck.TlsEndpoint.Handshake;

import java.time.Duration;

/**
 * The running server's TLS listeners as the handshake check sees them, and the two server actions an
 * install needs besides the stores: restarting the HTTPS-bind server and pausing the admin console's
 * automatic restart.
 *
 * <p>Only enabled listeners are listed, and a STARTTLS listener only when its TLS policy allows TLS.
 * They are reached on their bind address, or loopback when bound to all interfaces: the check is the
 * server talking to itself.
 */
public final class OpenfireListeners {

    private OpenfireListeners() {
    }

    /**
     * c2s STARTTLS, c2s direct TLS, s2s STARTTLS, s2s direct TLS, the direct TLS listeners of external
     * components and connection managers, and HTTPS bind, where running.
     */
    public static List<TlsEndpoint> endpoints(ConnectionManager connections, HttpBindManager httpBind,
                                              InetAddress httpBindAddress, String xmppDomain) {
        List<TlsEndpoint> endpoints = new ArrayList<>();
        addSocket(endpoints, connections.getListener(ConnectionType.SOCKET_C2S, false), "c2s STARTTLS",
                Handshake.XMPP_CLIENT_STARTTLS, xmppDomain);
        addSocket(endpoints, connections.getListener(ConnectionType.SOCKET_C2S, true), "c2s direct TLS",
                Handshake.DIRECT_TLS, xmppDomain);
        addSocket(endpoints, connections.getListener(ConnectionType.SOCKET_S2S, false), "s2s STARTTLS",
                Handshake.XMPP_SERVER_STARTTLS, xmppDomain);
        addSocket(endpoints, connections.getListener(ConnectionType.SOCKET_S2S, true), "s2s direct TLS",
                Handshake.DIRECT_TLS, xmppDomain);
        // Their plain listeners speak XEP-0114 and the multiplexer protocol, which have no STARTTLS to probe.
        addSocket(endpoints, connections.getListener(ConnectionType.COMPONENT, true), "external components direct TLS",
                Handshake.DIRECT_TLS, xmppDomain);
        addSocket(endpoints, connections.getListener(ConnectionType.CONNECTION_MANAGER, true),
                "connection managers direct TLS", Handshake.DIRECT_TLS, xmppDomain);
        if (httpBind.isHttpsBindActive()) {
            int port = HttpBindManager.HTTP_BIND_SECURE_PORT.getValue();
            endpoints.add(new TlsEndpoint("HTTPS bind (BOSH/WebSocket) " + port, Handshake.DIRECT_TLS,
                    reachable(httpBindAddress), port, xmppDomain));
        }
        return endpoints;
    }

    private static void addSocket(List<TlsEndpoint> endpoints, ConnectionListener listener, String label,
                                  Handshake handshake, String xmppDomain) {
        if (listener == null || !listener.isEnabled()) {
            return;
        }
        if (handshake != Handshake.DIRECT_TLS && listener.getTLSPolicy() == Connection.TLSPolicy.disabled) {
            return;
        }
        endpoints.add(new TlsEndpoint(label + " " + listener.getPort(), handshake, reachable(listener.getBindAddress()),
                listener.getPort(), xmppDomain));
    }

    /**
     * Not {@link InetAddress#getLoopbackAddress()}: Openfire's start script lets Java prefer IPv6 where
     * the system does, which makes that ::1, where a listener bound to 0.0.0.0 does not answer.
     */
    private static String reachable(InetAddress bindAddress) {
        if (bindAddress == null || bindAddress.isAnyLocalAddress()) {
            return bindAddress instanceof Inet6Address ? "::1" : "127.0.0.1";
        }
        return bindAddress.getHostAddress();
    }

    /**
     * The address Openfire's HTTP-bind server listens on: it has no setting of its own and binds to
     * the server-wide {@code network.interface} of openfire.xml. Null (all interfaces) when that is
     * not set or does not resolve.
     */
    public static InetAddress httpBindAddress() {
        String configured = JiveGlobals.getXMLProperty("network.interface");
        if (configured == null || configured.isBlank()) {
            return null;
        }
        try {
            return InetAddress.getByName(configured.strip());
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * Restarts only the HTTP-bind Jetty (7070/7443), which re-reads the identity store. Its
     * certificate listener method does exactly that and nothing else; firing the global certificate
     * event instead would also reconfigure every socket listener and drop established sessions.
     */
    public static void restartHttpsBind(HttpBindManager httpBind, IdentityStore boshStore) {
        httpBind.storeContentChanged(boshStore);
    }

    /**
     * What Openfire's own certificate pages do before changing a store: the console ignores store
     * changes for five minutes, so the administrator doing the install is not logged out.
     */
    public static void pauseAdminConsoleRestart(PluginManager plugins) {
        plugins.getPluginByCanonicalName("admin")
                .filter(AdminConsolePlugin.class::isInstance)
                .map(AdminConsolePlugin.class::cast)
                .ifPresent(console -> console.pauseAutoRestartEnabled(Duration.ofMinutes(5)));
    }
}
