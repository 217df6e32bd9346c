package org.xmppcert.testing;

import java.net.InetSocketAddress;

import org.eclipse.jetty.ee8.nested.ContextHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A Jetty 12 server set up the way Openfire's HTTP-bind server is: plain HTTP, a 32 KiB request
 * header limit ({@code httpbind.request.header.size}'s default), no server version, and plugin
 * handlers added as the core handler of their ee8 context into a handler sequence. It listens on
 * a free loopback port.
 */
public final class HttpBindServer implements AutoCloseable {

    private final Server server = new Server();
    private final Handler.Sequence extensionHandlers = new Handler.Sequence();
    private final ServerConnector connector;

    public HttpBindServer() throws Exception {
        HttpConfiguration configuration = new HttpConfiguration();
        configuration.setSendServerVersion(false);
        configuration.setRequestHeaderSize(32768);
        connector = new ServerConnector(server, new HttpConnectionFactory(configuration));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(extensionHandlers);
        server.start();
    }

    /** What {@code HttpBindManager.addJettyHandler(ContextHandler)} does on a running server. */
    public void addJettyHandler(ContextHandler handler) throws Exception {
        Handler core = handler.get();
        extensionHandlers.addHandler(core);
        if (!core.isStarted()) {
            core.start();
        }
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", connector.getLocalPort());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
