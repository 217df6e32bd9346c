package org.xmppcert.core.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class VerificationMailboxesTest {

    @Test
    void registeredDomainGetsTheThreeRfc2142Mailboxes() {
        assertEquals(List.of("hostmaster@example.org", "postmaster@example.org", "webmaster@example.org"),
                VerificationMailboxes.forDomain("example.org"));
    }

    @Test
    void subdomainAlsoGetsTheMailboxesOfItsRegisteredDomain() {
        assertEquals(List.of(
                        "hostmaster@xmpp.example.co.uk", "postmaster@xmpp.example.co.uk", "webmaster@xmpp.example.co.uk",
                        "hostmaster@example.co.uk", "postmaster@example.co.uk", "webmaster@example.co.uk"),
                VerificationMailboxes.forDomain("XMPP.Example.co.uk"));
    }

    @Test
    void wildcardIsValidatedAtTheDomainBelowIt() {
        assertEquals(List.of("hostmaster@example.org", "postmaster@example.org", "webmaster@example.org"),
                VerificationMailboxes.forDomain("*.example.org"));
    }

    @Test
    void nameOutsideAnyPublicSuffixKeepsOnlyItsOwnMailboxes() {
        assertEquals(List.of("hostmaster@chat.corp.internal", "postmaster@chat.corp.internal",
                        "webmaster@chat.corp.internal"),
                VerificationMailboxes.forDomain("chat.corp.internal"));
    }

    @Test
    void namesOfOneRequestShareTheirRegisteredDomainMailboxesOnce() {
        assertEquals(List.of(
                        "hostmaster@example.org", "postmaster@example.org", "webmaster@example.org",
                        "hostmaster@conference.example.org", "postmaster@conference.example.org",
                        "webmaster@conference.example.org"),
                VerificationMailboxes.forNames(List.of("example.org", "conference.example.org")));
    }

    @Test
    void invalidNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> VerificationMailboxes.forDomain("not a domain"));
    }
}
