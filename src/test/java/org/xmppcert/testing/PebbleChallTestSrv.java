package org.xmppcert.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * pebble-challtestsrv used as the DNS server Pebble resolves names with: every A query answers
 * 127.0.0.1 (so Pebble's http-01 validation reaches the test's responder), AAAA queries answer
 * nothing, and TXT records are set through its management API, as an admin would set them at
 * their DNS host. Its own challenge servers are off: the code under test answers challenges.
 */
public final class PebbleChallTestSrv implements AutoCloseable {

    private final PebbleProcess process;
    private final InetSocketAddress dnsAddress;
    private final URI management;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    private PebbleChallTestSrv(PebbleProcess process, InetSocketAddress dnsAddress, URI management) {
        this.process = process;
        this.dnsAddress = dnsAddress;
        this.management = management;
    }

    /** Starts a challtestsrv on free loopback ports; its log goes to a temporary file. */
    public static PebbleChallTestSrv start() throws IOException {
        Path directory = Files.createTempDirectory("challtestsrv");
        int dnsPort = PebbleProcess.freePort();
        int managementPort = PebbleProcess.freePort();
        PebbleProcess process = new PebbleProcess(List.of("pebble-challtestsrv",
                "-http01", "", "-https01", "", "-tlsalpn01", "",
                "-dns01", "127.0.0.1:" + dnsPort,
                "-management", "127.0.0.1:" + managementPort,
                "-defaultIPv4", "127.0.0.1", "-defaultIPv6", ""),
                Map.of(), directory.resolve("challtestsrv.log"), managementPort);
        process.start();
        return new PebbleChallTestSrv(process, new InetSocketAddress(PebbleProcess.LOOPBACK, dnsPort),
                URI.create("http://127.0.0.1:" + managementPort));
    }

    /** Where to send DNS queries (UDP and TCP). */
    public InetSocketAddress dnsAddress() {
        return dnsAddress;
    }

    /** Adds a TXT value at {@code host} (e.g. {@code _acme-challenge.example.org}); a trailing dot is added when missing. */
    public void setTxt(String host, String value) throws IOException {
        post("/set-txt", "{\"host\":\"" + fqdn(host) + "\",\"value\":\"" + value + "\"}");
    }

    /** Removes all TXT values at {@code host}. */
    public void clearTxt(String host) throws IOException {
        post("/clear-txt", "{\"host\":\"" + fqdn(host) + "\"}");
    }

    @Override
    public void close() {
        process.stop();
    }

    private void post(String path, String json) throws IOException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(management.resolve(path))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("challtestsrv " + path + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted talking to challtestsrv", e);
        }
    }

    private static String fqdn(String host) {
        return host.endsWith(".") ? host : host + ".";
    }
}
