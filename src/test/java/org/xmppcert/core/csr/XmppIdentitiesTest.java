package org.xmppcert.core.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.xmppcert.core.names.NamePolicy;
import org.xmppcert.core.names.NameSelector;
import org.xmppcert.core.names.ServerDescription;

class XmppIdentitiesTest {

    @Test
    void namesTheDomainAndEveryCertifiedComponentButNeitherHostNameNorWildcard() {
        XmppIdentities identities = XmppIdentities.of(NameSelector.select(
                new ServerDescription("example.org", "xmpp.example.org", List.of("conference", "pubsub"),
                        List.of("gateway")),
                new NamePolicy(Set.of("web.example.org"), Set.of("pubsub.example.org"), true)));

        assertEquals(List.of("example.org", "conference.example.org", "gateway.example.org"),
                identities.xmppAddresses());
        assertEquals(List.of("_xmpp-client.example.org", "_xmpp-server.example.org"), identities.srvNames());
    }

    @Test
    void cannotClaimXmppIdentitiesForADomainThatIsNotCertified() {
        var names = NameSelector.select(new ServerDescription("chat.lan", "", List.of(), List.of()),
                new NamePolicy(Set.of("example.org"), Set.of(), false));

        assertThrows(IllegalArgumentException.class, () -> XmppIdentities.of(names));
    }

    @Test
    void anXmppAddressCannotBeAWildcard() {
        assertThrows(IllegalArgumentException.class,
                () -> new XmppIdentities(List.of("*.example.org"), "example.org"));
    }
}
