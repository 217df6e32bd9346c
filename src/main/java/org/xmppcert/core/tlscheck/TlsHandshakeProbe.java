package org.xmppcert.core.tlscheck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Reads the presented certificate over direct TLS and over XMPP STARTTLS.
 *
 * <p>STARTTLS is spoken by hand: the exchange needed is tiny (stream header, features,
 * {@code <starttls/>}, {@code <proceed/>}) and the server waits for the TLS ClientHello after
 * {@code <proceed/>}, so reading byte by byte up to that point never swallows TLS bytes. Client
 * streams can instead be delegated to another probe, so the Openfire layer checks c2s through a real
 * XMPP client library; server-to-server streams ({@code jabber:server}) are always hand-written, as
 * client libraries cannot open them.
 */
public final class TlsHandshakeProbe implements PresentedCertificateProbe {

    private static final int MAX_PRE_TLS_BYTES = 64 * 1024;

    private final PresentedCertificateProbe clientStartTls;

    /** Speaks every handshake itself. */
    public TlsHandshakeProbe() {
        this.clientStartTls = null;
    }

    /** Hands client STARTTLS to {@code clientStartTls}. */
    public TlsHandshakeProbe(PresentedCertificateProbe clientStartTls) {
        this.clientStartTls = Objects.requireNonNull(clientStartTls, "clientStartTls");
    }

    @Override
    public X509Certificate presentedLeaf(TlsEndpoint endpoint, Duration timeout) throws IOException {
        return switch (endpoint.handshake()) {
            case DIRECT_TLS -> {
                try (Socket plain = connect(endpoint, timeout)) {
                    yield handshake(plain, endpoint);
                }
            }
            case XMPP_SERVER_STARTTLS -> startTls(endpoint, timeout, "jabber:server");
            case XMPP_CLIENT_STARTTLS -> clientStartTls != null
                    ? clientStartTls.presentedLeaf(endpoint, timeout)
                    : startTls(endpoint, timeout, "jabber:client");
        };
    }

    private static X509Certificate startTls(TlsEndpoint endpoint, Duration timeout, String namespace)
            throws IOException {
        try (Socket plain = connect(endpoint, timeout)) {
            negotiateStartTls(plain, endpoint, namespace);
            return handshake(plain, endpoint);
        }
    }

    private static Socket connect(TlsEndpoint endpoint, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), millis);
            socket.setSoTimeout(millis);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Runs TLS over an already connected socket and returns the presented leaf. */
    private static X509Certificate handshake(Socket plain, TlsEndpoint endpoint) throws IOException {
        CertificateCapture capture = new CertificateCapture();
        try (SSLSocket tls = (SSLSocket) capture.socketFactory()
                .createSocket(plain, endpoint.host(), endpoint.port(), false)) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(endpoint.xmppDomain())));
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            X509Certificate leaf = capture.presentedLeaf();
            if (leaf == null) {
                throw new IOException(endpoint + " completed a handshake without presenting a certificate");
            }
            return leaf;
        }
    }

    private static void negotiateStartTls(Socket socket, TlsEndpoint endpoint, String namespace) throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        send(out, "<?xml version='1.0'?><stream:stream xmlns='" + namespace + "'"
                + " xmlns:stream='http://etherx.jabber.org/streams' to='" + endpoint.xmppDomain() + "' version='1.0'>");
        String features = readUntil(in, endpoint, "</stream:features>", "<stream:features/>");
        if (!features.contains("urn:ietf:params:xml:ns:xmpp-tls")) {
            throw new IOException(endpoint + " does not offer STARTTLS");
        }
        send(out, "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        String answer = readUntil(in, endpoint, "<proceed", "<failure");
        if (answer.endsWith("<failure")) {
            throw new IOException(endpoint + " refused STARTTLS");
        }
        readUntil(in, endpoint, ">");
    }

    private static void send(OutputStream out, String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads until the text read so far ends with one of the markers; fails on end of stream. */
    private static String readUntil(InputStream in, TlsEndpoint endpoint, String... markers) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (read.size() < MAX_PRE_TLS_BYTES) {
            int next = in.read();
            if (next < 0) {
                throw new IOException(endpoint + " closed the stream before TLS: "
                        + read.toString(StandardCharsets.UTF_8));
            }
            read.write(next);
            String text = read.toString(StandardCharsets.UTF_8);
            for (String marker : markers) {
                if (text.endsWith(marker)) {
                    return text;
                }
            }
        }
        throw new IOException(endpoint + " sent more than " + MAX_PRE_TLS_BYTES + " bytes without the expected element");
    }
}
