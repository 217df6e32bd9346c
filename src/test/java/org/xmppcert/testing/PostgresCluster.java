package org.xmppcert.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL server from Debian's postgresql package: a fresh cluster in a temporary
 * directory, listening on a free loopback port, started on first use and removed when the JVM
 * exits. Each test gets a database of its own from {@link #newDatabase()}.
 *
 * <p>PostgreSQL refuses to run as root, so as root (CI) the cluster belongs to the package's
 * {@code postgres} user and its programs run through {@code runuser}; otherwise they run as the
 * current user.
 *
 * <p>Without the server binaries the tests fail in CI (where .ci/run installs the package) and are
 * skipped, with the reason, on a developer machine that lacks it.
 */
public final class PostgresCluster {

    private static final Path DEBIAN_POSTGRESQL = Path.of("/usr/lib/postgresql");
    private static final String SERVICE_USER = "postgres";
    private static final String SUPERUSER = "certmgr";

    private static PostgresCluster shared;

    private final Path binaries;
    private final Path directory;
    private final boolean asServiceUser;
    private final AtomicInteger databases = new AtomicInteger();
    private int port;

    private PostgresCluster(Path binaries, Path directory, boolean asServiceUser) {
        this.binaries = binaries;
        this.directory = directory;
        this.asServiceUser = asServiceUser;
    }

    /** The cluster for this JVM, started on first call. */
    public static synchronized PostgresCluster shared() {
        if (shared == null) {
            Path binaries = serverBinaries().orElseGet(() -> {
                String reason = "PostgreSQL server binaries not found in " + DEBIAN_POSTGRESQL
                        + "/<version>/bin: install Debian's postgresql package (apt-get install -y postgresql)";
                if (System.getenv("CI") == null) {
                    Assumptions.abort(reason + "; skipped because CI is not set");
                }
                throw new IllegalStateException(reason);
            });
            try {
                shared = start(binaries);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** A new, empty database; returns its JDBC URL. */
    public String newDatabase() throws SQLException {
        String name = "test" + databases.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(url("postgres"), SUPERUSER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " ENCODING 'UTF8'");
        }
        return url(name);
    }

    public String user() {
        return SUPERUSER;
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static Optional<Path> serverBinaries() {
        if (!Files.isDirectory(DEBIAN_POSTGRESQL)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_POSTGRESQL)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> bin.getParent().getFileName().toString().matches("\\d+"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PostgresCluster start(Path binaries) throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path directory = Files.createTempDirectory("certmgr-postgres");
        if (root) {
            UserPrincipal owner = directory.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(SERVICE_USER);
            Files.setOwner(directory, owner);
        }
        PostgresCluster cluster = new PostgresCluster(binaries, directory, root);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::destroy));
        cluster.run("initdb", "-D", cluster.dataDirectory(), "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8",
                "--locale=C", "--no-sync");
        IOException lastFailure = null;
        // The free port is only free when chosen; another process may take it before the server binds it.
        for (int attempt = 0; attempt < 3; attempt++) {
            cluster.port = freeLoopbackPort();
            try {
                cluster.run("pg_ctl", "-D", cluster.dataDirectory(), "-l", directory.resolve("server.log").toString(),
                        "-w", "-t", "60", "-o", "-p " + cluster.port + " -k " + directory
                                + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
                return cluster;
            } catch (IOException e) {
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    private String dataDirectory() {
        return directory.resolve("data").toString();
    }

    private void run(String program, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        if (asServiceUser) {
            command.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        command.add(binaries.resolve(program).toString());
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("certmgr-postgres-" + program, ".log");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 90 s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8) + serverLog());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + program, e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private String serverLog() throws IOException {
        Path log = directory.resolve("server.log");
        return Files.exists(log) ? "\nserver log:\n" + Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private void destroy() {
        try {
            if (Files.exists(directory.resolve("data").resolve("postmaster.pid"))) {
                run("pg_ctl", "-D", dataDirectory(), "-m", "immediate", "-w", "stop");
            }
        } catch (IOException e) {
            // The JVM is exiting; a server that will not stop is the only thing left to report.
            System.err.println("Could not stop the test PostgreSQL server: " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not remove " + directory + ": " + e.getMessage());
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
