package org.xmppcert.openfire.names;

import java.util.Set;

/**
 * Told when the server answers to names that the certificate in use does not cover, typically
 * because a component was added. The renewal side implements it: in automatic mode it orders a
 * certificate for the full set of names, in manual mode it tells the admin.
 */
@FunctionalInterface
public interface CoverageGapListener {

    /**
     * @param names the wanted names the certificate in use lacks, in request order; never empty
     */
    void namesNotCovered(Set<String> names);
}
