package org.xmppcert.core.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a CA, a scanner or an attacker gets from the standalone http-01 responder. */
class StandaloneHttp01ResponderTest {

    private StandaloneHttp01Responder responder;

    @BeforeEach
    void start() throws IOException {
        responder = StandaloneHttp01Responder.start(new InetSocketAddress("127.0.0.1", 0));
        responder.publish("xmpp.example.org", "tok-EN_1", "tok-EN_1.thumbprint");
    }

    @AfterEach
    void stop() {
        responder.close();
    }

    @Test
    void servesAPublishedTokenToItsNameOnly() throws IOException {
        assertEquals("HTTP/1.1 200 OK|tok-EN_1.thumbprint", get("/.well-known/acme-challenge/tok-EN_1", "xmpp.example.org:80"));
        assertEquals("HTTP/1.1 200 OK|tok-EN_1.thumbprint", get("/.well-known/acme-challenge/tok-EN_1", "XMPP.Example.org."));
        assertEquals("HTTP/1.1 404 Not Found|", get("/.well-known/acme-challenge/tok-EN_1", "other.example.org"));
    }

    @Test
    void answersNothingElse() throws IOException {
        assertEquals("HTTP/1.1 404 Not Found|", get("/.well-known/acme-challenge/unknown", "xmpp.example.org"));
        assertEquals("HTTP/1.1 404 Not Found|", get("/.well-known/acme-challenge/../../../etc/passwd", "xmpp.example.org"));
        assertEquals("HTTP/1.1 404 Not Found|", get("/", "xmpp.example.org"));
        assertEquals("HTTP/1.1 405 Method Not Allowed|", request("POST /.well-known/acme-challenge/tok-EN_1 HTTP/1.1\r\n"
                + "Host: xmpp.example.org\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc"));
    }

    @Test
    void aWithdrawnTokenIsGone() throws IOException {
        responder.withdraw("tok-EN_1");

        assertEquals("HTTP/1.1 404 Not Found|", get("/.well-known/acme-challenge/tok-EN_1", "xmpp.example.org"));
    }

    @Test
    void refusesToPublishSomethingThatIsNotAToken() {
        assertThrows(IllegalArgumentException.class, () -> responder.publish("xmpp.example.org", "../secret", "x"));
    }

    private String get(String path, String host) throws IOException {
        return request("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    }

    /** The status line and body, joined by '|'. */
    private String request(String raw) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", responder.address().getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            String status = response.substring(0, response.indexOf("\r\n"));
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            return status + "|" + body;
        }
    }
}
