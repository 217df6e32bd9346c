package org.xmppcert.core.issuance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names of one certificate, in the order requested (the first becomes the subject CN), with
 * an identity that ignores order, case and a trailing dot: two requests for the same set of
 * names are the same request, whatever order they list them in.
 */
public final class NameSet {

    private final List<String> names;
    private final String key;

    public NameSet(List<String> requested) {
        Set<String> normalized = new LinkedHashSet<>();
        for (String name : requested) {
            String trimmed = name.trim().toLowerCase(Locale.ROOT);
            if (trimmed.endsWith(".")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("An empty name cannot be certified");
            }
            normalized.add(trimmed);
        }
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("A certificate needs at least one name");
        }
        this.names = List.copyOf(new ArrayList<>(normalized));
        this.key = String.join(",", new TreeSet<>(normalized));
    }

    /** The names in request order, normalized. */
    public List<String> names() {
        return names;
    }

    /** The sorted, comma-separated names: the identity of the set, usable as a storage key. */
    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NameSet that && key.equals(that.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return String.join(", ", names);
    }
}
