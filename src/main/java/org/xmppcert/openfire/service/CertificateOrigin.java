package org.xmppcert.openfire.service;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.xmppcert.core.issuance.RenewalWindow;

/**
 * Where a certificate in the history came from, written as the first line of its event's detail:
 * revocation must go to the ACME CA that issued it (which may no longer be the one configured),
 * and a classic CA's certificate can only be revoked on that CA's website.
 *
 * <p>An ACME certificate's detail also keeps, on its second line, the renewal window the CA
 * suggested at issuance (RFC 9773), so that renewal follows the CA's wish from the first check on,
 * even when the CA cannot be reached then. The admin reads it in the history too.
 */
final class CertificateOrigin {

    static final String CLASSIC = "From a CA without ACME";
    private static final String ACME = "From the ACME CA at ";
    private static final String WINDOW = "The CA suggests renewing between ";
    private static final Pattern WINDOW_LINE = Pattern.compile(
            "^" + Pattern.quote(WINDOW) + "(\\S+) and (\\S+?)(?:; why: (\\S+))?$", Pattern.MULTILINE);

    private CertificateOrigin() {
    }

    static String acme(URI directory) {
        return ACME + directory;
    }

    /** The origin of a certificate from the ACME CA at {@code directory}, with the renewal window it gave, if any. */
    static String acme(URI directory, Optional<RenewalWindow> window) {
        return acme(directory) + window.map(w -> "\n" + WINDOW + w.start() + " and " + w.end()
                + w.explanation().map(why -> "; why: " + why).orElse("")).orElse("");
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

    /** The renewal window the CA gave at issuance, as {@link #acme(URI, Optional)} wrote it; empty if none or unreadable. */
    static Optional<RenewalWindow> renewalWindow(String detail) {
        if (acmeDirectory(detail).isEmpty()) {
            return Optional.empty();
        }
        Matcher line = WINDOW_LINE.matcher(detail);
        if (!line.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RenewalWindow(Instant.parse(line.group(1)), Instant.parse(line.group(2)),
                    Optional.ofNullable(line.group(3)).map(URI::create)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
