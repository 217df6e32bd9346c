package org.xmppcert.core.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xmppcert.core.names.RejectedName.Reason;

class NameSelectorTest {

    private static final ServerDescription SERVER = new ServerDescription("example.org", "xmpp.example.org",
            List.of("conference.example.org", "pubsub"), List.of("gateway"));

    private static CertificateNames select(ServerDescription server, NamePolicy policy) {
        return NameSelector.select(server, policy);
    }

    private static CertificateNames include(String... names) {
        return select(ServerDescription.of("example.org", ""), new NamePolicy(ordered(names), Set.of(), false));
    }

    /** Set.of has no order; the admin's order is kept, so tests give one. */
    private static Set<String> ordered(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }

    @Test
    void certifiesDomainFirstThenHostNameAndEveryComponent() {
        CertificateNames names = select(SERVER, NamePolicy.DEFAULT);

        assertEquals(List.of("example.org", "xmpp.example.org", "conference.example.org",
                "pubsub.example.org", "gateway.example.org"), names.names());
        assertEquals(List.of(), names.rejected());
        assertEquals(List.of("example.org", "conference.example.org", "pubsub.example.org",
                "gateway.example.org"), names.xmppServices());
        assertFalse(names.requiresDns01());
    }

    @ParameterizedTest
    @CsvSource({
            "localhost, PRIVATE_NAME",
            "db.localhost, PRIVATE_NAME",
            "printer.local, PRIVATE_NAME",
            "vault.internal, PRIVATE_NAME",
            "nas.lan, PRIVATE_NAME",
            "router.home.arpa, PRIVATE_NAME",
            "example.invalid, PRIVATE_NAME",
            "chat.test, PRIVATE_NAME",
            "192.168.1.10, IP_ADDRESS",
            "::1, IP_ADDRESS",
            "[2001:db8::1], IP_ADDRESS",
            "myhost, SINGLE_LABEL",
            "example.zz, NOT_UNDER_PUBLIC_SUFFIX",
            "example.123, NOT_UNDER_PUBLIC_SUFFIX",
            "co.uk, PUBLIC_SUFFIX",
            "*.co.uk, PUBLIC_SUFFIX",
            "com, PUBLIC_SUFFIX",
            "*.com, PUBLIC_SUFFIX",
            "bad_name.example.org, INVALID_SYNTAX",
            "-dash.example.org, INVALID_SYNTAX",
            "a..example.org, INVALID_SYNTAX",
            "ab--cd.example.org, INVALID_SYNTAX",
            "a*.example.org, INVALID_SYNTAX",
            "stra\u00dfe.de, AMBIGUOUS_IDN",
    })
    void reportsNamesAPublicCaRefusesInsteadOfRequestingThem(String name, Reason reason) {
        CertificateNames names = include(name);

        assertEquals(List.of("example.org"), names.names());
        assertEquals(1, names.rejected().size(), names.rejected()::toString);
        assertEquals(reason, names.rejected().get(0).reason());
    }

    @Test
    void aPrivateHostNameIsReportedWithAReadableReasonAndTheRestIsStillCertified() {
        CertificateNames names = select(new ServerDescription("example.org", "localhost",
                List.of("conference"), List.of()), NamePolicy.DEFAULT);

        assertEquals(List.of("example.org", "conference.example.org"), names.names());
        RejectedName rejected = names.rejected().get(0);
        assertEquals(new RejectedName("localhost", Reason.PRIVATE_NAME), rejected);
        assertTrue(rejected.explanation().startsWith("localhost is a local or reserved name"), rejected.explanation());
    }

    @Test
    void labelsLongerThan63AndNamesLongerThan253CharactersAreInvalid() {
        String longLabel = "a".repeat(64) + ".example.org";
        String longName = ("a".repeat(60) + ".").repeat(4) + "example.org";

        CertificateNames names = include(longLabel, longName, "a".repeat(63) + ".example.org");

        assertEquals(List.of("example.org", "a".repeat(63) + ".example.org"), names.names());
        assertEquals(List.of(new RejectedName(longLabel, Reason.INVALID_SYNTAX),
                new RejectedName(longName, Reason.INVALID_SYNTAX)), names.rejected());
    }

    @Test
    void exclusionsWinOverIncludesAndDerivedNamesWhateverTheirSpelling() {
        CertificateNames names = select(SERVER, new NamePolicy(ordered("web.example.org", "chat.example.net"),
                Set.of("Web.Example.ORG.", "CONFERENCE.example.org", "xmpp.example.org"), false));

        assertEquals(List.of("example.org", "pubsub.example.org", "gateway.example.org", "chat.example.net"),
                names.names());
        assertEquals(List.of(new RejectedName("xmpp.example.org", Reason.EXCLUDED),
                new RejectedName("conference.example.org", Reason.EXCLUDED),
                new RejectedName("web.example.org", Reason.EXCLUDED)), names.rejected());
        assertFalse(names.xmppServices().contains("conference.example.org"));
    }

