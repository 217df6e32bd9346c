package org.jivesoftware.openfire.container;

import java.util.Optional;

/** Stand-in for Openfire's PluginManager: only the members the plugin calls. */
public class PluginManager {

    public Optional<Plugin> getPluginByCanonicalName(String canonicalName) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
