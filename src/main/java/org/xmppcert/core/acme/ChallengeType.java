package org.xmppcert.core.acme;

/** The ACME challenge types this engine can answer. */
public enum ChallengeType {
    /** A token served over plain HTTP on port 80 of the name; cannot prove wildcards. */
    HTTP_01("http-01"),
    /** A TXT record at {@code _acme-challenge.<name>}; the only way to prove a wildcard. */
    DNS_01("dns-01");

    private final String acmeName;

    ChallengeType(String acmeName) {
        this.acmeName = acmeName;
    }

    /** The type string in ACME messages, e.g. {@code http-01}. */
    public String acmeName() {
        return acmeName;
    }
}
