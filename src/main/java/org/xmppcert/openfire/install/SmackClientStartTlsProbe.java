package org.xmppcert.openfire.install;

import java.io.IOException;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.xmppcert.core.tlscheck.CertificateCapture;
import org.xmppcert.core.tlscheck.PresentedCertificateProbe;
import org.xmppcert.core.tlscheck.TlsEndpoint;

/**
 * Client STARTTLS through Smack, the XMPP client library, so the c2s check negotiates exactly as
 * clients do (stream header, features, STARTTLS, stream restart). It connects but never logs in:
 * no credentials exist or are sent. It lives in the Openfire layer only because Smack shares the
 * {@code org.jivesoftware} package root with Openfire, which the core keeps out of its imports.
 *
 * <p>Smack finds its XML parser with {@link java.util.ServiceLoader}, which uses the thread's context
 * class loader. Inside Openfire that loader is the plugin's only during plugin initialisation, so the
 * connection is made with this class's loader as the context loader.
 */
public final class SmackClientStartTlsProbe implements PresentedCertificateProbe {

    @Override
    public X509Certificate presentedLeaf(TlsEndpoint endpoint, Duration timeout) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SmackClientStartTlsProbe.class.getClassLoader());
        try {
            return connectAndCapture(endpoint, timeout);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static X509Certificate connectAndCapture(TlsEndpoint endpoint, Duration timeout) throws IOException {
        CertificateCapture capture = new CertificateCapture();
        XMPPTCPConnection connection;
        try {
            connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(endpoint.xmppDomain())
                    .setHostAddress(InetAddress.getByName(endpoint.host()))
                    .setPort(endpoint.port())
                    .setSecurityMode(SecurityMode.required)
                    .setCustomX509TrustManager(capture)
                    // The name is not what is being checked: the fingerprint comparison is.
                    .setHostnameVerifier((hostname, session) -> true)
                    .setConnectTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())))
                    .setSendPresence(false)
                    .build());
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Cannot configure an XMPP client for " + endpoint + ": " + e.getMessage(), e);
        }
        connection.setReplyTimeout(Math.max(1, timeout.toMillis()));
        try {
            connection.connect();
            if (!connection.isSecureConnection()) {
                throw new IOException(endpoint + " connected without TLS");
            }
        } catch (SmackException | XMPPException e) {
            throw new IOException("XMPP client STARTTLS to " + endpoint + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while connecting to " + endpoint, e);
        } finally {
            connection.disconnect();
        }
        X509Certificate leaf = capture.presentedLeaf();
        if (leaf == null) {
            throw new IOException(endpoint + " completed STARTTLS without presenting a certificate");
        }
        return leaf;
    }
}
