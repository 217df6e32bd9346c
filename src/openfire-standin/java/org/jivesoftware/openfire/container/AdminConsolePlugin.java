package org.jivesoftware.openfire.container;

import java.io.File;
import java.time.Duration;

/** Stand-in for Openfire's admin console plugin: only the members the plugin calls. */
public class AdminConsolePlugin implements Plugin {

    @Override
    public void initializePlugin(PluginManager manager, File pluginDir) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    @Override
    public void destroyPlugin() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /** Ignores certificate store changes (no console restart) for the given time. */
    public synchronized void pauseAutoRestartEnabled(Duration pause) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /** The admin console's plain HTTP port. */
    public int getAdminUnsecurePort() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /** The admin console's HTTPS port; 0 when the console has no HTTPS. */
    public int getAdminSecurePort() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
