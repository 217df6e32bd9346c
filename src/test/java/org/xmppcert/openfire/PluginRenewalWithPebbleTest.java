package org.xmppcert.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimerTask;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.ee8.nested.ContextHandler;
import org.jivesoftware.database.DbConnectionManager;
import org.jivesoftware.openfire.ConnectionManager;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.XMPPServerInfo;
import org.jivesoftware.openfire.admin.AdminManager;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.openfire.commands.AdHocCommandHandler;
import org.jivesoftware.openfire.component.InternalComponentManager;
import org.jivesoftware.openfire.SessionManager;
import org.jivesoftware.openfire.RoutingTable;
import org.jivesoftware.openfire.pubsub.PubSubModule;
import org.jivesoftware.openfire.muc.MultiUserChatManager;
import org.jivesoftware.openfire.filetransfer.proxy.FileTransferProxy;
import org.jivesoftware.openfire.component.ExternalComponentManager;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.openfire.security.SecurityAuditManager;
import org.jivesoftware.openfire.spi.ConnectionListener;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.jivesoftware.openfire.user.User;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.util.EmailService;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.LocaleUtils;
import org.jivesoftware.util.SystemProperty;
import org.jivesoftware.util.TaskEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;
import org.xmpp.packet.JID;
import org.xmppcert.core.acme.ChallengeType;
import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.keys.CertificateChainCodec;
import org.xmppcert.core.keys.KeyPolicy;
import org.xmppcert.core.names.NamePolicy;
import org.xmppcert.openfire.service.CaPreset;
import org.xmppcert.openfire.service.CertificateSettings;
import org.xmppcert.openfire.service.CertificateStatus;
import org.xmppcert.openfire.service.DefaultCertificateService;
import org.xmppcert.openfire.service.OrderProgress;
import org.xmppcert.testing.HttpBindServer;
import org.xmppcert.testing.Pebble;
import org.xmppcert.testing.PluginTexts;
import org.xmppcert.testing.HsqldbPluginDatabase;
import org.xmppcert.testing.ServedIdentityStore;
import org.xmppcert.testing.TestPropertyEncryptor;

/**
 * Automatic renewal as the loaded plugin runs it, against a real Pebble: the plugin's own wiring
 * (scheduler on the TaskEngine, renewal check, ACME renewal, cluster-wide install through the live
 * key store installer, notifier, audit trail), a real key store file served by a loopback TLS
 * listener, the plugin's tables on HSQLDB behind Openfire's connection manager, and http-01 answered
 * by the plugin's handler on an HTTP-bind server. What Openfire would do is mocked: the TaskEngine
 * (whose scheduled checks the test runs), XMPP messages to admins, email, the security audit log.
 */
class PluginRenewalWithPebbleTest {

    private static final String DOMAIN = "example.org";
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final List<String> NAMES = List.of(DOMAIN);

    @TempDir
    Path home;

    private final XMPPServer server = mock(XMPPServer.class);
    private final TaskEngine taskEngine = mock(TaskEngine.class);
    private final HttpBindManager httpBindManager = mock(HttpBindManager.class);
    private final SecurityAuditManager auditLog = mock(SecurityAuditManager.class);
    private final EmailService email = mock(EmailService.class);
    private final List<MockedStatic<?>> statics = new ArrayList<>();
    private HsqldbPluginDatabase database;
    private HttpBindServer httpBindServer;
    private Pebble pebble;
    private ServedIdentityStore identityStore;
    private CertificateManagerPlugin plugin;

    @BeforeEach
    void openfireWithThePlugin() throws Exception {
        database = new HsqldbPluginDatabase();
        httpBindServer = new HttpBindServer();
        doAnswer(invocation -> {
            httpBindServer.addJettyHandler(invocation.getArgument(0));
            return null;
        }).when(httpBindManager).addJettyHandler(any(ContextHandler.class));
        pebble = Pebble.builder().http01Port(httpBindServer.address().getPort()).start();

        identityStore = new ServedIdentityStore(home, DOMAIN, PASSWORD);

        mockServer();
        plugin = new CertificateManagerPlugin();
        plugin.initializePlugin(server.getPluginManager(), home.toFile());
    }

