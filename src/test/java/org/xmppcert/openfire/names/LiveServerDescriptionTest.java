package org.xmppcert.openfire.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import java.util.List;

import org.jivesoftware.openfire.RoutingTable;
import org.jivesoftware.openfire.SessionManager;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.XMPPServerInfo;
import org.jivesoftware.openfire.component.ExternalComponentConfiguration;
import org.jivesoftware.openfire.component.ExternalComponentConfiguration.Permission;
import org.jivesoftware.openfire.component.ExternalComponentManager;
import org.jivesoftware.openfire.component.InternalComponentManager;
import org.jivesoftware.openfire.filetransfer.proxy.FileTransferProxy;
import org.jivesoftware.openfire.muc.MultiUserChatManager;
import org.jivesoftware.openfire.muc.MultiUserChatService;
import org.jivesoftware.openfire.pubsub.PubSubModule;
import org.jivesoftware.openfire.session.ComponentSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.xmppcert.core.names.NamePolicy;
import org.xmppcert.core.names.NameSelector;
import org.xmpp.packet.JID;

class LiveServerDescriptionTest {

    private final XMPPServer server = mock(XMPPServer.class);
    private final XMPPServerInfo serverInfo = mock(XMPPServerInfo.class);
    private final MultiUserChatManager muc = mock(MultiUserChatManager.class);
    private final PubSubModule pubSub = mock(PubSubModule.class);
    private final FileTransferProxy proxy = mock(FileTransferProxy.class);
    private final RoutingTable routingTable = mock(RoutingTable.class);
    private final SessionManager sessionManager = mock(SessionManager.class);
    private final InternalComponentManager componentManager = mock(InternalComponentManager.class);
    private MockedStatic<ExternalComponentManager> externalComponents;
    private MockedStatic<InternalComponentManager> internalComponents;

    /**
     * A typical server: everything enabled, one plugin component, one external component connected,
     * and, as on every Openfire, the component manager's own route.
     */
    @BeforeEach
    void typicalServer() {
        when(server.getServerInfo()).thenReturn(serverInfo);
        when(serverInfo.getXMPPDomain()).thenReturn("example.org");
        when(serverInfo.getHostname()).thenReturn("xmpp1.example.org");
        when(server.getMultiUserChatManager()).thenReturn(muc);
        when(server.getPubSubModule()).thenReturn(pubSub);
        when(server.getFileTransferProxy()).thenReturn(proxy);
        when(server.getRoutingTable()).thenReturn(routingTable);
        when(server.getSessionManager()).thenReturn(sessionManager);

        List<MultiUserChatService> mucServices = List.of(mucService("conference.example.org", true));
        when(muc.getMultiUserChatServices()).thenReturn(mucServices);
        when(pubSub.getServiceDomain()).thenReturn("pubsub.example.org");
        when(pubSub.isServiceEnabled()).thenReturn(true);
        when(proxy.getServiceDomain()).thenReturn("proxy.example.org");
        when(proxy.isProxyEnabled()).thenReturn(true);
        when(routingTable.getComponentsDomains()).thenReturn(List.of(
                "component.example.org", "conference.example.org", "pubsub.example.org", "proxy.example.org",
                "httpfileupload.example.org", "gateway.example.org"));
        when(componentManager.getAddress()).thenReturn(new JID(null, "component.example.org", null, true));
        internalComponents = mockStatic(InternalComponentManager.class);
        internalComponents.when(InternalComponentManager::getInstance).thenReturn(componentManager);
        List<ComponentSession> sessions = List.of(externalSession("gateway.example.org"));
        when(sessionManager.getComponentSessions()).thenReturn(sessions);

        externalComponents = mockStatic(ExternalComponentManager.class);
        externalComponents.when(ExternalComponentManager::getAllowedComponents).thenReturn(List.of(
                new ExternalComponentConfiguration("gateway", false, Permission.allowed, "s3cret"),
                new ExternalComponentConfiguration("irc", false, Permission.allowed, "s3cret"),
                new ExternalComponentConfiguration("bridge", true, Permission.allowed, "s3cret")));
    }

    @AfterEach
    void closeStaticMocks() {
        externalComponents.close();
        internalComponents.close();
    }

