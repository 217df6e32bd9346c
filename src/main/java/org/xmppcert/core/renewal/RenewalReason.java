package org.xmppcert.core.renewal;

/** Why a certificate is (or will be) renewed, worded for the admin. */
public enum RenewalReason {
    LIFETIME("a third of its lifetime remains"),
    ARI_WINDOW("the CA's suggested renewal window has been reached"),
    NAMES_NOT_COVERED("it no longer covers all of the server's names"),
    REVOKED("the CA has revoked it"),
    EXPIRED("it has expired");

    private final String description;

    RenewalReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
