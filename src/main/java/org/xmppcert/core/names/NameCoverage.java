package org.xmppcert.core.names;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether a certificate's dNSName entries cover a name, by the rule TLS clients apply (RFC 6125
 * section 6.4.3, as narrowed by the CA/Browser Forum): a wildcard is a whole leftmost label and
 * {@code *.example.org} covers exactly one label below example.org, neither example.org itself nor
 * {@code a.b.example.org}. Checking this the clients' way is what tells whether a new component
 * needs a new certificate.
 */
public final class NameCoverage {

    private static final int DNS_NAME = 2;

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

    /**
     * The names in {@code requested} (normalized, see {@link DnsNames}) that no dNSName of
     * {@code certificate} covers, in request order. The subject's common name is not looked at:
     * CAs must put every name in the subjectAltName, and clients that find dNSNames ignore the CN.
     */
    public static List<String> missing(X509Certificate certificate, List<String> requested) {
        List<String> presented = dnsNames(certificate);
        return requested.stream().filter(name -> !coveredByAny(presented, name)).toList();
    }

    /** The certificate's dNSName entries; none when it has no (readable) subjectAltName. */
    public static List<String> dnsNames(X509Certificate certificate) {
        Collection<List<?>> altNames;
        try {
            altNames = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        if (altNames != null) {
            for (List<?> altName : altNames) {
                if (((Integer) altName.get(0)) == DNS_NAME) {
                    names.add((String) altName.get(1));
                }
            }
        }
        return names;
    }
}
