package org.xmppcert.benchmark;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import org.xmppcert.core.acme.AcmeIssuer;
import org.xmppcert.core.acme.AcmeSettings;
import org.xmppcert.core.challenge.StandaloneHttp01Responder;
import org.xmppcert.testing.InMemoryAccountStore;
import org.xmppcert.testing.InMemoryOrderStore;
import org.xmppcert.core.issuance.IssuedCertificate;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.testing.AesGcmSealer;
import org.xmppcert.testing.Pebble;

/**
 * Time to a certificate for 1, 10 and 50 names against a local Pebble ({@code PEBBLE_VA_NOSLEEP=1},
 * real http-01 validation), from the engine's first request to the downloaded chain.
 *
 * <p>Cold: a fresh JVM per run (class loading, JIT, TLS handshakes, account registration
 * included). Warm: one engine after warm-up issuances, account already registered. Fresh engine:
 * what the plugin does in a running server — a new engine per order (new HTTP client and
 * sessions, so new TLS connections) in a warm JVM, with the account already registered and
 * loaded from the account store. Every run
 * uses names never validated before, and Pebble reuses no authorization, so every run validates
 * every name.
 *
 * <p>Run: {@code mvn -q test-compile exec:java@benchmark}
 */
public final class IssuanceBenchmark {

    private static final int[] SIZES = {1, 10, 50};
    private static final int COLD_RUNS = 3;
    private static final int WARMUP_RUNS = 10;
    private static final int WARM_RUNS = 9;
    /** One key for the process, as the plugin's sealer is the server's: every engine opens the saved account key. */
    private static final AesGcmSealer SEALER = AesGcmSealer.withRandomKey();

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--cold-run")) {
            coldRun(URI.create(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            return;
        }
        int http01Port = freePort();
        try (Pebble pebble = Pebble.builder().http01Port(http01Port).start()) {
            Path anchor = Files.createTempFile("pebble-anchor", ".der");
            Files.write(anchor, pebble.trustAnchor().getEncoded());
            System.out.printf("Pebble 2.4.0, PEBBLE_VA_NOSLEEP=1, %d cores, %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            System.out.println();
            System.out.println("names  cold (new JVM) median [min..max] ms   warm median [min..max] ms   fresh engine median [min..max] ms");
            List<String> lines = new ArrayList<>();
            int runId = 0;
            long[][] cold = new long[SIZES.length][COLD_RUNS];
            for (int s = 0; s < SIZES.length; s++) {
                for (int r = 0; r < COLD_RUNS; r++) {
                    cold[s][r] = coldInChildJvm(pebble.directory(), anchor, http01Port, SIZES[s], ++runId);
                }
            }
            InMemoryAccountStore accounts = new InMemoryAccountStore();
            try (StandaloneHttp01Responder responder = StandaloneHttp01Responder.start(new InetSocketAddress("127.0.0.1", http01Port));
                 AcmeIssuer issuer = issuer(pebble.directory(), pebble.trustAnchor(), responder, accounts)) {
                for (int w = 0; w < WARMUP_RUNS; w++) {
                    timeIssuance(issuer, 10, ++runId);
                }
                for (int s = 0; s < SIZES.length; s++) {
                    long[] warm = new long[WARM_RUNS];
                    long[] fresh = new long[WARM_RUNS];
                    for (int r = 0; r < WARM_RUNS; r++) {
                        warm[r] = timeIssuance(issuer, SIZES[s], ++runId);
                        long start = System.nanoTime();
                        try (AcmeIssuer perOrder = issuer(pebble.directory(), pebble.trustAnchor(), responder, accounts)) {
                            timeIssuance(perOrder, SIZES[s], ++runId);
                        }
                        fresh[r] = (System.nanoTime() - start) / 1_000_000;
                    }
                    lines.add(String.format("%5d  %26s   %26s   %s", SIZES[s], summary(cold[s]), summary(warm), summary(fresh)));
                    System.out.println(lines.get(lines.size() - 1));
                }
            }
        }
    }

    private static void coldRun(URI directory, Path anchorFile, int http01Port, int size, int runId) throws Exception {
        long start = System.nanoTime();
        X509Certificate anchor = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(anchorFile)));
        try (StandaloneHttp01Responder responder = StandaloneHttp01Responder.start(new InetSocketAddress("127.0.0.1", http01Port));
             AcmeIssuer issuer = issuer(directory, anchor, responder, new InMemoryAccountStore())) {
            issuer.issue(names(size, runId), KeyType.EC_P256);
        }
        System.out.println("COLD_MS " + (System.nanoTime() - start) / 1_000_000);
    }

    private static long coldInChildJvm(URI directory, Path anchor, int http01Port, int size, int runId)
            throws IOException, InterruptedException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                IssuanceBenchmark.class.getName(), "--cold-run", directory.toString(), anchor.toString(),
                Integer.toString(http01Port), Integer.toString(size), Integer.toString(runId))
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (child.waitFor() != 0 || !output.contains("COLD_MS ")) {
            throw new IllegalStateException("Cold run failed:\n" + output);
        }
        return Long.parseLong(output.substring(output.indexOf("COLD_MS ") + 8).trim());
    }

    /** This program's class path; under {@code exec:java} that is the project's class loader, not java.class.path. */
    private static String classPath() {
        if (IssuanceBenchmark.class.getClassLoader() instanceof java.net.URLClassLoader loader) {
            return java.util.Arrays.stream(loader.getURLs()).map(url -> {
                try {
                    return Path.of(url.toURI()).toString();
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    private static long timeIssuance(AcmeIssuer issuer, int size, int runId) throws Exception {
        List<String> names = names(size, runId);
        long start = System.nanoTime();
        IssuedCertificate issued = issuer.issue(names, KeyType.EC_P256);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (issued.leaf().getSubjectAlternativeNames().size() != size) {
            throw new IllegalStateException("Wrong certificate: " + issued);
        }
        return millis;
    }

    private static AcmeIssuer issuer(URI directory, X509Certificate anchor, StandaloneHttp01Responder responder,
                                     InMemoryAccountStore accounts) {
        return AcmeIssuer.builder(AcmeSettings.builder(directory).trustAnchor(anchor).termsOfServiceAgreed(true).build())
                .accountStore(accounts)
                .orderStore(new InMemoryOrderStore())
                .sealer(SEALER)
                .http01(responder)
                .build();
    }

    private static List<String> names(int size, int runId) {
        return IntStream.rangeClosed(1, size).mapToObj(i -> "n" + i + ".run" + runId + ".bench.example").toList();
    }

    private static String summary(long[] millis) {
        long[] sorted = millis.clone();
        java.util.Arrays.sort(sorted);
        return String.format("%d [%d..%d]", sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private IssuanceBenchmark() {
    }
}
