package org.xmppcert.core.renewal;

/**
 * Obtains a new certificate for the names of a managed one and installs it in its place; the ACME
 * engine (with the installer) implements it. Called for {@link IssuanceKind#ACME} certificates only,
 * never twice at once for the same certificate.
 */
@FunctionalInterface
public interface Renewer {

    /**
     * @return the facts of the certificate now installed in place of {@code current}
     * @throws RenewalFailure saying why, what to do, and when the CA allows another attempt; the
     *                        current certificate stays installed
     */
    ManagedCertificate renew(ManagedCertificate current) throws RenewalFailure, InterruptedException;
}
