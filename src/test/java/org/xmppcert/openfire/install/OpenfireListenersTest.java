package org.xmppcert.openfire.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jivesoftware.openfire.Connection;
import org.jivesoftware.openfire.ConnectionManager;
import org.jivesoftware.openfire.container.AdminConsolePlugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.openfire.keystore.IdentityStore;
import org.jivesoftware.openfire.spi.ConnectionListener;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.jivesoftware.util.JiveGlobals;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.xmppcert.core.tlscheck.TlsEndpoint;
import org.xmppcert.core.tlscheck.TlsEndpoint.Handshake;

class OpenfireListenersTest {

    private final ConnectionManager connections = mock(ConnectionManager.class);
    private final HttpBindManager httpBind = mock(HttpBindManager.class);

    @Test
    void listsEveryRunningTlsListenerReachedOverLoopbackWhenBoundToAllInterfaces() throws Exception {
        listener(ConnectionType.SOCKET_C2S, false, 5222, true, Connection.TLSPolicy.optional, null);
        listener(ConnectionType.SOCKET_C2S, true, 5223, true, Connection.TLSPolicy.directTLS, null);
        listener(ConnectionType.SOCKET_S2S, false, 5269, true, Connection.TLSPolicy.required,
                InetAddress.getByName("0.0.0.0"));
        listener(ConnectionType.SOCKET_S2S, true, 5270, true, Connection.TLSPolicy.directTLS,
                InetAddress.getByName("127.0.0.2"));
        listener(ConnectionType.COMPONENT, false, 5275, true, Connection.TLSPolicy.optional, null);
        listener(ConnectionType.COMPONENT, true, 5276, true, Connection.TLSPolicy.directTLS, null);
        listener(ConnectionType.CONNECTION_MANAGER, true, 5263, true, Connection.TLSPolicy.directTLS, null);
        when(httpBind.isHttpsBindActive()).thenReturn(true);

        List<TlsEndpoint> endpoints = OpenfireListeners.endpoints(connections, httpBind, null, "example.org");

        assertEquals(List.of(
                new TlsEndpoint("c2s STARTTLS 5222", Handshake.XMPP_CLIENT_STARTTLS, "127.0.0.1", 5222, "example.org"),
                new TlsEndpoint("c2s direct TLS 5223", Handshake.DIRECT_TLS, "127.0.0.1", 5223, "example.org"),
                new TlsEndpoint("s2s STARTTLS 5269", Handshake.XMPP_SERVER_STARTTLS, "127.0.0.1", 5269, "example.org"),
                new TlsEndpoint("s2s direct TLS 5270", Handshake.DIRECT_TLS, "127.0.0.2", 5270, "example.org"),
                new TlsEndpoint("external components direct TLS 5276", Handshake.DIRECT_TLS, "127.0.0.1", 5276,
                        "example.org"),
                new TlsEndpoint("connection managers direct TLS 5263", Handshake.DIRECT_TLS, "127.0.0.1", 5263,
                        "example.org"),
                new TlsEndpoint("HTTPS bind (BOSH/WebSocket) 7443", Handshake.DIRECT_TLS, "127.0.0.1", 7443, "example.org")),
                endpoints);
    }

    /** As Openfire runs with network.interface set: HTTP bind listens there too, and not on ::1. */
    @Test
    void theHttpsBindServerIsReachedOnTheServersNetworkInterface() throws Exception {
        listener(ConnectionType.SOCKET_C2S, false, 5222, true, Connection.TLSPolicy.optional,
                InetAddress.getByName("127.0.0.2"));
        when(httpBind.isHttpsBindActive()).thenReturn(true);
        List<TlsEndpoint> endpoints;
        try (MockedStatic<JiveGlobals> globals = mockStatic(JiveGlobals.class)) {
            globals.when(() -> JiveGlobals.getXMLProperty("network.interface")).thenReturn("127.0.0.2");
            endpoints = OpenfireListeners.endpoints(connections, httpBind, OpenfireListeners.httpBindAddress(),
                    "example.org");
        }

        assertEquals(List.of("127.0.0.2", "127.0.0.2"), endpoints.stream().map(TlsEndpoint::host).toList());
    }

    @Test
    void anIpv6WildcardIsReachedOnIpv6Loopback() throws Exception {
        listener(ConnectionType.SOCKET_C2S, false, 5222, true, Connection.TLSPolicy.optional, InetAddress.getByName("::"));

        List<TlsEndpoint> endpoints = OpenfireListeners.endpoints(connections, httpBind, null, "example.org");

        assertEquals(InetAddress.getByName("::1"), InetAddress.getByName(endpoints.get(0).host()));
    }

    @Test
    void skipsDisabledListenersStartTlsListenersWithoutTlsAndAStoppedHttpsBind() throws Exception {
        listener(ConnectionType.SOCKET_C2S, false, 5222, true, Connection.TLSPolicy.disabled, null);
        listener(ConnectionType.SOCKET_C2S, true, 5223, false, Connection.TLSPolicy.directTLS, null);
        listener(ConnectionType.SOCKET_S2S, false, 5269, true, Connection.TLSPolicy.optional, null);
        when(httpBind.isHttpsBindActive()).thenReturn(false);

        List<TlsEndpoint> endpoints = OpenfireListeners.endpoints(connections, httpBind, null, "example.org");

        assertEquals(List.of("s2s STARTTLS 5269"), endpoints.stream().map(TlsEndpoint::label).toList());
    }

    @Test
    void restartsOnlyTheHttpBindServerThroughItsCertificateListener() {
        IdentityStore boshStore = mock(IdentityStore.class);

        OpenfireListeners.restartHttpsBind(httpBind, boshStore);

        verify(httpBind).storeContentChanged(boshStore);
    }

    @Test
    void pausesTheAdminConsoleRestartForFiveMinutesAsOpenfiresOwnPagesDo() {
        PluginManager plugins = mock(PluginManager.class);
        AdminConsolePlugin console = mock(AdminConsolePlugin.class);
        when(plugins.getPluginByCanonicalName("admin")).thenReturn(Optional.of(console));

        OpenfireListeners.pauseAdminConsoleRestart(plugins);

        verify(console).pauseAutoRestartEnabled(Duration.ofMinutes(5));
    }

    private void listener(ConnectionType type, boolean directTls, int port, boolean enabled,
                          Connection.TLSPolicy policy, InetAddress bindAddress) {
        ConnectionListener listener = mock(ConnectionListener.class);
        when(listener.isEnabled()).thenReturn(enabled);
        when(listener.getPort()).thenReturn(port);
        when(listener.getTLSPolicy()).thenReturn(policy);
        when(listener.getBindAddress()).thenReturn(bindAddress);
        when(connections.getListener(type, directTls)).thenReturn(listener);
    }
}