    private void mockServer() throws Exception {
        XMPPServerInfo info = mock(XMPPServerInfo.class);
        when(info.getXMPPDomain()).thenReturn(DOMAIN);
        when(info.getHostname()).thenReturn(DOMAIN);
        when(server.getServerInfo()).thenReturn(info);
        when(server.getCertificateStoreManager()).thenReturn(identityStore.storeManager());
        ConnectionListener directTls = mock(ConnectionListener.class);
        when(directTls.isEnabled()).thenReturn(true);
        when(directTls.getPort()).thenReturn(identityStore.endpoint().port());
        when(directTls.getBindAddress()).thenReturn(InetAddress.getLoopbackAddress());
        ConnectionManager connections = mock(ConnectionManager.class);
        when(connections.getListener(ConnectionType.SOCKET_C2S, true)).thenReturn(directTls);
        when(server.getConnectionManager()).thenReturn(connections);
        PluginManager pluginManager = mock(PluginManager.class);
        when(pluginManager.getPluginByCanonicalName(anyString())).thenReturn(Optional.empty());
        when(server.getPluginManager()).thenReturn(pluginManager);
        when(server.getAdHocCommandHandler()).thenReturn(mock(AdHocCommandHandler.class));
        // Nothing but the domain: no MUC service, pub-sub and the proxy off, no components (Mockito's empty answers).
        when(server.getMultiUserChatManager()).thenReturn(mock(MultiUserChatManager.class));
        PubSubModule pubSub = mock(PubSubModule.class);
        when(pubSub.getServiceDomain()).thenReturn("pubsub");
        when(server.getPubSubModule()).thenReturn(pubSub);
        FileTransferProxy proxy = mock(FileTransferProxy.class);
        when(proxy.getServiceDomain()).thenReturn("proxy");
        when(server.getFileTransferProxy()).thenReturn(proxy);
        when(server.getRoutingTable()).thenReturn(mock(RoutingTable.class));
        when(server.getSessionManager()).thenReturn(mock(SessionManager.class));
        // Mockito's static mocks (the database among them) hold on the test's thread only: tasks run there.
        when(taskEngine.submit(any(Runnable.class))).thenAnswer(invocation -> {
            FutureTask<?> task = new FutureTask<>(invocation.getArgument(0), null);
            task.run();
            return task;
        });

        AdminManager admins = mock(AdminManager.class);
        when(admins.getAdminAccounts()).thenReturn(List.of(new JID("admin", DOMAIN, null, true)));
        User admin = mock(User.class);
        when(admin.getEmail()).thenReturn("admin@" + DOMAIN);
        when(admin.getName()).thenReturn("Ada Admin");
        UserManager users = mock(UserManager.class);
        when(users.getUser("admin")).thenReturn(admin);

        MockedStatic<XMPPServer> xmppServer = mockStatic(XMPPServer.class);
        xmppServer.when(XMPPServer::getInstance).thenReturn(server);
        MockedStatic<TaskEngine> tasks = mockStatic(TaskEngine.class);
        tasks.when(TaskEngine::getInstance).thenReturn(taskEngine);
        MockedStatic<HttpBindManager> httpBind = mockStatic(HttpBindManager.class);
        httpBind.when(HttpBindManager::getInstance).thenReturn(httpBindManager);
        MockedStatic<InternalComponentManager> components = mockStatic(InternalComponentManager.class);
        InternalComponentManager componentManager = mock(InternalComponentManager.class);
        when(componentManager.getAddress()).thenReturn(new JID(null, "component." + DOMAIN, null, true));
        components.when(InternalComponentManager::getInstance).thenReturn(componentManager);
        MockedStatic<DbConnectionManager> dbConnections = mockStatic(DbConnectionManager.class);
        dbConnections.when(DbConnectionManager::getConnection).thenAnswer(invocation -> database.connect());
        MockedStatic<JiveGlobals> globals = mockStatic(JiveGlobals.class);
        globals.when(JiveGlobals::getPropertyEncryptor).thenReturn(TestPropertyEncryptor.authenticated("server key"));
        MockedStatic<ClusterManager> cluster = mockStatic(ClusterManager.class);
        cluster.when(ClusterManager::isClusteringStarted).thenReturn(false);
        cluster.when(ClusterManager::isClusteringStarting).thenReturn(false);
        MockedStatic<SecurityAuditManager> audit = mockStatic(SecurityAuditManager.class);
        audit.when(SecurityAuditManager::getInstance).thenReturn(auditLog);
        MockedStatic<AdminManager> adminManager = mockStatic(AdminManager.class);
        adminManager.when(AdminManager::getInstance).thenReturn(admins);
        MockedStatic<UserManager> userManager = mockStatic(UserManager.class);
        userManager.when(UserManager::getInstance).thenReturn(users);
        MockedStatic<EmailService> emailService = mockStatic(EmailService.class);
        emailService.when(EmailService::getInstance).thenReturn(email);
        MockedStatic<LocaleUtils> texts = PluginTexts.answerLocaleUtils();
        MockedStatic<ExternalComponentManager> externalComponents = mockStatic(ExternalComponentManager.class);
        statics.addAll(List.of(xmppServer, tasks, httpBind, components, dbConnections, globals, cluster, audit,
                adminManager, userManager, emailService, texts, externalComponents));
    }

    @AfterEach
    void unload() throws Exception {
        plugin.destroyPlugin();
        SystemProperty.removePropertiesForPlugin(CertificateManagerPlugin.CANONICAL_NAME);
        statics.forEach(MockedStatic::close);
        identityStore.close();
        pebble.close();
        httpBindServer.close();
        database.close();
    }

