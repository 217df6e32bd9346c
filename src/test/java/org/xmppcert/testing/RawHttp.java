package org.xmppcert.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a request exactly as written, byte for byte, and reads the whole answer: what HTTP clients
 * refuse to send (dot segments, encoded slashes, oversized lines) is what a responder exposed to
 * the internet must survive. Every request closes its connection.
 */
public final class RawHttp {

    /** A parsed answer; {@code status} is 0 when the server closed the connection without one. */
    public record Response(int status, Map<String, String> headers, String body) {

        /** A header by case-insensitive name, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** A GET-like request: {@code method target HTTP/1.1}, Host, Connection: close, then {@code extraHeaders}. */
    public static Response request(InetSocketAddress server, String method, String target, String host,
                                   String extraHeaders) throws IOException {
        return send(server, method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders
                + "Connection: close\r\n\r\n");
    }

    public static Response get(InetSocketAddress server, String target, String host) throws IOException {
        return request(server, "GET", target, host, "");
    }

    public static Response send(InetSocketAddress server, String rawRequest) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(rawRequest.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (SocketException e) {
                // The server may refuse an oversized request and close before reading all of it.
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, read);
            }
        } catch (SocketException e) {
            // A reset after the answer was sent still leaves the answer.
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    private static Response parse(String raw) {
        int headersEnd = raw.indexOf("\r\n\r\n");
        if (!raw.startsWith("HTTP/") || headersEnd < 0) {
            return new Response(0, Map.of(), raw);
        }
        String[] lines = raw.substring(0, headersEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String body = raw.substring(headersEnd + 4);
        return new Response(status, headers, body);
    }
}
