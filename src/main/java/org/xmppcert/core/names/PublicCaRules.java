package org.xmppcert.core.names;

import java.util.Optional;
import java.util.Set;

import com.google.common.net.InternetDomainName;

/**
 * Decides whether a public CA can certify a (normalized) name: only a name someone can prove
 * control of in the public DNS qualifies. Asking for any other name does not just fail for that
 * name: the CA refuses the whole order, so the XMPP domain would not be renewed either.
 *
 * <p>The public-suffix check uses the list built into the server's Guava. A top-level domain
 * delegated after that Guava was released is reported as unknown until the server is updated;
 * the admin sees the reason and can exclude the name meanwhile.
 */
public final class PublicCaRules {

    /**
     * Top-level names that never resolve in the public DNS: RFC 6761 special-use names, .local
     * (mDNS, RFC 6762), .internal (ICANN's private-use TLD), and the names routers and company
     * networks conventionally use. "home.arpa" (RFC 8375) is checked as a suffix of its own.
     */
    private static final Set<String> PRIVATE_TOP_LEVEL = Set.of(
            "localhost", "localdomain", "local", "internal", "intranet", "private", "lan", "home",
            "corp", "test", "example", "invalid", "onion", "alt");

    private static final String HOME_ARPA = "home.arpa";

    private PublicCaRules() {
    }

    /**
     * @param normalizedName a name as returned by {@link DnsNames#normalize}; a wildcard is judged
     *                       by the name below it, so {@code *.co.uk} is refused like {@code co.uk}
     * @return why a public CA would refuse it, or empty if it can be requested
     */
    public static Optional<RejectedName.Reason> refusal(String normalizedName) {
        String name = DnsNames.baseOf(normalizedName);
        String topLevel = name.substring(name.lastIndexOf('.') + 1);
        if (PRIVATE_TOP_LEVEL.contains(topLevel) || name.equals(HOME_ARPA) || name.endsWith("." + HOME_ARPA)) {
            return Optional.of(RejectedName.Reason.PRIVATE_NAME);
        }
        Optional<InternetDomainName> domain = parse(name);
        if (domain.isPresent() && domain.get().isPublicSuffix()) {
            return Optional.of(RejectedName.Reason.PUBLIC_SUFFIX);
        }
        if (name.indexOf('.') < 0) {
            return Optional.of(RejectedName.Reason.SINGLE_LABEL);
        }
        if (domain.isEmpty() || !domain.get().isUnderPublicSuffix()) {
            return Optional.of(RejectedName.Reason.NOT_UNDER_PUBLIC_SUFFIX);
        }
        return Optional.empty();
    }

    /** Guava also refuses names whose last label starts with a digit: no top-level domain does. */
    private static Optional<InternetDomainName> parse(String name) {
        try {
            return Optional.of(InternetDomainName.from(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
