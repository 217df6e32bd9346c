package org.xmppcert.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real BIND 9 ({@code named}, Debian package {@code bind9}) serving test zones on a free loopback
 * port, so dynamic updates and the CA's dns-01 look-ups meet a real authoritative server.
 *
 * <p>Zones {@link #ZONES} accept updates signed with {@link #keyName()}; {@link #LOCKED_ZONE} only
 * accepts another key, to see a refusal. Each start gets fresh random secrets, its own directory
 * (configuration, zone files, journals) and no recursion, rndc or logging outside that directory.
 *
 * <p>The directory lies under {@code /var/cache/bind} when that is writable (root in CI), because
 * Debian's AppArmor profile for {@code named} lets it write there and not in {@code /tmp}.
 */
public final class Bind9 implements AutoCloseable {

    public static final List<String> ZONES = List.of("example.test", "acme.test");
    public static final String LOCKED_ZONE = "locked.test";
    public static final String ALGORITHM = "hmac-sha256";

    private static final String KEY_NAME = "xmppcert-test";
    private static final String OTHER_KEY_NAME = "someone-else";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final Process process;
    private final int port;
    private final String secret;

    private Bind9(Path directory, Process process, int port, String secret) {
        this.directory = directory;
        this.process = process;
        this.port = port;
        this.secret = secret;
    }

    /**
     * One BIND 9 for all tests of a class, started before the first and stopped after the last:
     * {@code @RegisterExtension static final Bind9.PerTestClass BIND = new Bind9.PerTestClass();}
     */
    public static final class PerTestClass implements BeforeAllCallback, AfterAllCallback {

        private Bind9 server;

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            server = start();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (server != null) {
                server.close();
            }
        }

        public Bind9 server() {
            return server;
        }
    }

    /** Starts {@code named} and returns once it answers for its zones. */
    public static Bind9 start() throws IOException, InterruptedException {
        Path named = Stream.of("/usr/sbin/named", "/usr/bin/named").map(Paths::get).filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("named not found: install the Debian package bind9"));
        IOException lastFailure = null;
        // A free port can be taken by someone else between our probe and named's bind; then try another.
        for (int attempt = 0; attempt < 3; attempt++) {
            Path directory = workDirectory();
            int port = freeLoopbackPort();
            String secret = randomSecret();
            writeConfiguration(directory, port, secret);
            Process process = new ProcessBuilder(named.toString(), "-g", "-c", directory.resolve("named.conf").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("named.log").toFile())
                    .start();
            Bind9 server = new Bind9(directory, process, port, secret);
            try {
                server.awaitAnswers();
                return server;
            } catch (IOException e) {
                lastFailure = e;
                server.close();
            }
        }
        throw lastFailure;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}, as Pebble's {@code -dnsserver} takes it. */
    public String address() {
        return host() + ":" + port;
    }

    /** The key that may update {@link #ZONES}. */
    public String keyName() {
        return KEY_NAME;
    }

    /** Its base64 secret. */
    public String secret() {
        return secret;
    }

    /** The TXT values at {@code name}, asked of this server directly (no cache in between). */
    public List<String> txtValues(String name) throws IOException {
        Message query = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), Type.TXT, DClass.IN));
        query.getHeader().unsetFlag(Flags.RD);
        Message answer = resolver(Duration.ofSeconds(2)).send(query);
        if (answer.getRcode() != Rcode.NOERROR && answer.getRcode() != Rcode.NXDOMAIN) {
            throw new IOException("named answered " + Rcode.string(answer.getRcode()) + " for TXT " + name);
        }
        List<String> values = new ArrayList<>();
        for (Record record : answer.getSection(Section.ANSWER)) {
            if (record instanceof TXTRecord txt) {
                values.add(String.join("", txt.getStrings()));
            }
        }
        return values;
    }

    /** What named logged, for failure messages. */
    public String log() {
        try {
            return Files.readString(directory.resolve("named.log"));
        } catch (IOException e) {
            return "(named.log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops named (SIGTERM, as its shutdown expects) and deletes its directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitAnswers() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Message query = Message.newQuery(Record.newRecord(Name.fromString(ZONES.get(0), Name.root), Type.SOA,
                DClass.IN));
        SimpleResolver resolver = resolver(Duration.ofMillis(300));
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("named exited with status " + process.exitValue() + ":\n" + log());
            }
            try {
                if (resolver.send(query).getRcode() == Rcode.NOERROR) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        throw new IOException("named did not answer on " + address() + " within " + START_TIMEOUT + ":\n" + log());
    }

    private SimpleResolver resolver(Duration timeout) {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        resolver.setTimeout(timeout);
        return resolver;
    }

    private static void writeConfiguration(Path directory, int port, String secret) throws IOException {
        StringBuilder conf = new StringBuilder()
                .append("options {\n")
                .append("  directory \"").append(directory).append("\";\n")
                .append("  listen-on port ").append(port).append(" { 127.0.0.1; };\n")
                .append("  listen-on-v6 { none; };\n")
                .append("  pid-file none;\n")
                .append("  session-keyfile \"").append(directory.resolve("session.key")).append("\";\n")
                .append("  recursion no;\n")
                .append("  dnssec-validation no;\n")
                .append("  notify no;\n")
                .append("};\n")
                .append("controls { };\n")
                .append(key(KEY_NAME, secret))
                .append(key(OTHER_KEY_NAME, randomSecret()));
        for (String zone : ZONES) {
            conf.append(zone(directory, zone, KEY_NAME));
        }
        conf.append(zone(directory, LOCKED_ZONE, OTHER_KEY_NAME));
        Files.writeString(directory.resolve("named.conf"), conf);
    }

    private static String key(String name, String secret) {
        return "key \"" + name + "\" { algorithm " + ALGORITHM + "; secret \"" + secret + "\"; };\n";
    }

    private static String zone(Path directory, String zone, String updateKey) throws IOException {
        Path file = directory.resolve(zone + ".zone");
        Files.writeString(file, "$TTL 60\n"
                + "@ IN SOA ns." + zone + ". hostmaster." + zone + ". 1 3600 600 86400 60\n"
                + "@ IN NS ns." + zone + ".\n"
                + "ns IN A 127.0.0.1\n");
        return "zone \"" + zone + "\" { type primary; file \"" + file + "\"; "
                + "update-policy { grant " + updateKey + " zonesub ANY; }; };\n";
    }

    private static Path workDirectory() throws IOException {
        Path apparmorWritable = Paths.get("/var/cache/bind");
        if (Files.isDirectory(apparmorWritable) && Files.isWritable(apparmorWritable)) {
            return Files.createTempDirectory(apparmorWritable, "xmppcert-test-");
        }
        return Files.createTempDirectory("xmppcert-bind9-");
    }

    private static int freeLoopbackPort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        while (true) {
            int port;
            try (ServerSocket tcp = new ServerSocket(0, 1, loopback)) {
                port = tcp.getLocalPort();
            }
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                return port;
            } catch (IOException udpTaken) {
                // The TCP port was free but its UDP twin is not; named needs both.
            }
        }
    }

    private static String randomSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }
}
