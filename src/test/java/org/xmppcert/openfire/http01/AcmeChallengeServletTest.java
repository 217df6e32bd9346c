package org.xmppcert.openfire.http01;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmppcert.testing.HttpBindServer;
import org.xmppcert.testing.RawHttp;
import org.xmppcert.testing.RawHttp.Response;

/** The challenge handler as Openfire's HTTP-bind server runs it, reached over real sockets. */
class AcmeChallengeServletTest {

    static final String TOKEN = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";
    static final String KEY_AUTHORIZATION = TOKEN + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
    static final String PATH = "/.well-known/acme-challenge/";

    private static final LocalChallengeTokens tokens = new LocalChallengeTokens();
    private static HttpBindServer server;
    private static InetSocketAddress address;

    @BeforeAll
    static void startServer() throws Exception {
        server = new HttpBindServer();
        server.addJettyHandler(AcmeChallengeServlet.contextHandler(tokens));
        address = server.address();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @AfterEach
    void withdrawAll() {
        tokens.withdraw(TOKEN);
    }

    @Test
    void aPublishedTokenIsAnsweredWithItsKeyAuthorizationAsPlainText() throws Exception {
        tokens.publish(TOKEN, KEY_AUTHORIZATION);

        Response response = RawHttp.get(address, PATH + TOKEN, "example.org");

        assertEquals(200, response.status());
        assertEquals(KEY_AUTHORIZATION, response.body());
        assertTrue(response.header("Content-Type").startsWith("text/plain"), response.header("Content-Type"));
        assertEquals(String.valueOf(KEY_AUTHORIZATION.length()), response.header("Content-Length"));
    }

    @Test
    void theHostHeaderDoesNotMatterSoAReverseProxyMayRewriteIt() throws Exception {
        tokens.publish(TOKEN, KEY_AUTHORIZATION);

        assertEquals(KEY_AUTHORIZATION, RawHttp.get(address, PATH + TOKEN, "127.0.0.1:7070").body());
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        tokens.publish(TOKEN, KEY_AUTHORIZATION);

        Response response = RawHttp.request(address, "HEAD", PATH + TOKEN, "example.org", "");

        assertEquals(200, response.status());
        assertEquals("", response.body());
    }

    @Test
    void anUnknownTokenIsNotFound() throws Exception {
        tokens.publish(TOKEN, KEY_AUTHORIZATION);

        Response response = RawHttp.get(address, PATH + "x" + TOKEN, "example.org");

        assertEquals(404, response.status());
        assertEquals("", response.body());
    }

    @Test
    void aWithdrawnTokenIsNotFound() throws Exception {
        tokens.publish(TOKEN, KEY_AUTHORIZATION);
        assertEquals(200, RawHttp.get(address, PATH + TOKEN, "example.org").status());

        tokens.withdraw(TOKEN);

        assertEquals(404, RawHttp.get(address, PATH + TOKEN, "example.org").status());
    }

    @Test
    void theDirectoryItselfListsNothing() throws Exception {
        tokens.publish(TOKEN, KEY_AUTHORIZATION);

        for (String target : List.of("/.well-known/acme-challenge", PATH)) {
            Response response = RawHttp.get(address, target, "example.org");
            assertEquals(404, response.status(), target);
            assertFalse(response.body().contains(TOKEN), target);
        }
    }

    @Test
    void pathTraversalAndNestedPathsNeverReachAnythingButTokens() throws Exception {
        tokens.publish(TOKEN, KEY_AUTHORIZATION);

        for (String target : List.of(
                PATH + "../../../../etc/passwd",
                PATH + "..%2f..%2fetc%2fpasswd",
                PATH + "%2e%2e/%2e%2e/etc/passwd",
                PATH + TOKEN + "/../" + TOKEN,
                PATH + "nested/" + TOKEN,
                PATH + TOKEN + "/",
                PATH + TOKEN + "%2F",
                PATH + TOKEN + ";jsessionid=1",
                PATH + "%4" + TOKEN.substring(1),
                PATH + ".",
                PATH + "/" + TOKEN)) {
            Response response = RawHttp.get(address, target, "example.org");
            assertTrue(Set.of(400, 404).contains(response.status()), target + " answered " + response.status());
            assertFalse(response.body().contains("root:"), target);
            assertFalse(response.body().contains(KEY_AUTHORIZATION), target);
        }
    }

    @Test
    void otherMethodsAreNotAllowed() throws Exception {
        tokens.publish(TOKEN, KEY_AUTHORIZATION);

        for (String method : List.of("POST", "PUT", "DELETE")) {
            Response response = RawHttp.request(address, method, PATH + TOKEN, "example.org", "Content-Length: 0\r\n");
            assertEquals(405, response.status(), method);
            assertEquals("GET, HEAD", response.header("Allow"), method);
            assertFalse(response.body().contains(KEY_AUTHORIZATION), method);
        }
    }

    @Test
    void aHugeRequestLineIsRefused() throws Exception {
        Response response = RawHttp.get(address, PATH + "a".repeat(64 * 1024), "example.org");

        assertEquals(414, response.status());
    }

    @Test
    void hugeHeadersAreRefused() throws Exception {
        tokens.publish(TOKEN, KEY_AUTHORIZATION);

        Response response = RawHttp.request(address, "GET", PATH + TOKEN, "example.org",
                "X-Padding: " + "a".repeat(64 * 1024) + "\r\n");

        assertEquals(431, response.status());
        assertFalse(response.body().contains(KEY_AUTHORIZATION));
    }

    @Test
    void aTokenLongerThanAnyAcmeTokenIsNotFound() throws Exception {
        Response response = RawHttp.get(address, PATH + "a".repeat(1024), "example.org");

        assertEquals(404, response.status());
    }
}
