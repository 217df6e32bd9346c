package org.jivesoftware.openfire.net;

/** Stand-in for Openfire's DNS utilities: only the name matching the plugin relies on, which works. */
public class DNSUtil {

    /**
     * Openfire's lenient rule: a case-insensitive exact match, or a {@code *.x} pattern that covers
     * {@code x} itself and any name ending in {@code .x}, at any depth.
     */
    public static boolean isNameCoveredByPattern(String name, String pattern) {
        if (name == null || name.isEmpty() || pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("name and pattern must be non-empty");
        }
        String lowerName = name.toLowerCase(java.util.Locale.ROOT);
        String lowerPattern = pattern.toLowerCase(java.util.Locale.ROOT);
        if (lowerName.equals(lowerPattern)) {
            return true;
        }
        if (lowerPattern.startsWith("*.")) {
            String base = lowerPattern.substring(2);
            return lowerName.equals(base) || lowerName.endsWith("." + base);
        }
        return false;
    }
}
