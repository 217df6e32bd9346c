package org.xmppcert.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Pebble or pebble-challtestsrv process: started with its output in a log file, considered up
 * once each of its TCP ports accepts connections (Pebble opens its management port a moment after
 * its ACME port), and stopped for good when the JVM exits even if a test forgets to close it.
 */
final class PebbleProcess {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(20);

    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final List<Integer> readinessPorts;
    private Process process;

    PebbleProcess(List<String> command, Map<String, String> environment, Path log, int... readinessPorts) {
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.readinessPorts = Arrays.stream(readinessPorts).boxed().toList();
    }

    /** A TCP port on 127.0.0.1 that is free now, and free for UDP too (DNS servers need both). */
    static int freePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, LOOPBACK)) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
                    return port;
                } catch (IOException udpTaken) {
                    // try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("No free loopback port found");
    }

    synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(command.get(0) + " is already running");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // A developer's shell may carry PEBBLE_* settings (e.g. PEBBLE_VA_ALWAYS_VALID) that would make tests lie.
        builder.environment().keySet().removeIf(name -> name.startsWith("PEBBLE_"));
        builder.environment().putAll(environment);
        process = builder.start();
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        for (int port : readinessPorts) {
            awaitPort(started, port);
        }
    }

    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void awaitPort(Process started, int readinessPort) throws IOException {
        Instant deadline = Instant.now().plus(STARTUP_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (!started.isAlive()) {
                throw new IOException(command.get(0) + " exited with " + started.exitValue() + ": " + logTail());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LOOPBACK, readinessPort), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while starting " + command.get(0), e);
                }
            }
        }
        started.destroyForcibly();
        throw new IOException(command.get(0) + " did not listen on port " + readinessPort + " within "
                + STARTUP_LIMIT.toSeconds() + " s: " + logTail());
    }

    /** Deletes a temporary directory this harness made (config, keys, logs), once its process is stopped. */
    static void deleteDirectory(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Left in the temporary directory: harmless.
        }
    }

    String logTail() {
        String text = log();
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
