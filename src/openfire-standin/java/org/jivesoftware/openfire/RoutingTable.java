package org.jivesoftware.openfire;

import java.util.Collection;

/** Stand-in for Openfire's cluster-wide routing table: only the members the plugin calls. */
public interface RoutingTable {

    Collection<String> getComponentsDomains();
}
