package org.xmppcert.core.names;

import java.util.Collection;
import java.util.List;

/**
 * The outcome of name selection: what to request and what was left out, and why.
 *
 * @param xmppDomain   the normalized XMPP domain
 * @param names        the dNSName entries to request, the XMPP domain first when it is acceptable;
 *                     normalized, without duplicates and without names a requested wildcard covers
 * @param xmppServices the XMPP domain and the components this certificate serves, including those
 *                     covered only by the wildcard; never a wildcard, since an XMPP address cannot be one
 * @param rejected     the names the server answers to that are not requested, each with its reason
 */
public record CertificateNames(String xmppDomain, List<String> names, List<String> xmppServices,
                               List<RejectedName> rejected) {

    public CertificateNames {
        names = List.copyOf(names);
        xmppServices = List.copyOf(xmppServices);
        rejected = List.copyOf(rejected);
    }

    /** Whether there is nothing a public CA would certify, so no order should be placed. */
    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** A wildcard can only be validated by dns-01 (RFC 8555 section 8.4); http-01 will not do. */
    public boolean requiresDns01() {
        return names.stream().anyMatch(DnsNames::isWildcard);
    }

    /**
     * The names to request that a certificate with these dNSName entries does not cover: when it is
     * non-empty, a component has appeared (or the admin added a name) and the certificate must be
     * re-issued before its renewal is due.
     *
     * @param certificateSanNames the dNSName entries of the certificate in use
     */
    public List<String> notCoveredBy(Collection<String> certificateSanNames) {
        return names.stream()
                .filter(name -> !NameCoverage.coveredByAny(certificateSanNames, name))
                .toList();
    }
}
