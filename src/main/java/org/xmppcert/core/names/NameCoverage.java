package org.xmppcert.core.names;

import java.util.Collection;
import java.util.Locale;

/**
 * Whether a certificate's dNSName entries cover a name, by the rule TLS clients apply (RFC 6125
 * section 6.4.3, as narrowed by the CA/Browser Forum): a wildcard is a whole leftmost label and
 * {@code *.example.org} covers exactly one label below example.org, neither example.org itself nor
 * {@code a.b.example.org}. Checking this the clients' way is what tells whether a new component
 * needs a new certificate.
 */
public final class NameCoverage {

    private NameCoverage() {
    }

    /**
     * @param certificateName a dNSName from a certificate, possibly a wildcard
     * @param name            a normalized name, possibly a wildcard (then only the same wildcard covers it)
     */
    public static boolean covers(String certificateName, String name) {
        String pattern = comparable(certificateName);
        if (pattern.equals(name)) {
            return true;
        }
        if (!DnsNames.isWildcard(pattern) || DnsNames.isWildcard(name)) {
            return false;
        }
        int firstDot = name.indexOf('.');
        return firstDot > 0 && name.substring(firstDot + 1).equals(DnsNames.baseOf(pattern));
    }

    /** Whether any of a certificate's dNSName entries covers the name. */
    public static boolean coveredByAny(Collection<String> certificateNames, String name) {
        return certificateNames.stream().anyMatch(certificateName -> covers(certificateName, name));
    }

    /** Certificates may carry upper case or a trailing dot; neither changes the name. */
    private static String comparable(String certificateName) {
        String lower = certificateName.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
