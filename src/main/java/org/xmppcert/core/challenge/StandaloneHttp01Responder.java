package org.xmppcert.core.challenge;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny HTTP server that answers http-01 challenges and nothing else, for when no other web
 * server holds port 80 (or when port 80 is forwarded to it). It serves published tokens only, for
 * the name they were published for; anything else is a 404. It never touches the file system,
 * reads no request body and answers in a few hundred bytes, so it is safe to expose.
 *
 * <p>The JDK server's time limits are process-wide system properties; unless already set, they
 * are set to {@value #REQUEST_SECONDS} seconds so that a slow client cannot hold a connection open.
 */
public final class StandaloneHttp01Responder implements Http01Responder, AutoCloseable {

    private static final String PREFIX = "/.well-known/acme-challenge/";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final int REQUEST_SECONDS = 10;
    private static final int WORKER_THREADS = 4;

    static {
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", Integer.toString(REQUEST_SECONDS));
        System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", Integer.toString(REQUEST_SECONDS));
    }

    private final Map<String, Published> published = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService workers;

    private record Published(String domain, String keyAuthorization) {
    }

    private StandaloneHttp01Responder(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /**
     * Starts answering on {@code address} (e.g. {@code 0.0.0.0:80}, or {@code 127.0.0.1:0} for any free port).
     *
     * @throws IOException if the address cannot be bound (port taken, or privileged without the right to bind it)
     */
    public static StandaloneHttp01Responder start(InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, task -> {
            Thread thread = new Thread(task, "http-01-responder-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        StandaloneHttp01Responder responder = new StandaloneHttp01Responder(server, workers);
        server.createContext("/", responder::handle);
        server.setExecutor(workers);
        server.start();
        return responder;
    }

    /** Where it listens; the port is the real one when started on port 0. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void publish(String domain, String token, String keyAuthorization) {
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("Not an ACME token: " + token);
        }
        published.put(token, new Published(hostOnly(domain), keyAuthorization));
    }

    @Override
    public void withdraw(String token) {
        published.remove(token);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                respond(exchange, 405, "");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            Published answer = path != null && path.startsWith(PREFIX) ? published.get(path.substring(PREFIX.length())) : null;
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (answer == null || host == null || !hostOnly(host).equals(answer.domain())) {
                respond(exchange, 404, "");
                return;
            }
            respond(exchange, 200, answer.keyAuthorization());
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The name part of a Host header or domain: lower case, without port or trailing dot. */
    private static String hostOnly(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (!name.startsWith("[")) {
            int colon = name.lastIndexOf(':');
            if (colon >= 0 && name.indexOf(':') == colon) {
                name = name.substring(0, colon);
            }
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
