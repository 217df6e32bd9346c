package org.xmppcert.openfire.install;

import java.io.IOException;
import java.util.Optional;

/**
 * The plugin's own durable record of an installed certificate whose keystore file has not been
 * brought up to date yet. Installs change only the live in-memory stores (see
 * {@link LiveKeystoreInstaller}); if Openfire stopped before the file is written, it would start with
 * the old certificate. The copy closes that gap: it is written before the live change and re-applied
 * at plugin start while the file still lacks it. Implementations keep the private key sealed at rest.
 */
public interface DurableCertificateCopy {

    /** Replaces any earlier copy. Must be durable when it returns. */
    void save(CertificateBundle bundle) throws IOException;

    Optional<CertificateBundle> load() throws IOException;

    /** Forgets the copy: the keystore files hold the certificate, or the install was rolled back. */
    void discard() throws IOException;
}
