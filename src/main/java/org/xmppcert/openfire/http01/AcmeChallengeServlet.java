package org.xmppcert.openfire.http01;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;

/**
 * Answers {@code GET /.well-known/acme-challenge/<token>} on Openfire's public web server (the
 * HTTP-bind server, ports 7070 and 7443) with the token's key authorization, and everything else
 * under that path with an empty 404. It serves from {@link ChallengeTokens} only, never from
 * files, so no path can reach anything but a token of an order in flight.
 *
 * <p>The request is matched on its raw path: a token is base64url, so any encoded character,
 * dot segment or further slash means the request is not for a token, whatever it decodes to. The
 * body is never read, and the answer is a few dozen bytes from memory; the request line and
 * headers are bounded by Openfire's connector ({@code httpbind.request.header.size}, 32 KiB by
 * default), and its idle timeout bounds a slow client.
 *
 * <p>The Host header is not checked, unlike the standalone listener: a reverse proxy commonly
 * rewrites it, and the key authorization is no secret (it is the token and the account key's
 * thumbprint, both known to anyone who sees the challenge).
 */
public final class AcmeChallengeServlet extends HttpServlet {

    /** Where RFC 8555 section 8.3 puts http-01 answers. */
    public static final String CONTEXT_PATH = "/.well-known/acme-challenge";

    private static final long serialVersionUID = 1L;

    private final transient ChallengeTokens tokens;

    public AcmeChallengeServlet(ChallengeTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * The handler to give {@code HttpBindManager.addJettyHandler}: a context at
     * {@link #CONTEXT_PATH}, without sessions or security, holding this servlet alone.
     */
    public static ServletContextHandler contextHandler(ChallengeTokens tokens) {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath(CONTEXT_PATH);
        // Without this Jetty answers the bare context path with a redirect instead of a 404.
        context.setAllowNullPathInfo(true);
        context.addServlet(new ServletHolder("acme-challenge", new AcmeChallengeServlet(tokens)), "/*");
        return context;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        String method = request.getMethod();
        boolean head = "HEAD".equals(method);
        if (!head && !"GET".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            respond(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "", false);
            return;
        }
        Optional<String> answer = tokenIn(request).flatMap(tokens::keyAuthorization);
        if (answer.isEmpty()) {
            respond(response, HttpServletResponse.SC_NOT_FOUND, "", head);
            return;
        }
        respond(response, HttpServletResponse.SC_OK, answer.get(), head);
    }

    private static Optional<String> tokenIn(HttpServletRequest request) {
        String prefix = request.getContextPath() + "/";
        String rawPath = request.getRequestURI();
        if (rawPath == null || !rawPath.startsWith(prefix)) {
            return Optional.empty();
        }
        String token = rawPath.substring(prefix.length());
        return ChallengeTokens.TOKEN.matcher(token).matches() ? Optional.of(token) : Optional.empty();
    }

    /** Status and a plain-text body, bypassing Jetty's HTML error pages. */
    private static void respond(HttpServletResponse response, int status, String body, boolean head)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        response.setStatus(status);
        response.setContentType("text/plain");
        response.setContentLength(bytes.length);
        if (!head && bytes.length > 0) {
            response.getOutputStream().write(bytes);
        }
    }
}
