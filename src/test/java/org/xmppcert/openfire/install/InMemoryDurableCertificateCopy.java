package org.xmppcert.openfire.install;

import java.util.Optional;

/** Holds the durable copy in memory; a test "crash" is simply a new installer reading the same object. */
final class InMemoryDurableCertificateCopy implements DurableCertificateCopy {

    private volatile CertificateBundle bundle;

    @Override
    public void save(CertificateBundle bundle) {
        this.bundle = bundle;
    }

    @Override
    public Optional<CertificateBundle> load() {
        return Optional.ofNullable(bundle);
    }

    @Override
    public void discard() {
        bundle = null;
    }
}
