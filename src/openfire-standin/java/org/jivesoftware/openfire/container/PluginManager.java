package org.jivesoftware.openfire.container;

import java.nio.file.Path;
import java.util.Optional;

/** Stand-in for Openfire's PluginManager: only the members the plugin calls; compile-only. */
public class PluginManager {

    public Path getPluginPath(Plugin plugin) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public String getCanonicalName(Plugin plugin) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public Optional<Plugin> getPluginByCanonicalName(String canonicalName) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
