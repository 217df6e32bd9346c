package org.xmppcert.openfire;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimerTask;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.admin.AdminManager;
import org.jivesoftware.openfire.cluster.ClusterEventListener;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.openfire.commands.AdHocCommand;
import org.jivesoftware.openfire.commands.AdHocCommandHandler;
import org.jivesoftware.openfire.component.InternalComponentManager;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.AdminConsolePlugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.openfire.keystore.CertificateStoreManager;
import org.jivesoftware.openfire.keystore.IdentityStore;
import org.jivesoftware.openfire.security.SecurityAuditManager;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.util.CertificateManager;
import org.jivesoftware.util.EmailService;
import org.jivesoftware.util.SystemProperty;
import org.jivesoftware.util.TaskEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppcert.core.challenge.Http01Responder;
import org.xmppcert.core.tlscheck.HandshakeCheck;
import org.xmppcert.core.tlscheck.TlsHandshakeProbe;
import org.xmppcert.openfire.adhoc.CertificateCommands;
import org.xmppcert.openfire.adhoc.OrderWatcher;
import org.xmppcert.openfire.console.IdentityStoreOverview;
import org.xmppcert.openfire.cluster.CatchUpQuery;
import org.xmppcert.openfire.cluster.CertificateClusterTask;
import org.xmppcert.openfire.cluster.ClusterCatchUp;
import org.xmppcert.openfire.cluster.ClusterWideInstaller;
import org.xmppcert.openfire.console.IdentityStoreOverviewCache;
import org.xmppcert.openfire.http01.AcmeChallengeServlet;
import org.xmppcert.openfire.http01.ChallengeTokens;
import org.xmppcert.openfire.http01.LocalChallengeTokens;
import org.xmppcert.openfire.http01.ServerHttp01Responder;
import org.xmppcert.openfire.http01.StandaloneListenerSettings;
import org.xmppcert.openfire.install.CertificateBundle;
import org.xmppcert.openfire.install.DomainKey;
import org.xmppcert.openfire.install.InstallOutcome;
import org.xmppcert.openfire.install.KeystoreFileSync;
import org.xmppcert.openfire.install.LiveKeystoreInstaller;
import org.xmppcert.openfire.install.MaintenanceWrites;
import org.xmppcert.openfire.install.OpenfireListeners;
import org.xmppcert.openfire.names.ComponentWatcher;
import org.xmppcert.openfire.names.LiveServerDescription;
import org.xmppcert.openfire.notify.AdminNotifier;
import org.xmppcert.openfire.notify.AuditTrail;
import org.xmppcert.openfire.notify.Texts;
import org.xmppcert.openfire.renewal.AutomaticRenewal;
import org.xmppcert.openfire.renewal.RenewalScheduler;
import org.xmppcert.openfire.service.DefaultCertificateService;
import org.xmppcert.openfire.service.CertificateSettings;
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
    /** The admin console page with the classic CA wizard, which reminders link to. */
    static final String CLASSIC_WIZARD_PAGE = "certificate-request.jsp";

    /** How long components must stay unchanged before a name the certificate lacks is reported. */
    public static final String COMPONENT_QUIET_PERIOD_PROPERTY = "certificatemanager.components.quiet-period";

    /** How often the requests started by ad-hoc commands are looked at; their admins wait minutes, not seconds. */
    private static final Duration ORDER_POLL = Duration.ofSeconds(5);

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
    private volatile File pluginDirectory;

    @Override
    public void initializePlugin(PluginManager manager, File pluginDirectory) {
        this.pluginDirectory = pluginDirectory;
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
        PluginStorage storage = PluginStorage.openfire();
        SavedSettings settings = registrations.add("settings properties",
                () -> SavedSettings.define(CANONICAL_NAME, storage.settings(), storage.sealer()),
                removedWithTheOtherProperties -> { });
        AuditTrail auditTrail = new AuditTrail(storage.history(), SecurityAuditManager.getInstance(),
                CertificateManagerPlugin::xmppDomain, Clock.systemUTC());
        AdminNotifier notifier = adminNotifier(settings);
        ClusterWideInstaller installer = registerInstaller(storage, settings, notifier, cache);
        service = registerService(storage, settings, expiryWarning, cache, http01Responder, installer, auditTrail);
        registerComponentWatcher(cache, service);
        registerCommands(service, auditTrail);
        registerRenewal(service, storage, settings, auditTrail, notifier, installer);
        registerClusterCatchUp(service, storage);
    }

    /**
     * Tells the admins by XMPP and email, as the settings say, in the texts of the plugin's bundle;
     * read at each message, so a changed setting applies to the next.
     */
    private static AdminNotifier adminNotifier(SavedSettings settings) {
        return new AdminNotifier(XMPPServer.getInstance(), AdminManager.getInstance(), UserManager.getInstance(),
                EmailService.getInstance(), Texts.openfire(), () -> {
                    CertificateSettings now = settings.load();
                    // The ACME contact is the admin's own address; without one, a sender of the server's domain.
                    String sender = now.contactEmail().isBlank() ? CANONICAL_NAME + "@" + xmppDomain()
                            : now.contactEmail().strip();
                    return new AdminNotifier.Delivery(now.notifyByXmpp(), now.notifyByEmail(), sender);
                }, Clock.systemUTC(), AdminNotifier.DEFAULT_QUIET_PERIOD);
    }

    /**
     * Puts certificates in service on this node and then on the other cluster nodes, which in
     * turn receive them here; with the store for installs waiting for their file write (re-applied
     * now if Openfire stopped before writing them) and the daily maintenance write. The installer's
     * reports (a rollback, a node that could not install) reach the admins through the notifier.
     * After each install the overview reads the stores again: Openfire reports no change of a store
     * the plugin swapped an entry in, and the status and the renewal check must see the new certificate.
     */
    private ClusterWideInstaller registerInstaller(PluginStorage storage, SavedSettings settings,
                                                   AdminNotifier notifier, IdentityStoreOverviewCache overview) {
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
                }, this::stoppingForGood).start(), MaintenanceWrites::close);
        Supplier<LiveKeystoreInstaller> live = new Supplier<>() {
            private LiveKeystoreInstaller created;

            @Override
            public synchronized LiveKeystoreInstaller get() {
                if (created == null) {
                    created = liveInstaller(fileSync, notifier::tell);
                }
                return created;
            }
        };
        BiFunction<CertificateBundle, LiveKeystoreInstaller.Origin, InstallOutcome> local = (bundle, origin) -> {
            try {
                return live.get().install(bundle, origin);
            } finally {
                overview.invalidate();
            }
        };
        registrations.add("receiver of certificates from the senior cluster member",
                () -> CertificateClusterTask.receiveWith(new CertificateClusterTask.Receiving(
                        XMPPServer.getInstance().getServerInfo().getHostname(), storage.sealer(),
                        bundle -> local.apply(bundle, LiveKeystoreInstaller.Origin.BACKGROUND), notifier::tell)),
                Runnable::run);
        return new ClusterWideInstaller(local, storage.sealer());
    }

    /** The service everything else goes through. */
    private DefaultCertificateService registerService(PluginStorage storage, SavedSettings settings,
                                                      SystemProperty<Duration> expiryWarning,
                                                      IdentityStoreOverviewCache overview, Http01Responder http01,
                                                      ClusterWideInstaller installer, AuditTrail auditTrail) {
        return registrations.add("certificate service", () -> DefaultCertificateService.builder()
                .settings(settings)
                .storage(storage)
                .server(() -> LiveServerDescription.read(XMPPServer.getInstance()))
                .http01(http01)
                .installer((bundle, origin) -> installer.install(bundle, origin).local())
                .overview(overview::current)
                .currentKey(CertificateManagerPlugin::keyInService)
                .background(task -> TaskEngine.getInstance().submit(task))
                .audit(auditTrail)
                .expiryWarning(expiryWarning::getValue)
                .build(), DefaultCertificateService::close);
    }

    /**
     * Automatic renewal: a check at start, every check interval and whenever one falls due, on the
     * senior cluster member only (and at once on a node that becomes senior); again at once when
     * the settings are saved or a certificate is revoked.
     */
    private void registerRenewal(DefaultCertificateService service, PluginStorage storage, SavedSettings settings,
                                 AuditTrail auditTrail, AdminNotifier notifier, ClusterWideInstaller installer) {
        AutomaticRenewal renewal = registrations.add("automatic renewal", () -> new AutomaticRenewal(service,
                storage.renewalStates(), event -> {
                    auditTrail.onEvent(event);
                    notifier.onEvent(event);
                }, auditTrail, installer, CertificateManagerPlugin::keyInService,
                CertificateManagerPlugin::classicWizard, Clock.systemUTC(), RandomGenerator.getDefault()),
                AutomaticRenewal::close);
        RenewalScheduler scheduler = registrations.add("renewal schedule", () -> {
            RenewalScheduler started = new RenewalScheduler(TaskEngine.getInstance(), renewal,
                    settings::checkInterval, CertificateManagerPlugin.class.getClassLoader(),
                    Clock.systemUTC());
            started.start();
            return started;
        }, RenewalScheduler::close);
        ClusterEventListener seniority = scheduler.clusterListener();
        registrations.add("cluster listener of the renewal schedule", () -> ClusterManager.addListener(seniority),
                () -> ClusterManager.removeListener(seniority));
        Runnable checkAgain = () -> {
            renewal.settingsSaved();
            scheduler.checkNow();
        };
        registrations.add("renewal check on changed settings and revocations",
                () -> service.addRenewalInputListener(checkAgain), () -> service.removeRenewalInputListener(checkAgain));
    }

    /**
     * A node that missed a renewal (down, or not yet clustered, when the senior member sent it)
     * catches up when it joins; as the senior, this node answers such nodes with the certificate
     * the plugin installed, if that is what it serves.
     */
    private void registerClusterCatchUp(DefaultCertificateService service, PluginStorage storage) {
        registrations.add("answers to cluster nodes catching up", () -> CatchUpQuery.answerWith(() ->
                CatchUpQuery.managedOnly(bundleInService(), service.managedCertificates())
                        .map(bundle -> CertificateClusterTask.carrying(bundle, storage.sealer()))), Runnable::run);
        ClusterCatchUp catchUp = new ClusterCatchUp(() -> bundleInService().map(CertificateBundle::leaf),
                task -> TaskEngine.getInstance().submit(task));
        registrations.add("catch-up with the senior cluster member", () -> {
            ClusterManager.addListener(catchUp);
            catchUp.started();
        }, () -> ClusterManager.removeListener(catchUp));
    }

    private static Optional<CertificateBundle> bundleInService() {
        return DomainKey.bundleInUse(XMPPServer.getInstance().getCertificateStoreManager()
                .getIdentityStore(ConnectionType.SOCKET_C2S), xmppDomain());
    }

    private static Optional<KeyPair> keyInService() {
        return bundleInService().map(bundle -> new KeyPair(bundle.leaf().getPublicKey(), bundle.key()));
    }

    /**
     * The admin console page that renews a classic certificate with its saved request, for the
     * reminders: an absolute address at the server's host name and the console's port (HTTPS if
     * the console has it), or the page's path on the console when the console is not known.
     */
    static URI classicWizard() {
        String path = "/plugins/" + CANONICAL_NAME + "/" + CLASSIC_WIZARD_PAGE;
        try {
            XMPPServer server = XMPPServer.getInstance();
            Optional<AdminConsolePlugin> console = server.getPluginManager().getPluginByCanonicalName("admin")
                    .filter(AdminConsolePlugin.class::isInstance).map(AdminConsolePlugin.class::cast);
            if (console.isPresent()) {
                String host = server.getServerInfo().getHostname();
                int securePort = console.get().getAdminSecurePort();
                int port = securePort > 0 ? securePort : console.get().getAdminUnsecurePort();
                if (host != null && !host.isBlank() && port > 0) {
                    return new URI(securePort > 0 ? "https" : "http", null, host, port, path, null, null);
                }
            }
        } catch (RuntimeException | URISyntaxException e) {
            LOG.debug("The admin console's address is not known; reminders link to its path", e);
        }
        return URI.create(path);
    }

    /**
     * Whether this stop is the last: the server shuts down, or the admin deleted the plugin (Openfire
     * deletes the jar first, then unloads). A reload or an update keeps the jar in place.
     */
    private boolean stoppingForGood() {
        return XMPPServer.getInstance().isShuttingDown() || pluginDirectory == null
                || !archiveRemains(pluginDirectory.toPath());
    }

    /**
     * Whether the jar or war this plugin was extracted from is still in the plugins folder. Openfire
     * names the folder after the archive in lower case and deletes the archive whatever its case, so
     * an archive named {@code CertificateManager.jar} counts too. Unreadable counts as gone: the
     * write at the stop is the safe side, at worst it closes the sessions a reload would have kept.
     */
    static boolean archiveRemains(Path pluginDirectory) {
        String name = pluginDirectory.getFileName().toString().toLowerCase(Locale.ROOT);
        try (Stream<Path> files = Files.list(pluginDirectory.getParent())) {
            return files.filter(Files::isRegularFile)
                    .map(file -> file.getFileName().toString().toLowerCase(Locale.ROOT))
                    .anyMatch(file -> file.equals(name + ".jar") || file.equals(name + ".war"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Puts an installed certificate whose file write did not happen yet (Openfire stopped before the
     * maintenance time, or the plugin was reloaded) back into the live stores, and owes its file write.
     */
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
            List<IdentityStore> unwritten = fileSync.reapplyAtStart(distinct, xmppDomain());
            if (!unwritten.isEmpty()) {
                // After a reload the live stores held it all along: only the file write is owed.
                LOG.info("The certificate installed before the last stop is in service in {} identity store(s) whose"
                        + " keystore file does not hold it yet", unwritten.size());
            }
        } catch (Exception e) {
            LOG.warn("Could not check for a certificate installed before the last stop whose keystore file was not"
                    + " written yet", e);
        }
    }

    private static LiveKeystoreInstaller liveInstaller(KeystoreFileSync fileSync, Consumer<String> tellAdmins) {
        XMPPServer server = XMPPServer.getInstance();
        String domain = xmppDomain();
        CertificateStoreManager stores = server.getCertificateStoreManager();
        HttpBindManager httpBind = HttpBindManager.getInstance();
        return new LiveKeystoreInstaller(stores, domain, fileSync,
                () -> OpenfireListeners.restartHttpsBind(httpBind, stores.getIdentityStore(ConnectionType.BOSH_C2S)),
                () -> OpenfireListeners.endpoints(server.getConnectionManager(), httpBind,
                        OpenfireListeners.httpBindAddress(), domain),
                new HandshakeCheck(new TlsHandshakeProbe(), Duration.ofSeconds(10), Duration.ofMillis(200)),
                () -> OpenfireListeners.pauseAdminConsoleRestart(server.getPluginManager()),
                tellAdmins);
    }

    private static String xmppDomain() {
        return XMPPServer.getInstance().getServerInfo().getXMPPDomain();
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

    /**
     * The admin's certificate tasks as ad-hoc commands on the server's JID, and the timer that
     * follows the requests they start until their outcome is messaged.
     */
    private void registerCommands(DefaultCertificateService service, AuditTrail auditTrail) {
        OrderWatcher watcher = new OrderWatcher(service);
        ScheduledExecutorService timer = registrations.add("order watcher timer",
                () -> Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, CANONICAL_NAME + "-order-watcher");
                    thread.setDaemon(true);
                    return thread;
                }), ExecutorService::shutdownNow);
        timer.scheduleWithFixedDelay(watcher::checkAll, ORDER_POLL.toMillis(), ORDER_POLL.toMillis(),
                TimeUnit.MILLISECONDS);
        AdHocCommandHandler commands = XMPPServer.getInstance().getAdHocCommandHandler();
        for (AdHocCommand command : CertificateCommands.create(service, auditTrail::logOnly, watcher,
                Clock.systemUTC())) {
            registrations.add("ad-hoc command " + command.getCode(), () -> commands.addCommand(command),
                    () -> commands.removeCommand(command));
        }
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
