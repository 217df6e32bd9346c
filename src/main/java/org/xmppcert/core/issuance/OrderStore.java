package org.xmppcert.core.issuance;

import java.util.Optional;

/**
 * Where orders in flight are kept between steps, one per set of names. The Openfire layer keeps
 * them in the database.
 */
public interface OrderStore {

    /** Stores the record, replacing any earlier one for the same names. */
    void save(OrderRecord record);

    Optional<OrderRecord> load(NameSet names);

    /** Forgets the order for these names; forgetting an unknown one does nothing. */
    void delete(NameSet names);
}
