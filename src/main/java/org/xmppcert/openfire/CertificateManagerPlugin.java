package org.xmppcert.openfire;

import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.util.CertificateManager;
import org.jivesoftware.util.SystemProperty;
import org.xmppcert.openfire.console.IdentityStoreOverview;
import org.xmppcert.openfire.console.IdentityStoreOverviewCache;

/**
 * Entry point Openfire instantiates from plugin.xml. Everything the plugin adds to the server is
 * recorded in one {@link Registrations} in {@link #initializePlugin} and removed again in
 * {@link #destroyPlugin}, so that reloading the plugin (which Openfire does whenever the jar is
 * replaced) leaves nothing behind.
 */
public final class CertificateManagerPlugin implements Plugin {

    /** The canonical name: jar name, plugin.xml name, i18n bundle base and admin-console URL segment. */
    public static final String CANONICAL_NAME = "certificatemanager";

    /** How long before expiry the status page marks a certificate as expiring soon. */
    public static final String EXPIRY_WARNING_PROPERTY = "certificatemanager.expiry-warning";

    private final Registrations registrations = new Registrations();
    private volatile IdentityStoreOverviewCache overviewCache;

    @Override
    public void initializePlugin(PluginManager manager, File pluginDirectory) {
        try {
            register();
        } catch (RuntimeException e) {
            // Openfire neither calls destroyPlugin after a failed start nor gives up: it retries the load.
            registrations.removeAll();
            throw e;
        }
    }

    private void register() {
        SystemProperty<Duration> expiryWarning = registrations.add("system property " + EXPIRY_WARNING_PROPERTY,
                () -> SystemProperty.Builder.ofType(Duration.class)
                        .setKey(EXPIRY_WARNING_PROPERTY)
                        .setDefaultValue(Duration.ofDays(30))
                        .setChronoUnit(ChronoUnit.DAYS)
                        .setDynamic(true)
                        .setPlugin(CANONICAL_NAME)
                        .build(),
                // Openfire does the same after destroyPlugin; doing it here keeps unloading self-contained.
                property -> SystemProperty.removePropertiesForPlugin(CANONICAL_NAME));

        IdentityStoreOverviewCache cache = new IdentityStoreOverviewCache(Clock.systemUTC(),
                now -> IdentityStoreOverview.read(XMPPServer.getInstance().getServerInfo().getXMPPDomain(),
                        XMPPServer.getInstance().getCertificateStoreManager(), now, expiryWarning.getValue()));
        Consumer<Duration> rereadOnChange = changed -> cache.invalidate();
        registrations.add("listener on " + EXPIRY_WARNING_PROPERTY,
                () -> expiryWarning.addListener(rereadOnChange),
                () -> expiryWarning.removeListener(rereadOnChange));
        registrations.add("certificate store listener",
                () -> CertificateManager.addListener(cache),
                () -> CertificateManager.removeListener(cache));
        overviewCache = cache;
    }

    @Override
    public void destroyPlugin() {
        overviewCache = null;
        registrations.removeAll();
    }

    /** What the status page shows. */
    public IdentityStoreOverview identityStoreOverview() {
        IdentityStoreOverviewCache cache = overviewCache;
        if (cache == null) {
            throw new IllegalStateException("The Certificate Manager plugin is not running");
        }
        return cache.current();
    }
}
