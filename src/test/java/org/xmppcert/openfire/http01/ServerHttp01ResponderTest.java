package org.xmppcert.openfire.http01;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmppcert.testing.RawHttp;

class ServerHttp01ResponderTest {

    private static final String PATH = AcmeChallengeServletTest.PATH;
    private static final String TOKEN_A = "tokenA_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String TOKEN_B = "tokenB_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    /** Any free loopback port, so the test needs no privilege; port 80 behaves the same with one. */
    private static final StandaloneListenerSettings ENABLED = new StandaloneListenerSettings(true, "127.0.0.1", 0);

    private final LocalChallengeTokens tokens = new LocalChallengeTokens();
    private final AtomicReference<StandaloneListenerSettings> settings =
            new AtomicReference<>(StandaloneListenerSettings.DISABLED);
    private final ServerHttp01Responder responder = new ServerHttp01Responder(tokens, settings::get);

    @AfterEach
    void close() {
        responder.close();
    }

    @Test
    void withoutTheStandaloneListenerTokensGoToTheHttpBindHandlerOnly() {
        responder.publish("example.org", TOKEN_A, TOKEN_A + ".key");

        assertEquals(Optional.of(TOKEN_A + ".key"), tokens.keyAuthorization(TOKEN_A));
        assertEquals(Optional.empty(), responder.standaloneAddress());
    }

    @Test
    void theStandaloneListenerIsOpenOnlyWhileTokensAreInFlight() throws Exception {
        settings.set(ENABLED);
        assertEquals(Optional.empty(), responder.standaloneAddress(), "open before any order");

        responder.publish("example.org", TOKEN_A, TOKEN_A + ".key");
        responder.publish("conference.example.org", TOKEN_B, TOKEN_B + ".key");
        InetSocketAddress listener = responder.standaloneAddress().orElseThrow();
        assertEquals(TOKEN_A + ".key", RawHttp.get(listener, PATH + TOKEN_A, "example.org").body());
        assertEquals(TOKEN_B + ".key", RawHttp.get(listener, PATH + TOKEN_B, "conference.example.org").body());

        responder.withdraw(TOKEN_A);
        assertEquals(404, RawHttp.get(listener, PATH + TOKEN_A, "example.org").status());
        assertEquals(200, RawHttp.get(listener, PATH + TOKEN_B, "conference.example.org").status());
        assertEquals(Optional.of(listener), responder.standaloneAddress());

        responder.withdraw(TOKEN_B);
        assertEquals(Optional.empty(), responder.standaloneAddress());
        assertThrows(ConnectException.class, () -> RawHttp.get(listener, PATH + TOKEN_B, "conference.example.org"));
        assertEquals(Optional.empty(), tokens.keyAuthorization(TOKEN_B));
    }

    @Test
    void withdrawingAnUnknownTokenKeepsTheListenerOpen() {
        settings.set(ENABLED);
        responder.publish("example.org", TOKEN_A, TOKEN_A + ".key");

        responder.withdraw(TOKEN_B);

        assertTrue(responder.standaloneAddress().isPresent());
    }

    @Test
    void enablingTheListenerAppliesToTheNextOrderAndServesEveryTokenInFlight() throws Exception {
        responder.publish("example.org", TOKEN_A, TOKEN_A + ".key");
        settings.set(ENABLED);

        responder.publish("conference.example.org", TOKEN_B, TOKEN_B + ".key");

        InetSocketAddress listener = responder.standaloneAddress().orElseThrow();
        assertEquals(200, RawHttp.get(listener, PATH + TOKEN_A, "example.org").status());
        assertEquals(200, RawHttp.get(listener, PATH + TOKEN_B, "conference.example.org").status());
    }

    @Test
    void aPortThatCannotBeOpenedFailsThePublicationClearlyAndLeavesNoToken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            settings.set(new StandaloneListenerSettings(true, "127.0.0.1", taken.getLocalPort()));

            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> responder.publish("example.org", TOKEN_A, TOKEN_A + ".key"));

            assertTrue(refused.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), refused.getMessage());
            assertTrue(refused.getMessage().contains("CAP_NET_BIND_SERVICE"), refused.getMessage());
            assertEquals(Optional.empty(), tokens.keyAuthorization(TOKEN_A));
        }
        // Once the admin frees the port (here: any free one), the next order works.
        settings.set(ENABLED);
        responder.publish("example.org", TOKEN_A, TOKEN_A + ".key");
        assertTrue(responder.standaloneAddress().isPresent());
    }

    @Test
    void closingWithdrawsEverythingAndClosesTheListener() throws IOException {
        settings.set(ENABLED);
        responder.publish("example.org", TOKEN_A, TOKEN_A + ".key");
        InetSocketAddress listener = responder.standaloneAddress().orElseThrow();

        responder.close();

        assertEquals(Optional.empty(), tokens.keyAuthorization(TOKEN_A));
        assertEquals(Optional.empty(), responder.standaloneAddress());
        assertThrows(ConnectException.class, () -> RawHttp.get(listener, PATH + TOKEN_A, "example.org"));
    }

    @Test
    void somethingThatIsNotATokenIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> responder.publish("example.org", "../etc", "x"));
        assertThrows(IllegalArgumentException.class, () -> responder.publish("example.org", "a/b", "x"));
    }

    @Test
    void portsOutsideTheTcpRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StandaloneListenerSettings(true, "", 65536));
        assertEquals(new InetSocketAddress(80), new StandaloneListenerSettings(true, " ", 80).socketAddress().orElseThrow());
    }
}
