package org.xmppcert.core.classic;

import java.net.IDN;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Which requested names a certificate does not cover, matched as clients match them (RFC 6125
 * section 6.4): against the dNSName entries only, case-insensitively, a wildcard standing for
 * exactly one whole left-most label ({@code *.example.org} covers {@code chat.example.org}, but
 * neither {@code example.org} nor {@code a.b.example.org}). The subject's common name is not looked
 * at: CAs must put every name in the subjectAltName, and clients that find dNSNames ignore the CN.
 */
final class NameCoverage {

    private static final int DNS_NAME = 2;

    private NameCoverage() {
    }

    /** The names in {@code requested} that no dNSName of {@code certificate} covers, in request order. */
    static List<String> missing(X509Certificate certificate, List<String> requested) {
        List<String> presented = dnsNames(certificate);
        List<String> missing = new ArrayList<>();
        for (String name : requested) {
            if (presented.stream().noneMatch(dnsName -> covers(dnsName, name))) {
                missing.add(name);
            }
        }
        return missing;
    }

    static List<String> dnsNames(X509Certificate certificate) {
        Collection<List<?>> altNames;
        try {
            altNames = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of();
        }
        if (altNames == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (List<?> altName : altNames) {
            if (((Integer) altName.get(0)) == DNS_NAME) {
                names.add((String) altName.get(1));
            }
        }
        return names;
    }

    /**
     * A requested wildcard is covered only by the same wildcard: a certificate for
     * {@code chat.example.org} does not serve {@code *.example.org}.
     */
    static boolean covers(String presented, String requested) {
        String pattern = normalize(presented);
        String name = normalize(requested);
        if (pattern.equals(name)) {
            return true;
        }
        if (!pattern.startsWith("*.") || name.startsWith("*.")) {
            return false;
        }
        int firstDot = name.indexOf('.');
        return firstDot > 0 && name.substring(firstDot).equals(pattern.substring(1));
    }

    /** Compares A-labels, lower case, without the root's trailing dot. */
    private static String normalize(String name) {
        String withoutRoot = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        try {
            return IDN.toASCII(withoutRoot, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notAnIdn) {
            return withoutRoot.toLowerCase(Locale.ROOT);
        }
    }
}
