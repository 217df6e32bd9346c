package org.xmppcert.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.xmppcert.testing.TestCertificateAuthority.Issued;

/**
 * A real Pebble ACME server (Debian package {@code pebble}) on free loopback ports, for tests and
 * benchmarks. Its HTTPS listener presents a certificate from a CA made for this instance; clients
 * connect by trusting {@link #trustAnchor()}. Validation runs at full speed ({@code PEBBLE_VA_NOSLEEP=1})
 * and for real: http-01 requests go to 127.0.0.1:{@link Builder#http01Port(int)}, names resolve
 * through {@link #dnsServer()} (a pebble-challtestsrv started alongside unless another DNS server
 * is given).
 *
 * <pre>{@code
 * try (Pebble pebble = Pebble.builder().http01Port(responderPort).start()) {
 *     URI directory = pebble.directory();
 *     X509Certificate anchor = pebble.trustAnchor();
 * }
 * }</pre>
 */
public final class Pebble implements AutoCloseable {

    private final PebbleProcess process;
    private final PebbleChallTestSrv ownDnsServer;
    private final InetSocketAddress dnsServer;
    private final X509Certificate trustAnchor;
    private final int listenPort;
    private final int managementPort;
    private final int http01Port;
    private final Path directory;

    private Pebble(Builder builder, Path directory, PebbleChallTestSrv ownDnsServer, InetSocketAddress dnsServer)
            throws IOException {
        this.ownDnsServer = ownDnsServer;
        this.dnsServer = dnsServer;
        this.http01Port = builder.http01Port;
        this.directory = directory;
        this.listenPort = PebbleProcess.freePort();
        this.managementPort = PebbleProcess.freePort();
        // A CA made for this instance, so that clients trust it as a private CA, never by switching checks off.
        TestCertificateAuthority listenerCa = TestCertificateAuthority.create("Pebble listener", Instant.now());
        this.trustAnchor = listenerCa.root();
        Issued listenerCertificate = listenerCa.issueWithNewKey("127.0.0.1", "localhost");
        Path certificateFile = Files.writeString(directory.resolve("listener-cert.pem"),
                TestCertificateAuthority.pem(listenerCertificate.chain().toArray(new X509Certificate[0])));
        Path privateKeyFile = Files.writeString(directory.resolve("listener-key.pem"), listenerCertificate.keyPem());

        Path config = directory.resolve("pebble-config.json");
        Files.writeString(config, configJson(builder, certificateFile, privateKeyFile));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PEBBLE_VA_NOSLEEP", "1");
        environment.put("PEBBLE_WFE_NONCEREJECT", Integer.toString(builder.nonceRejectPercent));
        environment.put("PEBBLE_AUTHZREUSE", Integer.toString(builder.authzReusePercent));
        if (builder.alternateRoots > 0) {
            environment.put("PEBBLE_ALTERNATE_ROOTS", Integer.toString(builder.alternateRoots));
        }
        this.process = new PebbleProcess(List.of("pebble", "-config", config.toString(),
                "-dnsserver", dnsServer.getHostString() + ":" + dnsServer.getPort()),
                environment, directory.resolve("pebble.log"), listenPort, managementPort);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The ACME directory URL, {@code https://127.0.0.1:<port>/dir}. */
    public URI directory() {
        return URI.create("https://127.0.0.1:" + listenPort + "/dir");
    }

    /** The CA certificate to trust for Pebble's HTTPS (ACME and management). Not the CA that issues ACME certificates. */
    public X509Certificate trustAnchor() {
        return trustAnchor;
    }

    /** The port Pebble's VA connects to on 127.0.0.1 for http-01. */
    public int http01Port() {
        return http01Port;
    }

    /** The DNS server Pebble resolves with. */
    public InetSocketAddress dnsServer() {
        return dnsServer;
    }

    /** The challtestsrv started with this Pebble, to set TXT records; absent when another DNS server was given. */
    public PebbleChallTestSrv challTestSrv() {
        if (ownDnsServer == null) {
            throw new IllegalStateException("This Pebble resolves through " + dnsServer + ", not a challtestsrv of its own");
        }
        return ownDnsServer;
    }

    /** The root that issued certificates chain to (index 0), or an alternate root (1..n) when configured; changes on every start. */
    public X509Certificate root(int index) throws IOException {
        try {
            HttpResponse<byte[]> response = managementClient().send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + managementPort + "/roots/" + index)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("Pebble has no root " + index + " (HTTP " + response.statusCode() + ")");
            }
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(response.body()));
        } catch (GeneralSecurityException e) {
            throw new IOException("Unreadable root from Pebble", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }

    /** Kills Pebble and starts it again on the same ports: every account, order and key it had is gone. */
    public void restart() throws IOException {
        process.stop();
        process.start();
    }

    /** Kills Pebble (the ACME port then refuses connections) until {@link #resume()}. */
    public void stop() {
        process.stop();
    }

    /** Starts a stopped Pebble again on the same ports, with empty state. */
    public void resume() throws IOException {
        process.start();
    }

    /** Pebble's whole output so far (all runs), for failure messages and checks of its configuration. */
    public String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.stop();
        PebbleProcess.deleteDirectory(directory);
        if (ownDnsServer != null) {
            ownDnsServer.close();
        }
    }

