package org.xmppcert.openfire.adhoc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jivesoftware.openfire.MessageRouter;
import org.jivesoftware.openfire.SessionManager;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.XMPPServerInfo;
import org.jivesoftware.openfire.admin.AdminManager;
import org.jivesoftware.openfire.commands.AdHocCommandDriver;
import org.jivesoftware.util.LocaleUtils;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;
import org.mockito.Mockito;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmppcert.openfire.service.CertificateService;
import org.xmppcert.testing.PluginTexts;

/**
 * An Openfire server for {@code example.org} around the plugin's commands: admins, the language of
 * each client session, the message router, the security audit log, and the command manager that
 * turns command IQs into calls on the commands ({@link AdHocCommandDriver}). The certificate
 * service is a Mockito mock unless a test hands in its own: these tests are about what the
 * commands ask it and show the admin.
 */
final class CommandHarness implements AutoCloseable {

    static final String DOMAIN = "example.org";
    static final JID SERVER = jid(DOMAIN);
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    record AuditEntry(String username, String summary, String details) {
    }

    final CertificateService service;
    final List<AuditEntry> audit = new ArrayList<>();
    final Set<String> admins = new HashSet<>();
    final Map<JID, Locale> sessionLanguages = new HashMap<>();
    final MessageRouter router = mock(MessageRouter.class);
    final OrderWatcher watcher;
    final AdHocCommandDriver driver;

    private final MockedStatic<LocaleUtils> localeUtils = PluginTexts.answerLocaleUtils();
    private final MockedStatic<XMPPServer> xmppServer = mockStatic(XMPPServer.class);
    private final MockedStatic<AdminManager> adminManager = mockStatic(AdminManager.class);

    CommandHarness() {
        this(mock(CertificateService.class));
    }

    CommandHarness(CertificateService service) {
        this.service = service;
        this.watcher = new OrderWatcher(service);
        XMPPServer server = mock(XMPPServer.class);
        xmppServer.when(XMPPServer::getInstance).thenReturn(server);
        when(server.isLocal(any())).thenAnswer(call -> DOMAIN.equals(call.<JID>getArgument(0).getDomain()));
        XMPPServerInfo info = mock(XMPPServerInfo.class);
        when(info.getXMPPDomain()).thenReturn(DOMAIN);
        when(server.getServerInfo()).thenReturn(info);
        when(server.getMessageRouter()).thenReturn(router);
        SessionManager sessionManager = mock(SessionManager.class);
        when(sessionManager.getLocaleForSession(any())).thenAnswer(call -> sessionLanguages.get(call.<JID>getArgument(0)));
        when(server.getSessionManager()).thenReturn(sessionManager);

        AdminManager adminList = mock(AdminManager.class);
        adminManager.when(AdminManager::getInstance).thenReturn(adminList);
        when(adminList.isUserAdmin(any(JID.class), anyBoolean()))
                .thenAnswer(call -> admins.contains(call.<JID>getArgument(0).toBareJID()));

        AuditLog recorder = (username, summary, details) -> audit.add(new AuditEntry(username, summary, details));
        driver = new AdHocCommandDriver(CertificateCommands.create(service, recorder, watcher,
                Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    CommandReply start(JID from, String name) {
        return new CommandReply(driver.process(AdHocCommandDriver.start(from, SERVER, node(name))));
    }

    CommandReply send(JID from, CommandReply previous, String action, Map<String, List<String>> submitted) {
        IQ request = AdHocCommandDriver.continueSession(from, SERVER, previous.node(), previous.sessionId(), action,
                submitted);
        return new CommandReply(driver.process(request));
    }

    /**
     * A JID as Openfire hands it to the commands: already prepared, as Tinder's packets give out
     * theirs (the stringprep library Tinder would use is not on Maven Central).
     */
    static JID jid(String address) {
        return new JID(address, true);
    }

    static String node(String name) {
        return "urn:xmpp:certificatemanager:" + name;
    }

    /** Every message the commands' watcher sent, in order. */
    List<Message> messagesSent() {
        ArgumentCaptor<Message> sent = ArgumentCaptor.forClass(Message.class);
        Mockito.verify(router, Mockito.atLeast(0)).route(sent.capture());
        return sent.getAllValues();
    }

    @Override
    public void close() {
        adminManager.close();
        xmppServer.close();
        localeUtils.close();
    }
}
