package org.xmppcert.core.renewal;

import java.util.Optional;

import org.xmppcert.core.issuance.RenewalWindow;

/**
 * Asks the CA, at each renewal check, where it wants a certificate renewed now (ACME Renewal
 * Information, RFC 9773). Asked afresh because the CA moves the window earlier when it must revoke
 * certificates, and only the client that asks hears of it in time.
 */
@FunctionalInterface
public interface RenewalInfoSource {

    /** For CAs without renewal information: the window known from issuance, if any, stays. */
    RenewalInfoSource NONE = certificate -> Optional.empty();

    /**
     * @return the CA's current window for {@code certificate}; empty when the CA offers no renewal
     *         information or could not be asked (the implementation logs why), so that the window
     *         known so far stays in force
     */
    Optional<RenewalWindow> currentWindow(ManagedCertificate certificate);
}