    private HttpClient managementClient() throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("pebble-listener", trustAnchor);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).proxy(HttpClient.Builder.NO_PROXY).build();
    }

    private String configJson(Builder builder, Path certificateFile, Path privateKeyFile) {
        List<String> fields = new ArrayList<>();
        fields.add(quote("listenAddress") + ":" + quote("127.0.0.1:" + listenPort));
        fields.add(quote("managementListenAddress") + ":" + quote("127.0.0.1:" + managementPort));
        fields.add(quote("certificate") + ":" + quote(certificateFile.toString()));
        fields.add(quote("privateKey") + ":" + quote(privateKeyFile.toString()));
        fields.add(quote("httpPort") + ":" + builder.http01Port);
        fields.add(quote("tlsPort") + ":" + builder.tlsAlpn01Port);
        fields.add(quote("ocspResponderURL") + ":" + quote(""));
        if (builder.certificateValidityPeriod != null) {
            fields.add(quote("certificateValidityPeriod") + ":" + builder.certificateValidityPeriod.toSeconds());
        }
        fields.add(quote("externalAccountBindingRequired") + ":" + !builder.macKeys.isEmpty());
        if (!builder.macKeys.isEmpty()) {
            fields.add(quote("externalAccountMACKeys") + ":{" + builder.macKeys.entrySet().stream()
                    .map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                    .collect(Collectors.joining(",")) + "}");
        }
        return "{\"pebble\":{" + String.join(",", fields) + "}}\n";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Settings of a Pebble to start; every default is the realistic one. */
    public static final class Builder {
        private int http01Port = PebbleProcess.freePort();
        private int tlsAlpn01Port = PebbleProcess.freePort();
        private InetSocketAddress dnsServer;
        private int nonceRejectPercent;
        private int authzReusePercent;
        private int alternateRoots;
        private Duration certificateValidityPeriod;
        private final Map<String, String> macKeys = new LinkedHashMap<>();

        private Builder() {
        }

        /** The port on 127.0.0.1 where Pebble fetches http-01 answers; by default an unused one (nothing answers). */
        public Builder http01Port(int port) {
            this.http01Port = port;
            return this;
        }

        /** Resolve names through this server (e.g. a BIND serving the test zone) instead of a challtestsrv of its own. */
        public Builder dnsServer(InetSocketAddress server) {
            this.dnsServer = server;
            return this;
        }

        /** Percentage of good nonces Pebble rejects as badNonce (Pebble's own default is 5; this harness defaults to 0). */
        public Builder nonceRejectPercent(int percent) {
            this.nonceRejectPercent = percent;
            return this;
        }

        /** Percentage of new orders that reuse the account's valid authorizations (default 0: every order validates). */
        public Builder authzReusePercent(int percent) {
            this.authzReusePercent = percent;
            return this;
        }

        /** Number of alternate chains, each to another root, offered with every certificate (default 0). */
        public Builder alternateRoots(int count) {
            this.alternateRoots = count;
            return this;
        }

        /**
         * How long issued certificates are valid (Pebble's default is 5 years); e.g. 90 days to see
         * renewal happen where it would with Let's Encrypt. Whole seconds.
         */
        public Builder certificateValidityPeriod(Duration period) {
            if (period.toSeconds() < 1) {
                throw new IllegalArgumentException("Pebble's validity period is at least a second");
            }
            this.certificateValidityPeriod = period;
            return this;
        }

        /** Requires External Account Binding and accepts this key id with this base64url HMAC key; may be called repeatedly. */
        public Builder externalAccountBinding(String keyId, String hmacKeyBase64Url) {
            macKeys.put(keyId, hmacKeyBase64Url);
            return this;
        }

        /** Starts Pebble (and a challtestsrv unless {@link #dnsServer} was given); returns once it accepts connections. */
        public Pebble start() throws IOException {
            Path directory = Files.createTempDirectory("pebble");
            PebbleChallTestSrv ownDnsServer = dnsServer == null ? PebbleChallTestSrv.start() : null;
            try {
                Pebble pebble = new Pebble(this, directory, ownDnsServer,
                        ownDnsServer != null ? ownDnsServer.dnsAddress() : dnsServer);
                pebble.process.start();
                return pebble;
            } catch (IOException | RuntimeException e) {
                if (ownDnsServer != null) {
                    ownDnsServer.close();
                }
                throw e;
            }
        }
    }
}
