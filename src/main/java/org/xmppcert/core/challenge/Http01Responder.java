package org.xmppcert.core.challenge;

/**
 * Serves http-01 answers (RFC 8555 section 8.3). The engine publishes a token's key authorization
 * before it tells the CA to validate, and withdraws it once the authorization is settled; an
 * implementation answers {@code GET /.well-known/acme-challenge/<token>} for published tokens only.
 */
public interface Http01Responder {

    /** From now on, {@code http://<domain>/.well-known/acme-challenge/<token>} answers {@code keyAuthorization}. */
    void publish(String domain, String token, String keyAuthorization);

    /** The token is answered no more (404). Withdrawing an unknown token does nothing. */
    void withdraw(String token);
}
