package org.xmppcert.openfire;

import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TimerTask;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.component.InternalComponentManager;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.openfire.keystore.CertificateStoreManager;
import org.jivesoftware.openfire.keystore.IdentityStore;
import org.jivesoftware.openfire.security.SecurityAuditManager;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.jivesoftware.util.CertificateManager;
import org.jivesoftware.util.SystemProperty;
import org.jivesoftware.util.TaskEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppcert.core.challenge.Http01Responder;
import org.xmppcert.core.tlscheck.HandshakeCheck;
import org.xmppcert.core.tlscheck.TlsHandshakeProbe;
import org.xmppcert.openfire.console.IdentityStoreOverview;
import org.xmppcert.openfire.console.IdentityStoreOverviewCache;
import org.xmppcert.openfire.http01.AcmeChallengeServlet;
import org.xmppcert.openfire.http01.ChallengeTokens;
import org.xmppcert.openfire.http01.LocalChallengeTokens;
import org.xmppcert.openfire.http01.ServerHttp01Responder;
import org.xmppcert.openfire.http01.StandaloneListenerSettings;
import org.xmppcert.openfire.install.DomainKey;
import org.xmppcert.openfire.install.KeystoreFileSync;
import org.xmppcert.openfire.install.LiveKeystoreInstaller;
import org.xmppcert.openfire.install.MaintenanceWrites;
import org.xmppcert.openfire.install.OpenfireListeners;
import org.xmppcert.openfire.names.ComponentWatcher;
import org.xmppcert.openfire.names.LiveServerDescription;
import org.xmppcert.openfire.service.DefaultCertificateService;
import org.xmppcert.openfire.service.SavedSettings;
import org.xmppcert.openfire.storage.PluginStorage;

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
    private volatile DefaultCertificateService service;

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
        service = registerService(expiryWarning, cache, http01Responder);
        registerComponentWatcher(cache, service);
    }

    /**
     * The service everything else goes through, with its settings, the store for installs waiting
     * for their file write (re-applied now if Openfire stopped before writing them) and the daily
     * maintenance write.
     */
    private DefaultCertificateService registerService(SystemProperty<Duration> expiryWarning,
                                                      IdentityStoreOverviewCache overview, Http01Responder http01) {
        PluginStorage storage = PluginStorage.openfire();
        SavedSettings settings = registrations.add("settings properties",
                () -> SavedSettings.define(CANONICAL_NAME, storage.settings(), storage.sealer()),
                removedWithTheOtherProperties -> { });
        KeystoreFileSync fileSync = new KeystoreFileSync(KeystoreFileSync.storeWatcherActive(), storage.durableCopy());
        reapplyPendingInstall(fileSync);
        registrations.add("maintenance-time keystore writes", () -> new MaintenanceWrites(fileSync,
                settings::maintenanceTime, ZonedDateTime::now, new MaintenanceWrites.Timer() {
                    @Override
                    public void schedule(TimerTask task, Duration delay) {
                        TaskEngine.getInstance().schedule(task, delay);
                    }

                    @Override
                    public void cancel(TimerTask task) {
                        TaskEngine.getInstance().cancelScheduledTask(task);
                    }
                }).start(), MaintenanceWrites::close);
        Supplier<LiveKeystoreInstaller> installer = new Supplier<>() {
            private LiveKeystoreInstaller created;

            @Override
            public synchronized LiveKeystoreInstaller get() {
                if (created == null) {
                    created = liveInstaller(fileSync);
                }
                return created;
            }
        };
        return registrations.add("certificate service", () -> DefaultCertificateService.builder()
                .settings(settings)
                .storage(storage)
                .server(() -> LiveServerDescription.read(XMPPServer.getInstance()).description())
                .http01(http01)
                .installer(installer)
                .overview(overview::current)
                .currentKey(() -> DomainKey.inUse(XMPPServer.getInstance().getCertificateStoreManager()
                        .getIdentityStore(ConnectionType.SOCKET_C2S), xmppDomain()))
                .background(task -> TaskEngine.getInstance().submit(task))
                .audit(CertificateManagerPlugin::audit)
                .expiryWarning(expiryWarning::getValue)
                .build(), DefaultCertificateService::close);
    }

    /** Puts an installed certificate whose file write Openfire's stop cut off back into the live stores. */
    private static void reapplyPendingInstall(KeystoreFileSync fileSync) {
        try {
            CertificateStoreManager stores = XMPPServer.getInstance().getCertificateStoreManager();
            List<IdentityStore> distinct = new ArrayList<>();
            for (ConnectionType type : ConnectionType.values()) {
                IdentityStore store = stores.getIdentityStore(type);
                if (store != null && distinct.stream().noneMatch(seen -> seen.getConfiguration()
                        .equals(store.getConfiguration()))) {
                    distinct.add(store);
                }
            }
            List<IdentityStore> reapplied = fileSync.reapplyAtStart(distinct, xmppDomain());
            if (!reapplied.isEmpty()) {
                LOG.info("Put the certificate installed before the last stop back into {} identity store(s)",
                        reapplied.size());
            }
        } catch (Exception e) {
            LOG.warn("Could not check for a certificate installed before the last stop whose keystore file was not"
                    + " written yet", e);
        }
    }

    private static LiveKeystoreInstaller liveInstaller(KeystoreFileSync fileSync) {
        XMPPServer server = XMPPServer.getInstance();
        String domain = xmppDomain();
        CertificateStoreManager stores = server.getCertificateStoreManager();
        HttpBindManager httpBind = HttpBindManager.getInstance();
        return new LiveKeystoreInstaller(stores, domain, fileSync,
                () -> OpenfireListeners.restartHttpsBind(httpBind, stores.getIdentityStore(ConnectionType.BOSH_C2S)),
                () -> OpenfireListeners.endpoints(server.getConnectionManager(), httpBind, null, domain),
                new HandshakeCheck(new TlsHandshakeProbe(), Duration.ofSeconds(10), Duration.ofMillis(200)),
                () -> OpenfireListeners.pauseAdminConsoleRestart(server.getPluginManager()),
                message -> server.sendMessageToAdmins(message));
    }

    private static String xmppDomain() {
        return XMPPServer.getInstance().getServerInfo().getXMPPDomain();
    }

    /** Openfire's security audit log; a failure to record is logged, never undoes what was recorded. */
    private static void audit(String actor, String summary, String details) {
        try {
            SecurityAuditManager.getInstance().logEvent(actor, summary, details);
        } catch (RuntimeException e) {
            LOG.warn("Could not write to the security audit log: {} by {}", summary, actor, e);
        }
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
     * Watches components come and go, and hands names the certificates serving clients do not
     * cover to the service: an order in automatic mode, a warning otherwise.
     */
    private void registerComponentWatcher(IdentityStoreOverviewCache overview, DefaultCertificateService service) {
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
        ComponentWatcher watcher = new ComponentWatcher(
                service::wantedNames,
                () -> overview.current().coveredNames(ConnectionType.SOCKET_C2S),
                quietPeriod::getValue, ComponentWatcher.Scheduler.on(timer), service.coverageGapListener());
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
        service = null;
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

    /** What the console, the ad-hoc commands and the scheduler ask for everything certificate. */
    public DefaultCertificateService service() {
        DefaultCertificateService running = service;
        if (running == null) {
            throw new IllegalStateException("The Certificate Manager plugin is not running");
        }
        return running;
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
