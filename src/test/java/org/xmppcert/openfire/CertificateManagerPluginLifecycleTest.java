package org.xmppcert.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimerTask;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.eclipse.jetty.ee8.nested.ContextHandler;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.XMPPServerInfo;
import org.jivesoftware.openfire.admin.AdminManager;
import org.jivesoftware.openfire.cluster.ClusterEventListener;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.openfire.commands.AdHocCommand;
import org.jivesoftware.openfire.commands.AdHocCommandHandler;
import org.jivesoftware.openfire.component.ComponentEventListener;
import org.jivesoftware.openfire.component.InternalComponentManager;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.openfire.keystore.CertificateStoreManager;
import org.jivesoftware.openfire.keystore.IdentityStore;
import org.jivesoftware.openfire.security.SecurityAuditManager;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.util.CertificateEventListener;
import org.jivesoftware.util.CertificateManager;
import org.jivesoftware.util.EmailService;
import org.jivesoftware.util.LocaleUtils;
import org.jivesoftware.util.SystemProperty;
import org.jivesoftware.util.TaskEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;
import org.xmppcert.openfire.cluster.CatchUpQuery;
import org.xmppcert.openfire.cluster.CertificateClusterTask;
import org.xmppcert.openfire.console.IdentityStoreOverview;
import org.xmppcert.openfire.console.IdentityStoreOverview.Certificate;
import org.xmppcert.openfire.console.IdentityStoreOverview.Validity;
import org.xmppcert.openfire.service.SavedSettings;
import org.xmppcert.testing.HttpBindServer;
import org.xmppcert.testing.PluginTexts;
import org.xmppcert.testing.RawHttp;
import org.xmppcert.testing.IdentityStoreFiles;
import org.xmppcert.testing.TestCertificateAuthority;

/**
 * Openfire reloads a plugin whenever its jar is replaced: it calls destroyPlugin, then
 * {@code SystemProperty.removePropertiesForPlugin(<plugin.xml name>)}, then loads a new instance.
 * These tests run that cycle against the stand-in.
 */
class CertificateManagerPluginLifecycleTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path directory;

    private static final List<String> PROPERTIES = Stream.concat(Stream.of(CertificateManagerPlugin.EXPIRY_WARNING_PROPERTY,
            CertificateManagerPlugin.STANDALONE_ENABLED_PROPERTY, CertificateManagerPlugin.STANDALONE_ADDRESS_PROPERTY,
            CertificateManagerPlugin.STANDALONE_PORT_PROPERTY, CertificateManagerPlugin.COMPONENT_QUIET_PERIOD_PROPERTY),
            SavedSettings.propertyKeys().stream()).toList();

    private final PluginManager pluginManager = mock(PluginManager.class);
    private final HttpBindManager httpBindManager = mock(HttpBindManager.class);
    private final InternalComponentManager componentManager = mock(InternalComponentManager.class);
    private final TaskEngine taskEngine = mock(TaskEngine.class);
    private final XMPPServer server = mock(XMPPServer.class);
    private final XMPPServerInfo serverInfo = mock(XMPPServerInfo.class);
    private final AdHocCommandHandler commandHandler = mock(AdHocCommandHandler.class);
    private MockedStatic<XMPPServer> xmppServer;
    private MockedStatic<ClusterManager> cluster;
    private MockedStatic<SecurityAuditManager> securityAudit;
    private MockedStatic<AdminManager> adminManager;
    private MockedStatic<UserManager> userManager;
    private MockedStatic<EmailService> emailService;
    private MockedStatic<LocaleUtils> localeUtils;
    private MockedStatic<HttpBindManager> httpBind;
    private MockedStatic<InternalComponentManager> components;
    private MockedStatic<TaskEngine> tasks;

    @BeforeEach
    void serverModules() {
        xmppServer = mockStatic(XMPPServer.class);
        xmppServer.when(XMPPServer::getInstance).thenReturn(server);
        when(server.getAdHocCommandHandler()).thenReturn(commandHandler);
        when(server.getServerInfo()).thenReturn(serverInfo);
        when(serverInfo.getXMPPDomain()).thenReturn("example.org");
        when(serverInfo.getHostname()).thenReturn("xmpp.example.org");
        cluster = mockStatic(ClusterManager.class);
        securityAudit = mockStatic(SecurityAuditManager.class);
        securityAudit.when(SecurityAuditManager::getInstance).thenReturn(mock(SecurityAuditManager.class));
        adminManager = mockStatic(AdminManager.class);
        adminManager.when(AdminManager::getInstance).thenReturn(mock(AdminManager.class));
        userManager = mockStatic(UserManager.class);
        userManager.when(UserManager::getInstance).thenReturn(mock(UserManager.class));
        emailService = mockStatic(EmailService.class);
        emailService.when(EmailService::getInstance).thenReturn(mock(EmailService.class));
        localeUtils = PluginTexts.answerLocaleUtils();
        httpBind = mockStatic(HttpBindManager.class);
        httpBind.when(HttpBindManager::getInstance).thenReturn(httpBindManager);
        components = mockStatic(InternalComponentManager.class);
        components.when(InternalComponentManager::getInstance).thenReturn(componentManager);
        tasks = mockStatic(TaskEngine.class);
        tasks.when(TaskEngine::getInstance).thenReturn(taskEngine);
    }

    @AfterEach
    void unloadLikeOpenfire() {
        SystemProperty.removePropertiesForPlugin(CertificateManagerPlugin.CANONICAL_NAME);
        tasks.close();
        components.close();
        httpBind.close();
        localeUtils.close();
        emailService.close();
        userManager.close();
        adminManager.close();
        securityAudit.close();
        cluster.close();
        xmppServer.close();
    }

    @Test
    void loadingAndUnloadingTenTimesLeavesNothingBehind() throws InterruptedException {
        ArgumentCaptor<CertificateEventListener> added = ArgumentCaptor.forClass(CertificateEventListener.class);
        ArgumentCaptor<CertificateEventListener> removed = ArgumentCaptor.forClass(CertificateEventListener.class);
        try (MockedStatic<CertificateManager> certificateManager = mockStatic(CertificateManager.class)) {
            for (int load = 1; load <= 10; load++) {
                CertificateManagerPlugin plugin = new CertificateManagerPlugin();
                plugin.initializePlugin(pluginManager, directory.toFile());
                assertEquals(Set.copyOf(PROPERTIES), Set.copyOf(pluginProperties()));

                assertTrue(plugin.service().latestOrder().isEmpty());
                assertFalse(receivedByThisNode().message().contains("not running"),
                        "this node installs what the senior cluster member sends");

                plugin.destroyPlugin();
                assertTrue(receivedByThisNode().message().contains("not running"), "the receiver is gone at unload");
                assertEquals(List.of(), pluginProperties(), "properties left after unload " + load);
                assertThrows(IllegalStateException.class, plugin::service);
                SystemProperty.removePropertiesForPlugin(CertificateManagerPlugin.CANONICAL_NAME);
            }
            certificateManager.verify(() -> CertificateManager.addListener(added.capture()), times(10));
            certificateManager.verify(() -> CertificateManager.removeListener(removed.capture()), times(10));
        }
        assertEquals(10, added.getAllValues().stream().distinct().count());
        assertEquals(added.getAllValues(), removed.getAllValues());

        ArgumentCaptor<ContextHandler> handlersAdded = ArgumentCaptor.forClass(ContextHandler.class);
        ArgumentCaptor<ContextHandler> handlersRemoved = ArgumentCaptor.forClass(ContextHandler.class);
        verify(httpBindManager, times(10)).addJettyHandler(handlersAdded.capture());
        verify(httpBindManager, times(10)).removeJettyHandler(handlersRemoved.capture());
        assertEquals(10, handlersAdded.getAllValues().stream().distinct().count());
        assertEquals(handlersAdded.getAllValues(), handlersRemoved.getAllValues());
        assertTrue(handlersAdded.getAllValues().stream()
                .allMatch(handler -> "/.well-known/acme-challenge".equals(handler.getContextPath())));

        ArgumentCaptor<ComponentEventListener> watchersAdded = ArgumentCaptor.forClass(ComponentEventListener.class);
        ArgumentCaptor<ComponentEventListener> watchersRemoved = ArgumentCaptor.forClass(ComponentEventListener.class);
        verify(componentManager, times(10)).addListener(watchersAdded.capture());
        verify(componentManager, times(10)).removeListener(watchersRemoved.capture());
        assertEquals(10, watchersAdded.getAllValues().stream().distinct().count());
        assertEquals(watchersAdded.getAllValues(), watchersRemoved.getAllValues());

        ArgumentCaptor<TimerTask> writes = ArgumentCaptor.forClass(TimerTask.class);
        ArgumentCaptor<TimerTask> checks = ArgumentCaptor.forClass(TimerTask.class);
        ArgumentCaptor<Duration> checkIntervals = ArgumentCaptor.forClass(Duration.class);
        ArgumentCaptor<TimerTask> cancelled = ArgumentCaptor.forClass(TimerTask.class);
        verify(taskEngine, times(10)).schedule(writes.capture(), any(Duration.class));
        verify(taskEngine, times(10)).schedule(checks.capture(), eq(Duration.ZERO), checkIntervals.capture());
        verify(taskEngine, times(20)).cancelScheduledTask(cancelled.capture());
        assertEquals(10, writes.getAllValues().stream().distinct().count());
        assertEquals(10, checks.getAllValues().stream().distinct().count(), "a renewal check at each start");
        assertEquals(Set.of(Duration.ofHours(6)), Set.copyOf(checkIntervals.getAllValues()),
                "then every check interval of the settings");
        assertEquals(Stream.concat(writes.getAllValues().stream(), checks.getAllValues().stream())
                        .collect(java.util.stream.Collectors.toSet()), Set.copyOf(cancelled.getAllValues()),
                "every maintenance write and renewal check is cancelled at unload");

        // Per load: the renewal schedule's seniority listener and the catch-up with the senior member.
        ArgumentCaptor<ClusterEventListener> clusterAdded = ArgumentCaptor.forClass(ClusterEventListener.class);
        ArgumentCaptor<ClusterEventListener> clusterRemoved = ArgumentCaptor.forClass(ClusterEventListener.class);
        cluster.verify(() -> ClusterManager.addListener(clusterAdded.capture()), times(20));
        cluster.verify(() -> ClusterManager.removeListener(clusterRemoved.capture()), times(20));
        assertEquals(20, clusterAdded.getAllValues().stream().distinct().count());
        assertEquals(Set.copyOf(clusterAdded.getAllValues()), Set.copyOf(clusterRemoved.getAllValues()));
        CatchUpQuery askedAfterUnload = new CatchUpQuery();
        askedAfterUnload.run();
        assertNull(askedAfterUnload.getResult(), "an unloaded plugin answers no node catching up");

        ArgumentCaptor<AdHocCommand> commandsAdded = ArgumentCaptor.forClass(AdHocCommand.class);
        ArgumentCaptor<AdHocCommand> commandsRemoved = ArgumentCaptor.forClass(AdHocCommand.class);
        verify(commandHandler, times(60)).addCommand(commandsAdded.capture());
        verify(commandHandler, times(60)).removeCommand(commandsRemoved.capture());
        assertEquals(60, commandsAdded.getAllValues().stream().distinct().count());
        assertEquals(Set.copyOf(commandsAdded.getAllValues()), Set.copyOf(commandsRemoved.getAllValues()));
        assertEquals(6, commandsAdded.getAllValues().stream().map(AdHocCommand::getCode).distinct().count());
        assertOrderWatcherThreadsEnd();
    }

    /** What this node answers to a certificate sent by the senior member; without a certificate, a refusal. */
    private static CertificateClusterTask.NodeOutcome receivedByThisNode() {
        CertificateClusterTask task = new CertificateClusterTask();
        try {
            task.run();
        } catch (RuntimeException nothingToOpen) {
            return new CertificateClusterTask.NodeOutcome("this node", false, "tried to open it");
        }
        return task.getResult();
    }

    /** Each load's order watcher timer is shut down at unload; its thread ends once its current poll is over. */
    private static void assertOrderWatcherThreadsEnd() throws InterruptedException {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(CertificateManagerPlugin.CANONICAL_NAME + "-order-watcher")) {
                thread.join(10_000);
                assertFalse(thread.isAlive(), "an order watcher thread outlived its plugin");
            }
        }
    }

    @Test
    void theHandlerOnTheHttpBindServerAnswersWhatThePluginsResponderPublishesUntilUnload() throws Exception {
        String token = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";
        String path = "/.well-known/acme-challenge/" + token;
        try (MockedStatic<CertificateManager> certificateManager = mockStatic(CertificateManager.class);
             HttpBindServer httpBindServer = new HttpBindServer()) {
            doAnswer(invocation -> {
                httpBindServer.addJettyHandler(invocation.getArgument(0));
                return null;
            }).when(httpBindManager).addJettyHandler(any(ContextHandler.class));
            CertificateManagerPlugin plugin = new CertificateManagerPlugin();
            plugin.initializePlugin(pluginManager, directory.toFile());

            plugin.http01Responder().publish("example.org", token, token + ".thumbprint");
            assertEquals(token + ".thumbprint", RawHttp.get(httpBindServer.address(), path, "example.org").body());

            plugin.destroyPlugin();
            assertEquals(404, RawHttp.get(httpBindServer.address(), path, "example.org").status(),
                    "a token of an order cut short by unloading is still answered");
            assertThrows(IllegalStateException.class, plugin::http01Responder);
        }
    }

    @Test
    void aPluginWhoseStartFailedCanBeLoadedAgain() {
        try (MockedStatic<CertificateManager> certificateManager = mockStatic(CertificateManager.class)) {
            certificateManager.when(() -> CertificateManager.addListener(any()))
                    .thenThrow(new IllegalStateException("server shutting down"));
            assertThrows(IllegalStateException.class,
                    () -> new CertificateManagerPlugin().initializePlugin(pluginManager, directory.toFile()));
        }
        // Openfire retries without calling destroyPlugin; a leftover property would make this throw.
        CertificateManagerPlugin retried = new CertificateManagerPlugin();
        retried.initializePlugin(pluginManager, directory.toFile());
        retried.destroyPlugin();
    }

    /**
     * A reload keeps the archive, so the keystore write waits for the next start and sessions stay;
     * a deletion removes it first. Openfire's folder is the archive's name in lower case, whatever
     * case the archive has, and the archive must still count.
     */
    @Test
    void thePluginStopsForGoodOnlyOnceItsArchiveIsGoneWhateverItsCase() throws Exception {
        Path extracted = Files.createDirectory(directory.resolve("certificatemanager"));
        assertFalse(CertificateManagerPlugin.archiveRemains(extracted), "no archive: deleted");

        Path archive = Files.createFile(directory.resolve("CertificateManager.jar"));
        assertTrue(CertificateManagerPlugin.archiveRemains(extracted), "uploaded with capitals: still there");

        Files.delete(archive);
        Files.createFile(directory.resolve("certificatemanager.war"));
        assertTrue(CertificateManagerPlugin.archiveRemains(extracted));
    }

    @Test
    void theIdentityStoreOverviewFollowsStoreChangesAfterReloads() throws Exception {
        Instant now = Instant.now();
        TestCertificateAuthority ca = TestCertificateAuthority.create("Lifecycle", now);
        IdentityStore store = IdentityStoreFiles.create(directory.resolve("keystore"), PASSWORD, directory,
                Map.of("example.org_ec", ca.issueWithNewKey(List.of("example.org"), now.minus(1, ChronoUnit.DAYS),
                        now.plus(90, ChronoUnit.DAYS))));

        CertificateStoreManager storeManager = mock(CertificateStoreManager.class);
        when(server.getCertificateStoreManager()).thenReturn(storeManager);
        when(storeManager.getIdentityStore(any())).thenReturn(store);
        when(server.getPluginManager()).thenReturn(pluginManager);

        CertificateManagerPlugin plugin = null;
        for (int load = 0; load < 3; load++) {
            if (plugin != null) {
                plugin.destroyPlugin();
                SystemProperty.removePropertiesForPlugin(CertificateManagerPlugin.CANONICAL_NAME);
            }
            plugin = new CertificateManagerPlugin();
            plugin.initializePlugin(pluginManager, directory.toFile());
        }
        when(pluginManager.getPluginByCanonicalName(CertificateManagerPlugin.CANONICAL_NAME))
                .thenReturn(Optional.of(plugin));
        Supplier<IdentityStoreOverview> page = () -> pluginManager
                .getPluginByCanonicalName(CertificateManagerPlugin.CANONICAL_NAME)
                .map(CertificateManagerPlugin.class::cast).orElseThrow().identityStoreOverview();
        assertEquals("example.org", page.get().getXmppDomain());
        assertEquals(List.of("example.org_ec"), aliases(page));

        ca.issueWithNewKey(List.of("example.org"), now, now.plus(90, ChronoUnit.DAYS))
                .storeIn(store.getStore(), "renewed", PASSWORD);
        CertificateManager.fireCertificateStoreChanged(store);
        assertEquals(List.of("example.org_ec", "renewed"), aliases(page));

        setExpiryWarning(Duration.ofDays(100));
        assertTrue(page.get().getStores().get(0).getCertificates().stream()
                .allMatch(certificate -> certificate.getValidity() == Validity.EXPIRES_SOON));
        plugin.destroyPlugin();
    }

    @SuppressWarnings("unchecked")
    private static void setExpiryWarning(Duration warning) {
        SystemProperty<Duration> property = SystemProperty.getProperty(CertificateManagerPlugin.EXPIRY_WARNING_PROPERTY)
                .orElseThrow();
        property.setValue(warning);
    }

    private static List<String> aliases(Supplier<IdentityStoreOverview> page) {
        return page.get().getStores().get(0).getCertificates().stream().map(Certificate::getAlias).toList();
    }

    private static List<String> pluginProperties() {
        return SystemProperty.getProperties().stream()
                .filter(property -> CertificateManagerPlugin.CANONICAL_NAME.equals(property.getPlugin()))
                .map(SystemProperty::getKey)
                .toList();
    }
}
