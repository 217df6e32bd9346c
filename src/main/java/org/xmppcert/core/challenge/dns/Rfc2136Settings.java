package org.xmppcert.core.challenge.dns;

import java.time.Duration;
import java.util.Base64;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Where and how to send RFC 2136 dynamic updates for dns-01 records.
 *
 * <p>The secret is the base64 text of BIND's {@code key} statement (or {@code tsig-keygen}'s output);
 * it is kept out of {@link #toString()} so that settings can be logged and shown in error messages.
 *
 * @param server    host name or address of the primary server that accepts updates
 * @param port      its DNS port, normally 53
 * @param zone      the zone to update, or {@code null} to ask the server (by SOA query) which of its
 *                  zones holds each record
 * @param keyName   the TSIG key's name, as in the server's {@code key "name" { ... }} statement
 * @param algorithm the key's HMAC algorithm
 * @param secret    the key's secret, base64
 * @param ttl       TTL of the added TXT records; short, because they live only for one validation
 * @param timeout   how long to wait for each answer before calling the server unreachable
 * @param tcp       send over TCP only; otherwise UDP, falling back to TCP when an answer is truncated
 */
public record Rfc2136Settings(String server, int port, String zone, String keyName, TsigAlgorithm algorithm,
        String secret, Duration ttl, Duration timeout, boolean tcp) {

    public static final int DEFAULT_PORT = 53;
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public Rfc2136Settings {
        if (server == null || server.isBlank()) {
            throw new IllegalArgumentException("The DNS server for dynamic updates is missing");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("DNS server port " + port + " is not between 1 and 65535");
        }
        if (zone != null && zone.isBlank()) {
            zone = null;
        }
        if (zone != null) {
            dnsName(zone, "zone");
        }
        if (keyName == null || keyName.isBlank()) {
            throw new IllegalArgumentException("The TSIG key name is missing");
        }
        dnsName(keyName, "TSIG key name");
        if (algorithm == null) {
            throw new IllegalArgumentException("The TSIG algorithm is missing");
        }
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("The secret of TSIG key '" + keyName + "' is missing");
        }
        secret = secret.trim();
        try {
            Base64.getDecoder().decode(secret);
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character, which is part of the secret.
            throw new IllegalArgumentException("The secret of TSIG key '" + keyName
                    + "' is not base64 text; copy it from the server's key statement");
        }
        if (ttl == null || ttl.isNegative() || ttl.getSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("TXT record TTL " + ttl + " is not between 0 and 2^31-1 seconds");
        }
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("DNS timeout " + timeout + " must be positive");
        }
    }

    /** Settings with the defaults: zone found by SOA query, TTL 60 s, timeout 10 s, UDP with TCP fallback. */
    public static Rfc2136Settings of(String server, int port, String keyName, TsigAlgorithm algorithm, String secret) {
        return new Rfc2136Settings(server, port, null, keyName, algorithm, secret, DEFAULT_TTL, DEFAULT_TIMEOUT, false);
    }

    public Rfc2136Settings withZone(String zone) {
        return new Rfc2136Settings(server, port, zone, keyName, algorithm, secret, ttl, timeout, tcp);
    }

    public Rfc2136Settings withTimeout(Duration timeout) {
        return new Rfc2136Settings(server, port, zone, keyName, algorithm, secret, ttl, timeout, tcp);
    }

    public Rfc2136Settings withTcp(boolean tcp) {
        return new Rfc2136Settings(server, port, zone, keyName, algorithm, secret, ttl, timeout, tcp);
    }

    /** {@code host:port}, as error messages name the server. */
    public String serverAddress() {
        return (server.indexOf(':') >= 0 ? "[" + server + "]" : server) + ":" + port;
    }

    @Override
    public String toString() {
        return "Rfc2136Settings[server=" + serverAddress() + ", zone=" + (zone == null ? "(ask server)" : zone)
                + ", key=" + keyName + ", algorithm=" + algorithm + ", secret=(hidden), ttl=" + ttl.getSeconds()
                + "s, timeout=" + timeout.toMillis() + "ms, " + (tcp ? "tcp" : "udp with tcp fallback") + "]";
    }

    static Name dnsName(String text, String what) {
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("The " + what + " '" + text + "' is not a valid DNS name: "
                    + e.getMessage());
        }
    }
}
