package org.xmppcert.core.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

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

    /** The listener faces the internet on port 80: a client sending without end must not fill the server's memory. */
    @Test
    void anEndlessRequestLineIsCutOffWithoutAnAnswer() throws IOException {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        long sent = 0;
        String answered = "";
        try (Socket socket = new Socket("127.0.0.1", responder.address().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /.well-known/acme-challenge/tok-EN_1".getBytes(StandardCharsets.US_ASCII));
            while (sent < 256L * 1024 * 1024) {
                out.write(chunk);
                sent += chunk.length;
            }
            answered = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException cutOff) {
            // The listener closed the connection while the client was still sending: what is wanted.
        }
        assertTrue(sent < 256L * 1024 * 1024, "the listener read " + sent + " bytes of one request line");
        assertFalse(answered.contains("tok-EN_1.thumbprint"), answered);
    }

    /** A client that starts a request and never finishes it holds a worker only for the request time limit. */
    @Test
    void aClientThatNeverFinishesItsRequestIsDisconnected() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", responder.address().getPort())) {
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            socket.getOutputStream().write("GET /.well-known/acme-challenge/tok-EN_1 HTTP/1.1\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();

            assertEquals(-1, socket.getInputStream().read(), "closed without an answer");
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(20)) < 0);
        }
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
