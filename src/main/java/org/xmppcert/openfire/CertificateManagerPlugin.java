package org.xmppcert.openfire;

import java.io.File;

import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;

/**
 * Entry point Openfire instantiates from plugin.xml. Everything the plugin adds to the server is
 * registered in {@link #initializePlugin} and removed again in {@link #destroyPlugin}, so that
 * reloading the plugin leaves nothing behind.
 */
public final class CertificateManagerPlugin implements Plugin {

    /** The canonical name: jar name, i18n bundle base and admin-console URL segment. */
    public static final String CANONICAL_NAME = "certificatemanager";

    @Override
    public void initializePlugin(PluginManager manager, File pluginDirectory) {
    }

    @Override
    public void destroyPlugin() {
    }
}
