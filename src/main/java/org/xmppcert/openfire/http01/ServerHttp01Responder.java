package org.xmppcert.openfire.http01;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppcert.core.challenge.Http01Responder;
import org.xmppcert.core.challenge.StandaloneHttp01Responder;

/**
 * The plugin's http-01 responder. Every token goes into the {@link ChallengeTokens} that the
 * handler on Openfire's HTTP-bind server answers from (ports 7070 and 7443, reached through a
 * redirect or proxy from port 80). If the admin enabled the standalone listener, it is opened
 * when the first token of an order is published and closed when the last one is withdrawn: a
 * privileged port held only for the minute a validation takes is a port that can neither be
 * attacked nor collide with another web server the rest of the time.
 *
 * <p>The settings are read each time the listener opens, so a change applies to the next order.
 */
public final class ServerHttp01Responder implements Http01Responder, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerHttp01Responder.class);

    private record Published(String domain, String keyAuthorization) {
    }

    private final ChallengeTokens tokens;
    private final Supplier<StandaloneListenerSettings> settings;
    /** The tokens in flight, which keep the standalone listener open. */
    private final Map<String, Published> inFlight = new LinkedHashMap<>();
    private StandaloneHttp01Responder standalone;

    public ServerHttp01Responder(ChallengeTokens tokens, Supplier<StandaloneListenerSettings> settings) {
        this.tokens = tokens;
        this.settings = settings;
    }

    /**
     * @throws IllegalArgumentException if {@code token} is not an ACME token
     * @throws IllegalStateException    if the standalone listener is enabled but cannot listen;
     *                                  the token is then not published anywhere
     */
    @Override
    public synchronized void publish(String domain, String token, String keyAuthorization) {
        tokens.publish(token, keyAuthorization);
        inFlight.put(token, new Published(domain, keyAuthorization));
        if (standalone != null) {
            standalone.publish(domain, token, keyAuthorization);
            return;
        }
        try {
            openStandaloneIfEnabled();
        } catch (IllegalStateException e) {
            withdraw(token);
            throw e;
        }
    }

    @Override
    public synchronized void withdraw(String token) {
        tokens.withdraw(token);
        if (inFlight.remove(token) != null && standalone != null) {
            standalone.withdraw(token);
            if (inFlight.isEmpty()) {
                closeStandalone();
            }
        }
    }

    /** Where the standalone listener listens now; empty while it is closed. */
    public synchronized Optional<InetSocketAddress> standaloneAddress() {
        return Optional.ofNullable(standalone).map(StandaloneHttp01Responder::address);
    }

    /** Withdraws every token and closes the listener, for when the plugin unloads mid-order. */
    @Override
    public synchronized void close() {
        inFlight.keySet().forEach(tokens::withdraw);
        inFlight.clear();
        if (standalone != null) {
            closeStandalone();
        }
    }

    /** Opens the listener and gives it every token in flight, including any from before it was enabled. */
    private void openStandaloneIfEnabled() {
        Optional<InetSocketAddress> address = settings.get().socketAddress();
        if (address.isEmpty()) {
            return;
        }
        try {
            standalone = StandaloneHttp01Responder.start(address.get());
        } catch (IOException e) {
            throw new IllegalStateException("Could not listen for http-01 challenges on " + address.get() + " ("
                    + e.getMessage() + "). A port below 1024 needs a privilege: give Java CAP_NET_BIND_SERVICE"
                    + " or run it under authbind, free the port, or turn the standalone listener off and"
                    + " forward port 80 to Openfire's HTTP-bind port instead.", e);
        }
        LOG.info("Listening for http-01 challenges on {} while an order is validated", standalone.address());
        inFlight.forEach((token, published) -> standalone.publish(published.domain(), token, published.keyAuthorization()));
    }

    private void closeStandalone() {
        LOG.info("No http-01 challenge in flight: closing the listener on {}", standalone.address());
        standalone.close();
        standalone = null;
    }
}
