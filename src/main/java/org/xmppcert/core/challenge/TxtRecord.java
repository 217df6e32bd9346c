package org.xmppcert.core.challenge;

/**
 * One dns-01 record (RFC 8555 section 8.4): {@code _acme-challenge.<domain>. IN TXT "<value>"}.
 *
 * @param domain the name being validated, without the {@code _acme-challenge.} label
 * @param value  the base64url SHA-256 digest of the key authorization
 */
public record TxtRecord(String domain, String value) {

    /** The owner name of the record, e.g. {@code _acme-challenge.example.org}. */
    public String owner() {
        return "_acme-challenge." + (domain.startsWith("*.") ? domain.substring(2) : domain);
    }
}
