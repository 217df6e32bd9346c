package org.xmppcert.core.classic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.google.common.net.InternetDomainName;

/**
 * The mailboxes a classic CA may send its verification code to, so the admin can make sure one of
 * them is read before starting: {@code hostmaster@}, {@code postmaster@} and {@code webmaster@} the
 * domain, the role accounts RFC 2142 reserves for exactly this kind of administrative mail (the
 * XMPP ICA and StartCom offered these three; the CA/Browser Forum's Baseline Requirements, section
 * 3.2.2.4.4, still allow them next to {@code admin@} and {@code administrator@}, which we leave out
 * because RFC 2142 does not define them and many mail servers do not route them).
 *
 * <p>For a subdomain such as {@code xmpp.example.org} the same three at the registered domain
 * ({@code example.org}) come too: CAs validate the domain as registered (the Baseline Requirements'
 * "Base Domain") and often offer only those, and a subdomain that only carries an XMPP service rarely
 * has mail of its own. The registered domain is found with the Public Suffix List
 * (Guava's {@link InternetDomainName#topPrivateDomain()}), so {@code xmpp.example.co.uk} leads
 * to {@code example.co.uk}, not to {@code co.uk}.
 */
public final class VerificationMailboxes {

    private static final List<String> RFC_2142_ROLES = List.of("hostmaster", "postmaster", "webmaster");

    private VerificationMailboxes() {
    }

    /**
     * @param domain a DNS name, possibly a wildcard ({@code *.example.org} is validated as {@code example.org})
     * @return the addresses at the domain itself, then those at its registered domain if that differs
     * @throws IllegalArgumentException if {@code domain} is not a syntactically valid DNS name
     */
    public static List<String> forDomain(String domain) {
        String name = domain.startsWith("*.") ? domain.substring(2) : domain;
        if (!InternetDomainName.isValid(name)) {
            throw new IllegalArgumentException("Not a domain name: " + domain);
        }
        InternetDomainName parsed = InternetDomainName.from(name);
        List<String> addresses = new ArrayList<>(at(parsed.toString()));
        if (parsed.isUnderPublicSuffix() && !parsed.isTopPrivateDomain()) {
            addresses.addAll(at(parsed.topPrivateDomain().toString()));
        }
        return List.copyOf(addresses);
    }

    /** The addresses for all names of one request, each once, in the order of the names. */
    public static List<String> forNames(List<String> names) {
        Set<String> addresses = new LinkedHashSet<>();
        for (String name : names) {
            addresses.addAll(forDomain(name));
        }
        return List.copyOf(addresses);
    }

    private static List<String> at(String domain) {
        String lowerCase = domain.toLowerCase(Locale.ROOT);
        return RFC_2142_ROLES.stream().map(role -> role + "@" + lowerCase).toList();
    }
}
