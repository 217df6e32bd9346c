package org.xmppcert.openfire;

import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.component.InternalComponentManager;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.jivesoftware.util.CertificateManager;
import org.jivesoftware.util.SystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppcert.core.challenge.Http01Responder;
import org.xmppcert.core.names.NamePolicy;
import org.xmppcert.core.names.NameSelector;
import org.xmppcert.openfire.console.IdentityStoreOverview;
import org.xmppcert.openfire.console.IdentityStoreOverviewCache;
import org.xmppcert.openfire.http01.AcmeChallengeServlet;
import org.xmppcert.openfire.http01.ChallengeTokens;
import org.xmppcert.openfire.http01.LocalChallengeTokens;
import org.xmppcert.openfire.http01.ServerHttp01Responder;
import org.xmppcert.openfire.http01.StandaloneListenerSettings;
import org.xmppcert.openfire.names.ComponentWatcher;
import org.xmppcert.openfire.names.CoverageGapListener;
import org.xmppcert.openfire.names.LiveServerDescription;
import org.xmppcert.openfire.service.CertificateService;

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

    /** Whether to open the plugin's own http-01 listener while an order is validated. */
    public static final String STANDALONE_ENABLED_PROPERTY = "certificatemanager.http01.standalone.enabled";
    /** The local address of that listener; blank for every interface. */
    public static final String STANDALONE_ADDRESS_PROPERTY = "certificatemanager.http01.standalone.address";
    /** Its port, 80 by default. */
    public static final String STANDALONE_PORT_PROPERTY = "certificatemanager.http01.standalone.port";
    /** How long components must stay unchanged before a name the certificate lacks is reported. */
    public static final String COMPONENT_QUIET_PERIOD_PROPERTY = "certificatemanager.components.quiet-period";

    private static final Logger LOG = LoggerFactory.getLogger(CertificateManagerPlugin.class);

    /**
     * Openfire removes a plugin's properties only all at once; the first property's registration
     * does that, and being the first it is undone last.
     */
    private static final Consumer<SystemProperty<?>> REMOVED_WITH_THE_OTHERS = property -> { };

    private final Registrations registrations = new Registrations();
    private volatile IdentityStoreOverviewCache overviewCache;
    private volatile ServerHttp01Responder http01Responder;
    private volatile CertificateService service;

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

        http01Responder = registerHttp01();
        registerComponentWatcher(cache);
    }

    /**
     * The handler on the HTTP-bind server, and the standalone listener that the responder opens
     * only while tokens are in flight; unloading withdraws every token and closes both.
     */
    private ServerHttp01Responder registerHttp01() {
        SystemProperty<Boolean> enabled = registrations.add("system property " + STANDALONE_ENABLED_PROPERTY,
                () -> pluginProperty(Boolean.class, STANDALONE_ENABLED_PROPERTY, false).build(), REMOVED_WITH_THE_OTHERS);
        SystemProperty<String> address = registrations.add("system property " + STANDALONE_ADDRESS_PROPERTY,
                () -> pluginProperty(String.class, STANDALONE_ADDRESS_PROPERTY, "").build(), REMOVED_WITH_THE_OTHERS);
        SystemProperty<Integer> port = registrations.add("system property " + STANDALONE_PORT_PROPERTY,
                () -> pluginProperty(Integer.class, STANDALONE_PORT_PROPERTY, StandaloneListenerSettings.DEFAULT_PORT)
                        .build(), REMOVED_WITH_THE_OTHERS);

        ChallengeTokens tokens = new LocalChallengeTokens();
        registrations.add("http-01 handler on the HTTP-bind server", () -> {
            ServletContextHandler handler = AcmeChallengeServlet.contextHandler(tokens);
            HttpBindManager.getInstance().addJettyHandler(handler);
            return handler;
        }, handler -> HttpBindManager.getInstance().removeJettyHandler(handler));
        return registrations.add("http-01 responder and its standalone listener",
                () -> new ServerHttp01Responder(tokens,
                        () -> new StandaloneListenerSettings(enabled.getValue(), address.getValue(), port.getValue())),
                ServerHttp01Responder::close);
    }

    /**
     * Watches components come and go, and reports names the certificates serving clients do not
     * cover. The admin's name policy and automatic ordering come with the renewal side; until
     * then the report tells the admin.
     */
    private void registerComponentWatcher(IdentityStoreOverviewCache overview) {
        SystemProperty<Duration> quietPeriod = registrations.add("system property " + COMPONENT_QUIET_PERIOD_PROPERTY,
                () -> pluginProperty(Duration.class, COMPONENT_QUIET_PERIOD_PROPERTY, Duration.ofSeconds(30))
                        .setChronoUnit(ChronoUnit.SECONDS)
                        .build(), REMOVED_WITH_THE_OTHERS);
        ScheduledExecutorService timer = registrations.add("component watcher timer",
                () -> Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, CANONICAL_NAME + "-component-watcher");
                    thread.setDaemon(true);
                    return thread;
                }), ExecutorService::shutdownNow);
        CoverageGapListener tellTheAdmin = names -> LOG.warn("The certificate in use does not cover {}, which the"
                + " server now answers to; clients and servers contacting them will see a certificate error until"
                + " a certificate for them is installed.", names);
        ComponentWatcher watcher = new ComponentWatcher(
                () -> NameSelector.select(LiveServerDescription.read(XMPPServer.getInstance()).description(),
                        NamePolicy.DEFAULT),
                () -> overview.current().coveredNames(ConnectionType.SOCKET_C2S),
                quietPeriod::getValue, ComponentWatcher.Scheduler.on(timer), tellTheAdmin);
        registrations.add("component listener", () -> InternalComponentManager.getInstance().addListener(watcher),
                () -> {
                    InternalComponentManager.getInstance().removeListener(watcher);
                    watcher.close();
                });
    }

    private static <T> SystemProperty.Builder<T> pluginProperty(Class<T> type, String key, T defaultValue) {
        return SystemProperty.Builder.ofType(type)
                .setKey(key)
                .setDefaultValue(defaultValue)
                .setDynamic(true)
                .setPlugin(CANONICAL_NAME);
    }

    @Override
    public void destroyPlugin() {
        overviewCache = null;
        http01Responder = null;
        registrations.removeAll();
    }

    /**
     * What the ACME issuer is given to answer http-01 challenges: tokens served on the HTTP-bind
     * server, and on the standalone listener when the admin enabled it.
     */
    public Http01Responder http01Responder() {
        Http01Responder responder = http01Responder;
        if (responder == null) {
            throw new IllegalStateException("The Certificate Manager plugin is not running");
        }
        return responder;
    }

    /** What the status page shows. */
    public IdentityStoreOverview identityStoreOverview() {
        IdentityStoreOverviewCache cache = overviewCache;
        if (cache == null) {
            throw new IllegalStateException("The Certificate Manager plugin is not running");
        }
        return cache.current();
    }

    /**
     * The one entry point the admin console, the ad-hoc commands and the scheduler share.
     *
     * @throws IllegalStateException while the plugin is not running
     */
    public CertificateService service() {
        CertificateService running = service;
        if (running == null) {
            throw new IllegalStateException("The Certificate Manager plugin is not running");
        }
        return running;
    }
}
