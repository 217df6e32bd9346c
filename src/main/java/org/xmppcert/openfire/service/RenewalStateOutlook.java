package org.xmppcert.openfire.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import org.xmppcert.core.renewal.ManagedCertificate;
import org.xmppcert.core.renewal.RenewalPolicy;
import org.xmppcert.core.renewal.RenewalStateStore;

/**
 * The next renewal as the renewal check will see it: the policy's moment for each managed
 * certificate, put back while a failed attempt waits for its retry, from the state the check
 * keeps in the database (so every cluster node shows the senior member's plan).
 */
final class RenewalStateOutlook implements RenewalOutlook {

    private final Supplier<List<ManagedCertificate>> managed;
    private final RenewalStateStore states;
    private final BooleanSupplier automatic;
    private final RenewalPolicy policy;

    RenewalStateOutlook(Supplier<List<ManagedCertificate>> managed, RenewalStateStore states, BooleanSupplier automatic,
                        Clock clock) {
        this.managed = managed;
        this.states = states;
        this.automatic = automatic;
        // Random only for a CA window without a moment drawn yet; the check draws its own then.
        this.policy = new RenewalPolicy(clock, RandomGenerator.getDefault());
    }

    @Override
    public Optional<Instant> nextRenewal() {
        if (!automatic.getAsBoolean()) {
            return Optional.empty();
        }
        return managed.get().stream()
                .flatMap(certificate -> policy.nextRenewal(certificate,
                        states.load(certificate.id()).filter(state -> state.isAbout(certificate))).stream())
                .min(Instant::compareTo);
    }
}
