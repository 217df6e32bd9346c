package org.jivesoftware.openfire.component;

/** Stand-in for one external component's configuration: only the members the plugin calls, and the constructor. */
public class ExternalComponentConfiguration {

    private final String subdomain;
    private final boolean wildcard;

    public ExternalComponentConfiguration(String subdomain, boolean wildcard, Permission permission, String secret) {
        this.subdomain = subdomain;
        this.wildcard = wildcard;
    }

    public String getSubdomain() {
        return subdomain;
    }

    public boolean isWildcard() {
        return wildcard;
    }

    public enum Permission {
        allowed, blocked
    }
}
