package org.xmppcert.openfire.service;

import java.net.URI;
import java.util.Optional;

/**
 * Where a certificate in the history came from, written as the first line of its event's detail:
 * revocation must go to the ACME CA that issued it (which may no longer be the one configured),
 * and a classic CA's certificate can only be revoked on that CA's website.
 */
final class CertificateOrigin {

    static final String CLASSIC = "From a CA without ACME";
    private static final String ACME = "From the ACME CA at ";

    private CertificateOrigin() {
    }

    static String acme(URI directory) {
        return ACME + directory;
    }

    /** The ACME directory named by an event's detail; empty for classic certificates and unknown origins. */
    static Optional<URI> acmeDirectory(String detail) {
        if (detail == null || !detail.startsWith(ACME)) {
            return Optional.empty();
        }
        String firstLine = detail.lines().findFirst().orElse("");
        try {
            return Optional.of(URI.create(firstLine.substring(ACME.length()).strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
