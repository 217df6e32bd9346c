package org.jivesoftware.openfire.container;

import java.io.File;

/** Stand-in for Openfire's plugin contract (same signatures as Openfire 5.x); compile-only. */
public interface Plugin {

    void initializePlugin(PluginManager manager, File pluginDirectory);

    void destroyPlugin();
}
