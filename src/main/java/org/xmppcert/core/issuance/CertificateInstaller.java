package org.xmppcert.core.issuance;

/**
 * Puts a newly issued certificate and its key into service in place of the one it replaces. The
 * Openfire layer installs into the live key stores; the core only needs to know whether that
 * worked, because a certificate obtained but not in service has renewed nothing.
 */
@FunctionalInterface
public interface CertificateInstaller {

    /**
     * @param certificateId the stable name of the certificate being replaced (e.g. its key store alias)
     * @throws InstallException saying why; the certificate in service before stays in service
     */
    void install(String certificateId, IssuedCertificate issued) throws InstallException;
}
