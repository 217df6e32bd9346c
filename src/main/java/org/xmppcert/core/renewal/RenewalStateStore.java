package org.xmppcert.core.renewal;

import java.util.Optional;

/** Where each certificate's {@link RenewalState} is kept between checks and across restarts. */
public interface RenewalStateStore {

    Optional<RenewalState> load(String certificateId);

    /** Stores the state, replacing any earlier one for the same certificate. */
    void save(String certificateId, RenewalState state);
}