    @Test
    void everySourceContributesItsNames() {
        LiveServerDescription live = LiveServerDescription.read(server);

        assertTrue(live.isComplete());
        assertEquals("example.org", live.description().xmppDomain());
        assertEquals("xmpp1.example.org", live.description().hostname());
        assertEquals(List.of("conference.example.org", "httpfileupload.example.org", "proxy.example.org",
                "pubsub.example.org"), live.description().componentDomains());
        // gateway is configured and connected, irc only configured; the wildcard configuration names nothing.
        assertEquals(List.of("gateway.example.org", "irc.example.org"),
                live.description().externalComponentDomains());
    }

    @Test
    void theNamesRequestedFollowTheLiveServer() {
        List<String> requested = NameSelector.select(LiveServerDescription.read(server).description(),
                NamePolicy.DEFAULT).names();

        assertEquals(List.of("example.org", "xmpp1.example.org", "conference.example.org",
                "httpfileupload.example.org", "proxy.example.org", "pubsub.example.org", "gateway.example.org",
                "irc.example.org"), requested);
    }

    @Test
    void theComponentManagersOwnRouteIsNoServiceToCertify() {
        List<String> requested = NameSelector.select(LiveServerDescription.read(server).description(),
                NamePolicy.DEFAULT).names();

        assertFalse(requested.contains("component.example.org"), requested.toString());
    }

    @Test
    void disabledServicesAreLeftOutEvenWhileStillRouted() {
        List<MultiUserChatService> mucServices = List.of(
                mucService("conference.example.org", true), mucService("oldchat.example.org", false));
        when(muc.getMultiUserChatServices()).thenReturn(mucServices);
        when(pubSub.isServiceEnabled()).thenReturn(false);
        when(proxy.isProxyEnabled()).thenReturn(false);
        when(routingTable.getComponentsDomains()).thenReturn(List.of(
                "conference.example.org", "oldchat.example.org", "pubsub.example.org"));

        LiveServerDescription live = LiveServerDescription.read(server);

        assertEquals(List.of("conference.example.org"), live.description().componentDomains());
        assertTrue(live.isComplete());
    }

    @Test
    void externalComponentsCountWhetherConfiguredOrOnlyConnected() {
        externalComponents.when(ExternalComponentManager::getAllowedComponents).thenReturn(List.of());
        // An open (blacklist) policy lets components connect without any configuration.
        List<ComponentSession> sessions = List.of(externalSession("gateway.example.org", "muc.gateway.example.org"));
        when(sessionManager.getComponentSessions()).thenReturn(sessions);
        when(routingTable.getComponentsDomains()).thenReturn(List.of());

        LiveServerDescription live = LiveServerDescription.read(server);

        assertEquals(List.of("gateway.example.org", "muc.gateway.example.org"),
                live.description().externalComponentDomains());
    }

    @Test
    void oneFailingSourceLosesNothingElseAndIsReported() {
        when(muc.getMultiUserChatServices()).thenThrow(new IllegalStateException("MUC module not started"));
        when(serverInfo.getHostname()).thenThrow(new IllegalStateException("no fqdn"));

        LiveServerDescription live = LiveServerDescription.read(server);

        assertFalse(live.isComplete());
        assertEquals(List.of("host name", "MUC services"), live.unreadSources());
        assertEquals("", live.description().hostname());
        // The MUC domain is still known from the routing table; everything else is intact.
        assertEquals(List.of("conference.example.org", "httpfileupload.example.org", "proxy.example.org",
                "pubsub.example.org"), live.description().componentDomains());
        assertEquals(List.of("gateway.example.org", "irc.example.org"),
                live.description().externalComponentDomains());
    }

    @Test
    void aFailingStaticSourceIsReportedToo() {
        externalComponents.when(ExternalComponentManager::getAllowedComponents)
                .thenThrow(new IllegalStateException("database down"));

        LiveServerDescription live = LiveServerDescription.read(server);

        assertEquals(List.of("configured external components"), live.unreadSources());
        assertEquals(List.of("gateway.example.org"), live.description().externalComponentDomains());
    }

    private static MultiUserChatService mucService(String domain, boolean enabled) {
        MultiUserChatService service = mock(MultiUserChatService.class);
        when(service.getServiceDomain()).thenReturn(domain);
        when(service.isServiceEnabled()).thenReturn(enabled);
        return service;
    }

    private static ComponentSession externalSession(String... domains) {
        ComponentSession session = mock(ComponentSession.class);
        ComponentSession.ExternalComponent component = mock(ComponentSession.ExternalComponent.class);
        when(session.getExternalComponent()).thenReturn(component);
        when(component.getSubdomains()).thenReturn(List.of(domains));
        return session;
    }
}
