package org.xmppcert.core.renewal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.xmppcert.core.issuance.IssuedCertificate;
import org.xmppcert.core.issuance.RenewalWindow;

/**
 * What renewal needs to know about one certificate the plugin manages, as found at check time.
 * The caller works out the facts that need the server or the CA (are the server's names still
 * covered, has the CA revoked it, what is its renewal window); renewal only decides.
 *
 * @param id                  stable name of the certificate (e.g. its key store alias), the key of its renewal state
 * @param names               the names it is for, to tell the admins which certificate a message is about
 * @param ariWindow           the CA's current renewal window, when the CA offers renewal information
 * @param coversRequiredNames whether it still names every name the server needs
 * @param revoked             whether the CA has revoked it
 */
public record ManagedCertificate(String id, List<String> names, IssuanceKind kind, Instant notBefore,
                                 Instant notAfter, Optional<RenewalWindow> ariWindow, boolean coversRequiredNames,
                                 boolean revoked) {

    public ManagedCertificate {
        Objects.requireNonNull(id, "id");
        names = List.copyOf(names);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ariWindow, "ariWindow");
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("A certificate's validity must end after it starts");
        }
    }

    /** A certificate in good standing (covers its names, not revoked) without renewal information. */
    public static ManagedCertificate of(String id, List<String> names, IssuanceKind kind, Instant notBefore,
                                        Instant notAfter) {
        return new ManagedCertificate(id, names, kind, notBefore, notAfter, Optional.empty(), true, false);
    }

    /**
     * A certificate just obtained from an ACME CA: in good standing, as it was requested for the
     * names required, and with the CA's renewal window when the CA offered one.
     */
    public static ManagedCertificate issuedByAcme(String id, IssuedCertificate issued) {
        return new ManagedCertificate(id, issued.names(), IssuanceKind.ACME, issued.notBefore(), issued.notAfter(),
                issued.renewalWindow(), true, false);
    }

    public Duration lifetime() {
        return Duration.between(notBefore, notAfter);
    }

    public ManagedCertificate withAriWindow(RenewalWindow window) {
        return new ManagedCertificate(id, names, kind, notBefore, notAfter, Optional.of(window), coversRequiredNames,
                revoked);
    }

    public ManagedCertificate withCoversRequiredNames(boolean covers) {
        return new ManagedCertificate(id, names, kind, notBefore, notAfter, ariWindow, covers, revoked);
    }

    public ManagedCertificate withRevoked(boolean isRevoked) {
        return new ManagedCertificate(id, names, kind, notBefore, notAfter, ariWindow, coversRequiredNames, isRevoked);
    }
}
