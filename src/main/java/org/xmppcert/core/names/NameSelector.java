package org.xmppcert.core.names;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the names a certificate is requested for: the XMPP domain, the host name and every
 * component, adjusted by the admin's {@link NamePolicy}. Every name that cannot go into a public
 * CA's order is reported with its reason instead, since one such name makes the CA refuse the
 * whole order. The result is deterministic: the same server and policy give the same request.
 */
public final class NameSelector {

    private NameSelector() {
    }

    public static CertificateNames select(ServerDescription server, NamePolicy policy) {
        Set<String> excluded = normalizedExclusions(policy.exclude());
        List<String> serviceDomains = server.serviceDomains();

        List<String> candidates = new ArrayList<>();
        candidates.add(serviceDomains.get(0));
        if (policy.wildcard()) {
            candidates.add(DnsNames.WILDCARD_PREFIX + server.xmppDomain().strip());
        }
        if (!server.hostname().isBlank()) {
            candidates.add(server.hostname());
        }
        candidates.addAll(serviceDomains.subList(1, serviceDomains.size()));
        candidates.addAll(policy.include());

        // Each name once, with the verdict of its first occurrence: null when acceptable.
        Map<String, RejectedName.Reason> verdicts = new LinkedHashMap<>();
        for (String candidate : candidates) {
            try {
                String name = DnsNames.normalize(candidate);
                verdicts.putIfAbsent(name, excluded.contains(name)
                        ? RejectedName.Reason.EXCLUDED
                        : PublicCaRules.refusal(name).orElse(null));
            } catch (InvalidNameException e) {
                String given = candidate.strip();
                verdicts.putIfAbsent(given, excluded.contains(given) ? RejectedName.Reason.EXCLUDED : e.reason());
            }
        }

        List<String> names = new ArrayList<>();
        List<RejectedName> rejected = new ArrayList<>();
        verdicts.forEach((name, reason) -> {
            if (reason != null) {
                rejected.add(new RejectedName(name, reason));
            } else if (!coveredByOtherWildcard(name, verdicts)) {
                names.add(name);
            }
        });

        String xmppDomain = normalizedOrStripped(server.xmppDomain());
        List<String> xmppServices = serviceDomains.stream()
                .map(NameSelector::normalizedOrStripped)
                .filter(name -> verdicts.containsKey(name) && verdicts.get(name) == null)
                .distinct()
                .toList();
        return new CertificateNames(xmppDomain, names, xmppServices, rejected);
    }

    /**
     * Whether an accepted wildcard already covers the name, so listing it would only lengthen the
     * request. The domain itself stays: {@code *.example.org} does not cover example.org.
     */
    private static boolean coveredByOtherWildcard(String name, Map<String, RejectedName.Reason> verdicts) {
        return !DnsNames.isWildcard(name) && verdicts.entrySet().stream()
                .anyMatch(entry -> entry.getValue() == null
                        && DnsNames.isWildcard(entry.getKey())
                        && NameCoverage.covers(entry.getKey(), name));
    }

    private static Set<String> normalizedExclusions(Set<String> exclude) {
        Set<String> normalized = new LinkedHashSet<>();
        for (String name : exclude) {
            normalized.add(normalizedOrStripped(name));
        }
        return normalized;
    }

    /** Invalid names are still compared, and reported, in the form they were given. */
    private static String normalizedOrStripped(String name) {
        try {
            return DnsNames.normalize(name);
        } catch (InvalidNameException e) {
            return name.strip();
        }
    }
}
