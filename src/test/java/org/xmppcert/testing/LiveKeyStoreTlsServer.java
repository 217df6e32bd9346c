package org.xmppcert.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A loopback TLS listener that serves from a live, in-memory {@link KeyStore} the way Openfire's
 * socket listeners do: its key manager (SunJSSE's {@code NewSunX509}, Openfire's choice) reads the
 * store at each handshake, so a changed entry is served to the next client without any restart.
 *
 * <p>Speaks direct TLS, or XMPP STARTTLS on a client or server stream (enough of RFC 6120 for Smack
 * to connect: features, proceed, stream restart, SASL mechanisms). After TLS it echoes what it
 * reads, so a test can tell whether an established session still carries data.
 * {@link #dropEstablishedSessions()} does what Openfire's listeners do when a store is reloaded.
 */
public final class LiveKeyStoreTlsServer implements AutoCloseable {

    public enum Mode { DIRECT_TLS, XMPP_CLIENT_STARTTLS, XMPP_SERVER_STARTTLS }

    private final ServerSocket serverSocket;
    private final SSLContext sslContext;
    private final Mode mode;
    private final String domain;
    private final Set<Socket> established = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    public LiveKeyStoreTlsServer(KeyStore liveStore, char[] password, Mode mode, String domain) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("NewSunX509");
        keyManagers.init(liveStore, password);
        this.sslContext = SSLContext.getInstance("TLS");
        this.sslContext.init(keyManagers.getKeyManagers(), null, null);
        this.mode = mode;
        this.domain = domain;
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "test-tls-" + mode);
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    public String host() {
        return serverSocket.getInetAddress().getHostAddress();
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public int establishedSessions() {
        return established.size();
    }

    /** Closes every established session, as Openfire's listener reconfiguration does on a store reload. */
    public void dropEstablishedSessions() {
        for (Socket socket : established) {
            closeQuietly(socket);
        }
        established.clear();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        dropEstablishedSessions();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket plain = serverSocket.accept();
                Thread session = new Thread(() -> serve(plain), "test-tls-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket plain) {
        Socket tls = null;
        try {
            plain.setSoTimeout(30_000);
            String namespace = switch (mode) {
                case XMPP_CLIENT_STARTTLS -> "jabber:client";
                case XMPP_SERVER_STARTTLS -> "jabber:server";
                case DIRECT_TLS -> null;
            };
            if (namespace != null) {
                readStreamHeader(plain.getInputStream());
                send(plain.getOutputStream(), streamHeader(namespace)
                        + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
                        + "</stream:features>");
                readUntil(plain.getInputStream(), "/>", "</starttls>");
                send(plain.getOutputStream(), "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            }
            SSLSocket secured = (SSLSocket) sslContext.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
            secured.setUseClientMode(false);
            secured.startHandshake();
            tls = secured;
            established.add(tls);
            if (namespace != null) {
                readStreamHeader(tls.getInputStream());
                send(tls.getOutputStream(), streamHeader(namespace)
                        + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                        + "<mechanism>PLAIN</mechanism></mechanisms></stream:features>");
            }
            echo(tls.getInputStream(), tls.getOutputStream());
        } catch (IOException e) {
            // The client went away or the session was dropped on purpose.
        } finally {
            if (tls != null) {
                established.remove(tls);
            }
            closeQuietly(tls != null ? tls : plain);
        }
    }

    private String streamHeader(String namespace) {
        return "<?xml version='1.0'?><stream:stream xmlns='" + namespace + "' xmlns:stream='http://etherx.jabber.org/streams'"
                + " from='" + domain + "' id='test' version='1.0'>";
    }

    private static void echo(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[4096];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
            out.flush();
        }
    }

    private static void readStreamHeader(InputStream in) throws IOException {
        String text = readUntil(in, ">");
        while (!text.contains("<stream:stream")) {
            text = readUntil(in, ">");
        }
    }

    private static String readUntil(InputStream in, String... markers) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (true) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("Closed before TLS");
            }
            read.write(next);
            String text = read.toString(StandardCharsets.UTF_8);
            for (String marker : markers) {
                if (text.endsWith(marker)) {
                    return text;
                }
            }
        }
    }

    private static void send(OutputStream out, String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
