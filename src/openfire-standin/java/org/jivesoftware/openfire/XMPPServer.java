package org.jivesoftware.openfire;

import org.jivesoftware.openfire.commands.AdHocCommandHandler;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.filetransfer.proxy.FileTransferProxy;
import org.jivesoftware.openfire.keystore.CertificateStoreManager;
import org.jivesoftware.openfire.muc.MultiUserChatManager;
import org.jivesoftware.openfire.pubsub.PubSubModule;
import org.xmpp.packet.JID;

/**
 * Stand-in for Openfire's server singleton: only the members the plugin calls, with Openfire 5.x's
 * signatures. Tests replace {@link #getInstance()} with Mockito's {@code mockStatic}.
 */
public class XMPPServer {

    public static XMPPServer getInstance() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /** True from the moment the server begins to stop, before it unloads its plugins. */
    public boolean isShuttingDown() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public XMPPServerInfo getServerInfo() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public PluginManager getPluginManager() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public ConnectionManager getConnectionManager() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /** Sends a chat message to every admin, asynchronously. */
    public java.util.concurrent.Future<?> sendMessageToAdmins(String message) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public CertificateStoreManager getCertificateStoreManager() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public RoutingTable getRoutingTable() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public PubSubModule getPubSubModule() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public SessionManager getSessionManager() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public MultiUserChatManager getMultiUserChatManager() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public FileTransferProxy getFileTransferProxy() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /** Whether the JID is of this server's domain. */
    public boolean isLocal(JID jid) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public MessageRouter getMessageRouter() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public AdHocCommandHandler getAdHocCommandHandler() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
