package org.xmppcert.openfire.http01;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The http-01 tokens of the orders in flight, each with its key authorization: the one thing the
 * challenge handlers serve. Both transports (the handler on Openfire's HTTP-bind server and the
 * standalone listener) read the same tokens, so a challenge is answered on whichever port the
 * CA's request arrives.
 *
 * <p>In a cluster the CA may reach any node, while only the node running the order publishes;
 * there the tokens must live in a clustered cache ({@code CacheFactory.createCache(name)}, whose
 * values must be serializable, as these strings are). This interface is the seam for that
 * variant; {@link LocalChallengeTokens} serves a single node.
 */
public interface ChallengeTokens {

    /**
     * What an ACME token looks like: base64url without padding (RFC 8555 section 8.3). Anything
     * else in a request path is not a token, whatever the path contains.
     */
    Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    /**
     * @throws IllegalArgumentException if {@code token} is not a base64url token
     */
    void publish(String token, String keyAuthorization);

    /** The key authorization of a published token; empty for any other string. */
    Optional<String> keyAuthorization(String token);

    /** Withdrawing a token that is not published does nothing. */
    void withdraw(String token);

    /** Rejects what could never be a token before it reaches a map or a cache. */
    static String requireToken(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("Not an ACME token: " + token);
        }
        return token;
    }
}
