package org.jivesoftware.openfire.component;

import java.util.Collection;

/** Stand-in for Openfire's external component configuration: only the members the plugin calls. */
public class ExternalComponentManager {

    public static Collection<ExternalComponentConfiguration> getAllowedComponents() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
