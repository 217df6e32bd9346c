package org.xmppcert.core.challenge.dns;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/**
 * The HMAC algorithms a TSIG key may use. The names are those of BIND's {@code key} statement and
 * of {@code tsig-keygen}, so an admin can copy them from the server's configuration unchanged.
 * HMAC-MD5 is left out on purpose: it is deprecated for TSIG (RFC 8945 section 6).
 */
public enum TsigAlgorithm {
    HMAC_SHA1("hmac-sha1", TSIG.HMAC_SHA1),
    HMAC_SHA256("hmac-sha256", TSIG.HMAC_SHA256),
    HMAC_SHA384("hmac-sha384", TSIG.HMAC_SHA384),
    HMAC_SHA512("hmac-sha512", TSIG.HMAC_SHA512);

    private final String label;
    private final Name dnsName;

    TsigAlgorithm(String label, Name dnsName) {
        this.label = label;
        this.dnsName = dnsName;
    }

    /** The name as written in server configurations, e.g. {@code hmac-sha256}. */
    public String label() {
        return label;
    }

    Name dnsName() {
        return dnsName;
    }

    /**
     * Reads an algorithm as an admin writes it: case does not matter and a trailing dot (the
     * absolute domain name form RFC 8945 uses) is accepted.
     *
     * @throws IllegalArgumentException naming the accepted algorithms
     */
    public static TsigAlgorithm fromLabel(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        String bare = wanted.endsWith(".") ? wanted.substring(0, wanted.length() - 1) : wanted;
        return Arrays.stream(values())
                .filter(algorithm -> algorithm.label.equals(bare))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown TSIG algorithm '" + text + "'; use one of "
                        + Arrays.stream(values()).map(TsigAlgorithm::label).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return label;
    }
}
