package org.xmppcert.core.acme;

import java.net.URI;

/**
 * What went wrong with an issuance, in the terms an admin can act on. Each ACME error type of
 * RFC 8555 section 6.7 (and a few local conditions) maps to one constant carrying the advice that
 * fits it, so every failure reaches the admin with a next step rather than a protocol code. The
 * advice is English, for logs and the history; a user interface in another language words each
 * constant itself.
 */
public enum IssuanceProblem {
    RATE_LIMITED("rateLimited",
            "The CA limits how often certificates can be requested. Wait until the time given, then try again; do not retry sooner."),
    BAD_NONCE("badNonce",
            "The CA kept refusing the request's replay nonce. This is usually transient: try again in a few minutes."),
    UNAUTHORIZED("unauthorized",
            "The CA did not accept that this server controls the name. Check the name points at this server (http-01) or that the TXT record is right (dns-01)."),
    INCORRECT_RESPONSE("incorrectResponse",
            "The CA fetched a different answer than expected. Make sure port 80 of the name reaches this server and not another host or proxy."),
    REJECTED_IDENTIFIER("rejectedIdentifier",
            "The CA will not issue for this name (its policy forbids it). Remove the name from the request or use another CA."),
    UNSUPPORTED_IDENTIFIER("unsupportedIdentifier",
            "The CA does not support this kind of name. Remove it or use another CA."),
    CAA("caa",
            "A CAA record in the name's DNS forbids this CA. Add a CAA record allowing it, or remove the CAA restriction."),
    DNS("dns",
            "The CA could not look the name up in DNS. Check the name exists and its DNS servers answer from the internet."),
    CONNECTION("connection",
            "The CA could not connect to the name to validate it. Check that port 80 (http-01) is open to the internet and forwarded to this server."),
    TLS("tls",
            "The CA hit a TLS error while validating. Check what listens on the name's port 443."),
    MALFORMED("malformed",
            "The CA rejected the request as malformed. This is likely a bug or an incompatibility; report it with the CA's detail."),
    SERVER_INTERNAL("serverInternal",
            "The CA had an internal error. Try again later."),
    BAD_CSR("badCSR",
            "The CA rejected the certificate request. Check the key type is one the CA accepts."),
    ACCOUNT("accountDoesNotExist",
            "The CA does not know the ACME account. It will be registered again on the next attempt."),
    EXTERNAL_ACCOUNT_REQUIRED("externalAccountRequired",
            "The CA requires External Account Binding. Enter the key id and HMAC key the CA gave you."),
    USER_ACTION_REQUIRED("userActionRequired",
            "The CA requires an action on its website (usually accepting new terms of service)."),
    NETWORK(null,
            "This server could not talk to the CA. Check the directory URL, outgoing HTTPS (firewall, proxy) and the CA's certificate trust."),
    TIMEOUT(null,
            "The CA did not finish in time. Try again later; if it keeps happening, check the CA's status page."),
    CHALLENGE_SETUP(null,
            "The challenge answer could not be put in place; see the detail."),
    ALREADY_IN_PROGRESS(null,
            "A request for the same names is already running; wait for it to finish."),
    NO_SUITABLE_CHALLENGE(null,
            "The CA offers no challenge this server can answer for the name. Configure another challenge type (dns-01 for wildcards)."),
    OTHER(null,
            "The CA refused the request; see its detail.");

    private static final String ACME_ERROR_PREFIX = "urn:ietf:params:acme:error:";

    private final String acmeType;
    private final String advice;

    IssuanceProblem(String acmeType, String advice) {
        this.acmeType = acmeType;
        this.advice = advice;
    }

    /** What the admin can do about it. */
    public String advice() {
        return advice;
    }

    /** The constant for an ACME error type URI; unknown types are {@link #OTHER}. */
    public static IssuanceProblem ofAcmeType(URI type) {
        String text = type.toString();
        if (text.startsWith(ACME_ERROR_PREFIX)) {
            String name = text.substring(ACME_ERROR_PREFIX.length());
            for (IssuanceProblem problem : values()) {
                if (name.equals(problem.acmeType)) {
                    return problem;
                }
            }
        }
        return OTHER;
    }
}