    @Test
    void aRevokedCertificateIsRenewedByTheNextScheduledCheckInstalledLiveAnnouncedOnceAndRecorded() throws Exception {
        DefaultCertificateService service = plugin.service();
        assertEquals(Map.of(), service.saveSettings(pebbleSettings(), CertificateSettings.SecretChange.NONE, "admin"));
        runScheduledCheck();
        String ticket = service.requestCertificate("admin");
        assertEquals(OrderProgress.Phase.DONE, awaitFinished(service, ticket).phase());
        X509Certificate issued = presentedLeaf();
        assertTrue(issued.getIssuerX500Principal().getName().contains("Pebble"), issued.getIssuerX500Principal().getName());
        runScheduledCheck();
        assertEquals(issued, presentedLeaf(), "a certificate in good standing is not renewed");

        service.revoke(issued.getSerialNumber().toString(16), "keyCompromise", "admin");
        runScheduledCheck();

        X509Certificate renewed = presentedLeaf();
        assertNotEquals(issued.getSerialNumber(), renewed.getSerialNumber(), "the TLS listener presents a new certificate");
        assertTrue(renewed.getIssuerX500Principal().getName().contains("Pebble"));
        CertificateEvent latest = service.history(1).get(0);
        assertEquals(CertificateEventType.RENEWED, latest.type());
        assertEquals(CertificateEvent.SCHEDULER, latest.actor());
        assertEquals(renewed.getSerialNumber().toString(16), latest.certificate().serialNumber());
        assertEquals(NAMES, latest.names());
        verify(auditLog).logEvent(eq("admin"), eq("Certificate Manager: certificate revoked for example.org"), any());
        verify(auditLog).logEvent(eq("scheduler"), eq("Certificate Manager: certificate renewed for example.org"),
                eq("Serial " + renewed.getSerialNumber().toString(16) + ", issuer "
                        + renewed.getIssuerX500Principal().getName() + ", valid " + latest.certificate().notBefore()
                        + " to " + latest.certificate().notAfter() + ". From the ACME CA at " + pebble.directory()));

        ArgumentCaptor<String> messages = ArgumentCaptor.forClass(String.class);
        verify(server).sendMessageToAdmins(messages.capture());
        assertTrue(messages.getValue().startsWith("Certificate renewed for example.org\n\nThe certificate for example.org"
                + " was renewed because"), messages.getValue());
        verify(email).sendMessage(eq("Ada Admin"), eq("admin@example.org"), eq("Openfire Certificate Manager"),
                eq("admin@example.org"), eq("Certificate renewed for example.org"), anyString(), isNull());

        CertificateStatus status = service.status();
        assertEquals(CertificateStatus.LastAttempt.Outcome.RENEWED, status.lastAttempt().orElseThrow().outcome());
        assertEquals("scheduler", status.lastAttempt().get().actor());
        Instant thirdLeft = renewed.getNotAfter().toInstant().minus(Duration.between(
                renewed.getNotBefore().toInstant(), renewed.getNotAfter().toInstant()).dividedBy(3));
        assertEquals(Optional.of(thirdLeft), status.nextRenewal(), "the renewal point of the new certificate");
        assertEquals(List.of(), status.actions());

        runScheduledCheck();
        assertEquals(renewed, presentedLeaf(), "the renewed certificate is seen as renewed, not renewed again");
        verify(email, times(1)).sendMessage(any(), any(), any(), any(), any(), any(), any());
        verify(server, never()).sendMessageToAdmins(org.mockito.ArgumentMatchers.startsWith("Certificate renewal failed"));
    }

    /** Runs the renewal check the plugin last scheduled, as the TaskEngine would when it falls due. */
    private void runScheduledCheck() {
        ArgumentCaptor<TimerTask> checks = ArgumentCaptor.forClass(TimerTask.class);
        verify(taskEngine, atLeastOnce()).schedule(checks.capture(), any(Duration.class), any(Duration.class));
        checks.getValue().run();
    }

    private CertificateSettings pebbleSettings() {
        return new CertificateSettings(CaPreset.CUSTOM, Optional.of(pebble.directory()),
                Optional.of(CertificateChainCodec.toPem(List.of(pebble.trustAnchor()))), "admin@example.org", true,
                Optional.empty(), KeyPolicy.DEFAULT, ChallengeType.HTTP_01, Optional.empty(), NamePolicy.DEFAULT, false,
                true, Duration.ofHours(6), List.of(14, 7, 3, 1), true, true, LocalTime.of(4, 0));
    }

    private static OrderProgress awaitFinished(DefaultCertificateService service, String ticket)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            OrderProgress progress = service.progress(ticket).orElseThrow();
            if (progress.phase().finished()) {
                return progress;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("The request did not finish: " + service.progress(ticket));
    }

    private X509Certificate presentedLeaf() throws Exception {
        return identityStore.presentedLeaf();
    }
}
