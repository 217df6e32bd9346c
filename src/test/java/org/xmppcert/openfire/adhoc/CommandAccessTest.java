package org.xmppcert.openfire.adhoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;
import org.xmppcert.openfire.service.CertificateStatus;

/**
 * Only admins see or run the commands: a non-admin gets {@code forbidden}, with nothing in the
 * answer but what it sent, and the service is never asked anything on its behalf.
 */
class CommandAccessTest {

    private static final JID ADMIN = CommandHarness.jid("admin@example.org/Gajim");
    private static final JID USER = CommandHarness.jid("mallory@example.org/Psi+");
    private static final List<String> NAMES = List.of("status", "request", "confirm-dns", "classic-answer", "revoke",
            "history");

    private final CommandHarness server = new CommandHarness();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void serviceDiscoveryListsTheCommandsToAdminsOnly() {
        server.admins.add("admin@example.org");

        assertEquals(Map.of(
                        CommandHarness.node("status"), "Certificate status",
                        CommandHarness.node("request"), "Request or renew the certificate",
                        CommandHarness.node("confirm-dns"), "Confirm DNS records are in place",
                        CommandHarness.node("classic-answer"), "Hand in the CA's certificate",
                        CommandHarness.node("revoke"), "Revoke a certificate",
                        CommandHarness.node("history"), "Certificate history"),
                server.driver.discoverableCommands(ADMIN));
        assertEquals(Map.of(), server.driver.discoverableCommands(USER));
    }

    @Test
    void aNonAdminIsForbiddenEveryCommandAndLearnsNothing() {
        server.admins.add("admin@example.org");
        for (String name : NAMES) {
            CommandReply reply = server.start(USER, name);

            assertTrue(reply.isError(), name);
            assertEquals(PacketError.Condition.forbidden, reply.error(), name);
            assertEquals("<command xmlns=\"http://jabber.org/protocol/commands\" node=\"" + CommandHarness.node(name)
                    + "\" action=\"execute\"/>", reply.command().asXML(), "the answer adds nothing to the request");
        }
        verifyNoInteractions(server.service);
        assertEquals(List.of(), server.audit);
        assertEquals(0, server.driver.openSessions());
    }

    @Test
    void anAdminOfAnotherDomainIsRecordedByBareJid() {
        server.admins.add("ops@other.example");
        when(server.service.status()).thenReturn(new CertificateStatus("example.org", List.of("example.org"), List.of(),
                Optional.empty(), Optional.empty(), List.of()));

        server.start(CommandHarness.jid("ops@other.example/laptop"), "status");

        assertEquals(new CommandHarness.AuditEntry("ops@other.example",
                "Certificate Manager command status by ops@other.example", "status shown"), server.audit.get(0));
    }
}
