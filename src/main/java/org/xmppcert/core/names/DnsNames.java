package org.xmppcert.core.names;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

import com.google.common.net.InetAddresses;

/**
 * Turns a name as typed or configured into the one form a certificate carries: A-labels
 * ({@code xn--}), lower case, no trailing dot. Comparing names only in this form is what makes
 * "Example.ORG.", "example.org" and the Unicode and Punycode spellings of an IDN one name.
 */
public final class DnsNames {

    static final String WILDCARD_PREFIX = "*.";

    /** RFC 1035 LDH label; the length limits are checked separately for a clearer rule. */
    private static final Pattern LDH_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    /**
     * Characters that IDNA2003 (java.net.IDN) maps away but IDNA2008 (what registries use) keeps:
     * "straße" would become "strasse", a different domain, so such names are refused rather than
     * silently certified under the wrong spelling.
     */
    private static final String IDNA_DEVIATIONS = "\u00df\u03c2\u200c\u200d";

    private DnsNames() {
    }

    /**
     * @param name a host name, optionally a wildcard {@code *.name}, in any case, with or without
     *             a trailing dot, in Unicode or A-label form
     * @return the normalized name
     * @throws InvalidNameException if it is an IP address or not a valid DNS name
     */
    public static String normalize(String name) {
        String text = stripTrailingDot(name.strip());
        if (isIpAddress(text)) {
            throw new InvalidNameException(text, RejectedName.Reason.IP_ADDRESS);
        }
        boolean wildcard = text.startsWith(WILDCARD_PREFIX);
        String base = wildcard ? text.substring(WILDCARD_PREFIX.length()) : text;
        if (base.chars().anyMatch(c -> IDNA_DEVIATIONS.indexOf(c) >= 0)) {
            throw new InvalidNameException(text, RejectedName.Reason.AMBIGUOUS_IDN);
        }
        String ascii;
        try {
            ascii = stripTrailingDot(IDN.toASCII(base, IDN.USE_STD3_ASCII_RULES)).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidNameException(text, RejectedName.Reason.INVALID_SYNTAX);
        }
        if (isIpAddress(ascii)) {
            throw new InvalidNameException(ascii, RejectedName.Reason.IP_ADDRESS);
        }
        String normalized = wildcard ? WILDCARD_PREFIX + ascii : ascii;
        if (!hasValidSyntax(ascii)) {
            throw new InvalidNameException(normalized, RejectedName.Reason.INVALID_SYNTAX);
        }
        return normalized;
    }

    /** Whether a normalized name is a wildcard, which only a dns-01 challenge can prove. */
    public static boolean isWildcard(String normalizedName) {
        return normalizedName.startsWith(WILDCARD_PREFIX);
    }

    /** The name a wildcard stands below ({@code example.org} for {@code *.example.org}), else the name. */
    static String baseOf(String normalizedName) {
        return isWildcard(normalizedName) ? normalizedName.substring(WILDCARD_PREFIX.length()) : normalizedName;
    }

    /**
     * RFC 1035 syntax as CAs enforce it, including the CA/Browser Forum rule that a label with
     * "--" in third and fourth position must be a real "xn--" A-label (Let's Encrypt refuses others).
     */
    private static boolean hasValidSyntax(String ascii) {
        if (ascii.isEmpty() || ascii.length() > 253) {
            return false;
        }
        for (String label : ascii.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || !LDH_LABEL.matcher(label).matches()) {
                return false;
            }
            if (label.length() >= 4 && label.startsWith("--", 2) && !label.startsWith("xn--")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpAddress(String text) {
        String unbracketed = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        return InetAddresses.isInetAddress(unbracketed);
    }

    private static String stripTrailingDot(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
