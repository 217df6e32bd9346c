package org.xmppcert.core.names;

import java.util.List;
import java.util.stream.Stream;

/**
 * What the server answers to, described without any Openfire type, so that name selection can be
 * tested and reused outside the server. The Openfire layer fills it from the server's own
 * configuration; nothing here is checked yet, because reporting a bad name is the
 * {@link NameSelector}'s job, not a reason to refuse the description.
 *
 * @param xmppDomain               the XMPP domain, e.g. {@code example.org}
 * @param hostname                 the machine's host name, often a private name; empty if unknown
 * @param componentDomains         internal components (MUC, pub-sub, proxy, plugins), each either a
 *                                 full name ({@code conference.example.org}) or a bare subdomain
 *                                 label ({@code conference}) that is qualified with the XMPP domain
 * @param externalComponentDomains external (XEP-0114) components, in the same two forms
 */
public record ServerDescription(String xmppDomain, String hostname, List<String> componentDomains,
                                List<String> externalComponentDomains) {

    public ServerDescription {
        if (xmppDomain == null || xmppDomain.isBlank()) {
            throw new IllegalArgumentException("A server needs an XMPP domain");
        }
        hostname = hostname == null ? "" : hostname;
        componentDomains = List.copyOf(componentDomains);
        externalComponentDomains = List.copyOf(externalComponentDomains);
    }

    /** A server with no components yet, as on first start. */
    public static ServerDescription of(String xmppDomain, String hostname) {
        return new ServerDescription(xmppDomain, hostname, List.of(), List.of());
    }

    /**
     * The XMPP domain followed by every component, internal then external, with bare subdomain
     * labels qualified: the names a client or peer server addresses stanzas to.
     */
    public List<String> serviceDomains() {
        return Stream.concat(
                Stream.of(xmppDomain),
                Stream.concat(componentDomains.stream(), externalComponentDomains.stream())
                        .map(this::qualify))
                .toList();
    }

    private String qualify(String component) {
        String trimmed = component.strip();
        return trimmed.contains(".") ? trimmed : trimmed + "." + xmppDomain.strip();
    }
}