    @Test
    void anExcludedInvalidNameIsReportedAsExcluded() {
        CertificateNames names = select(ServerDescription.of("example.org", "192.168.1.10"),
                new NamePolicy(Set.of(), Set.of("192.168.1.10"), false));

        assertEquals(List.of(new RejectedName("192.168.1.10", Reason.EXCLUDED)), names.rejected());
    }

    @Test
    void wildcardReplacesNamesOneLabelBelowTheDomainButKeepsTheDomainAndDeeperNames() {
        CertificateNames names = select(new ServerDescription("example.org", "xmpp.example.org",
                        List.of("conference", "upload.files.example.org"), List.of("gateway.example.net")),
                new NamePolicy(Set.of("web.example.org"), Set.of(), true));

        assertEquals(List.of("example.org", "*.example.org", "upload.files.example.org", "gateway.example.net"),
                names.names());
        assertTrue(names.requiresDns01());
        assertEquals(List.of("example.org", "conference.example.org", "upload.files.example.org",
                "gateway.example.net"), names.xmppServices(), "components under the wildcard are still served");
    }

    @Test
    void excludingTheWildcardTurnsItOff() {
        CertificateNames names = select(SERVER, new NamePolicy(Set.of(), Set.of("*.EXAMPLE.org"), true));

        assertEquals(List.of("example.org", "xmpp.example.org", "conference.example.org",
                "pubsub.example.org", "gateway.example.org"), names.names());
        assertEquals(List.of(new RejectedName("*.example.org", Reason.EXCLUDED)), names.rejected());
        assertFalse(names.requiresDns01());
    }

    @Test
    void aWildcardForAPrivateDomainIsRefusedLikeTheDomain() {
        CertificateNames names = select(new ServerDescription("chat.lan", "", List.of("conference"), List.of()),
                new NamePolicy(Set.of(), Set.of(), true));

        assertTrue(names.isEmpty());
        assertFalse(names.requiresDns01());
        assertEquals(List.of(new RejectedName("chat.lan", Reason.PRIVATE_NAME),
                new RejectedName("*.chat.lan", Reason.PRIVATE_NAME),
                new RejectedName("conference.chat.lan", Reason.PRIVATE_NAME)), names.rejected());
        assertEquals(List.of(), names.xmppServices());
    }

    @Test
    void internationalizedNamesAreRequestedAsALabelsAndCountOnce() {
        CertificateNames names = select(new ServerDescription("B\u00fccher.example", "xmpp.b\u00fccher.de",
                        List.of("konferenz"), List.of()),
                new NamePolicy(Set.of("xn--bcher-kva.de", "b\u00fccher.de"), Set.of(), false));

        assertEquals(List.of("xmpp.xn--bcher-kva.de", "xn--bcher-kva.de"), names.names());
        assertEquals(List.of(new RejectedName("xn--bcher-kva.example", Reason.PRIVATE_NAME),
                new RejectedName("konferenz.xn--bcher-kva.example", Reason.PRIVATE_NAME)), names.rejected());
    }

    @Test
    void anInternationalizedDomainAndItsComponentsAreNormalizedTogether() {
        CertificateNames names = select(new ServerDescription("b\u00fccher.de", "", List.of("konferenz"),
                List.of()), NamePolicy.DEFAULT);

        assertEquals(List.of("xn--bcher-kva.de", "konferenz.xn--bcher-kva.de"), names.names());
        assertEquals("xn--bcher-kva.de", names.xmppDomain());
    }

    @Test
    void duplicatesInAnyCaseOrWithATrailingDotAreRequestedOnce() {
        CertificateNames names = select(new ServerDescription("Example.ORG.", "example.org",
                        List.of("conference", "Conference.Example.Org"), List.of("conference")),
                new NamePolicy(Set.of("CONFERENCE.example.org.", "example.org"), Set.of(), false));

        assertEquals(List.of("example.org", "conference.example.org"), names.names());
        assertEquals(List.of("example.org", "conference.example.org"), names.xmppServices());
        assertEquals(List.of(), names.rejected());
    }

    @Test
    void aRejectedNameIsReportedOnceEvenIfTheServerAnswersToItTwice() {
        CertificateNames names = select(new ServerDescription("example.org", "myhost",
                List.of(), List.of()), new NamePolicy(Set.of("MyHost."), Set.of(), false));

        assertEquals(List.of(new RejectedName("myhost", Reason.SINGLE_LABEL)), names.rejected());
    }
}
