package org.xmppcert.core.names;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The admin's adjustments to the names derived from the server. Exclusions win over inclusions
 * and over derived names, so an admin can always keep a name out (say, a host name the CA cannot
 * reach) without the next component change bringing it back.
 *
 * @param include  extra names to certify (e.g. a web host serving BOSH), in any accepted spelling
 * @param exclude  names never to request, matched after normalization; excluding
 *                 {@code *.<domain>} turns the wildcard off
 * @param wildcard whether to request {@code *.<xmpp domain>}, which covers every component one
 *                 label below the domain but can only be validated by dns-01
 */
public record NamePolicy(Set<String> include, Set<String> exclude, boolean wildcard) {

    /** Certify exactly what the server answers to. */
    public static final NamePolicy DEFAULT = new NamePolicy(Set.of(), Set.of(), false);

    /** Keeps the admin's order, so the request and the console list names as they were entered. */
    public NamePolicy {
        include = Collections.unmodifiableSet(new LinkedHashSet<>(include));
        exclude = Collections.unmodifiableSet(new LinkedHashSet<>(exclude));
    }
}
