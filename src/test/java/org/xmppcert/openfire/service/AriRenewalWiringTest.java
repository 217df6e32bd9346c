package org.xmppcert.openfire.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.history.CertificateFacts;
import org.xmppcert.core.issuance.RenewalWindow;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.core.names.CertificateNames;
import org.xmppcert.core.renewal.IssuanceKind;
import org.xmppcert.core.renewal.ManagedCertificate;
import org.xmppcert.core.renewal.RenewalEvent;
import org.xmppcert.core.renewal.RenewalInfoSource;
import org.xmppcert.core.renewal.RenewalMaintenance;
import org.xmppcert.core.renewal.RenewalReason;
import org.xmppcert.core.renewal.RenewalSettings;
import org.xmppcert.testing.InMemoryRenewalStateStore;
import org.xmppcert.testing.TestCertificateAuthority;
import org.xmppcert.testing.TestClock;

/**
 * The CA's renewal window (RFC 9773) from issuance to renewal, through the parts the plugin runs:
 * {@link ManagedCertificates} builds the managed certificate from the history (which keeps the
 * window given at issuance) and the renewal state (which keeps the window last read), the
 * {@link RenewalMaintenance} check asks a {@link RenewalInfoSource} for the current window, and
 * the status page's {@link RenewalStateOutlook} shows the moment drawn.
 *
 * <p>The renewal information source here is a stand-in that answers what the test sets: Pebble 2.4,
 * the only CA the tests can run, offers no renewal information (its directory has no
 * {@code renewalInfo}), so no real CA can give or move a window here. The ACME side of the source,
 * {@code AcmeIssuer.currentRenewalWindow}, is tested against Pebble for the answer "no window".
 */
class AriRenewalWiringTest {

    private static final Instant ISSUED = Instant.parse("2026-03-01T00:00:00Z");
    private static final String DOMAIN = "example.org";
    private static final List<String> NAMES = List.of("example.org", "conference.example.org");
    private static final CertificateNames WANTED = new CertificateNames(DOMAIN, NAMES, List.of(), List.of());
    private static final URI DIRECTORY = URI.create("https://acme.example.com/directory");
    private static final RenewalWindow AT_ISSUANCE =
            new RenewalWindow(ISSUED.plus(Duration.ofDays(60)), ISSUED.plus(Duration.ofDays(62)));
    private static final RenewalWindow MOVED = new RenewalWindow(ISSUED.plus(Duration.ofDays(10)),
            ISSUED.plus(Duration.ofDays(11)), Optional.of(URI.create("https://ca.example.com/incidents/42")));

    private final TestClock clock = new TestClock(ISSUED);
    private final TestCertificateAuthority ca = TestCertificateAuthority.create("ARI", ISSUED);
    private final InMemoryRenewalStateStore states = new InMemoryRenewalStateStore();
    private final List<CertificateEvent> history = new ArrayList<>();
    private final Set<String> serialsInUse = new HashSet<>();
    private final List<RenewalEvent> events = new ArrayList<>();
    private final RenewalStateOutlook outlook = new RenewalStateOutlook(this::managed, states, () -> true, clock);
    private Optional<RenewalWindow> caSays = Optional.empty();
    private boolean caUnreachable;
    private final RenewalInfoSource renewalInfo = certificate -> {
        if (caUnreachable) {
            throw new IllegalStateException("connection refused");
        }
        return caSays;
    };
    private final RenewalMaintenance maintenance = new RenewalMaintenance(RenewalSettings.defaults(
            URI.create("https://xmpp.example.org:9091/classic.jsp")), states, this::renew, renewalInfo, events::add,
            clock, new Random(7));

    @Test
    void theWindowGivenAtIssuanceDecidesAndItsMomentStaysWhileTheCaSaysNothingNewOrCannotBeReached()
            throws InterruptedException {
        install(ISSUED, Optional.of(AT_ISSUANCE));
        assertEquals(Optional.of(AT_ISSUANCE), managed().get(0).ariWindow(), "the history keeps the CA's window");

        Instant moment = momentAfterCheck();
        assertInside(AT_ISSUANCE, moment);
        clock.advance(Duration.ofHours(6));
        assertEquals(moment, momentAfterCheck(), "the CA offers nothing new");
        caUnreachable = true;
        clock.advance(Duration.ofHours(6));
        assertEquals(moment, momentAfterCheck(), "the CA cannot be reached: the check goes on with the window known");

        runUntilRenewed();
        assertEquals(moment, renewed().at(), "renewed at the moment shown");
        assertEquals(RenewalReason.ARI_WINDOW, renewed().reason());
    }

    @Test
    void aWindowTheCaMovesIsReadAtTheNextCheckAndTheRenewalMomentIsRedrawnInsideIt() throws InterruptedException {
        install(ISSUED, Optional.of(AT_ISSUANCE));
        caSays = Optional.of(AT_ISSUANCE);
        Instant first = momentAfterCheck();
        clock.advance(Duration.ofHours(6));
        assertEquals(first, momentAfterCheck(), "the same window keeps its moment");

        caSays = Optional.of(MOVED);
        clock.advance(Duration.ofHours(6));
        Instant redrawn = momentAfterCheck();
        assertInside(MOVED, redrawn);
        assertNotEquals(first, redrawn);
        assertEquals(MOVED.start(), managed().get(0).ariWindow().orElseThrow().start(),
                "the window read is kept in the renewal state, for the status page and later checks");

        // An unreachable CA does not lose it.
        caUnreachable = true;
        clock.advance(Duration.ofHours(6));
        assertEquals(redrawn, momentAfterCheck());

        // Renewing needs the CA, which then also tells the window's explanation again.
        caUnreachable = false;
        runUntilRenewed();
        assertEquals(redrawn, renewed().at());
        assertEquals(MOVED.explanation(), renewed().explanation(), "the admins are told why the CA moved the window");
    }

    @Test
    void withoutAWindowFromTheCaTheCertificateIsRenewedWhenAThirdOfItsLifetimeIsLeft() throws InterruptedException {
        install(ISSUED, Optional.empty());

        runUntilRenewed();

        assertEquals(ISSUED.plus(Duration.ofDays(60)), renewed().at());
        assertEquals(RenewalReason.LIFETIME, renewed().reason());
        assertFalse(managed().get(0).ariWindow().isPresent());
    }

    /** One check as the scheduler runs it, then the moment the status page shows. */
    private Instant momentAfterCheck() throws InterruptedException {
        maintenance.check(managed());
        assertTrue(events.isEmpty(), "not renewed yet: " + events);
        return outlook.nextRenewal().orElseThrow();
    }

    private void runUntilRenewed() throws InterruptedException {
        while (events.isEmpty()) {
            Instant next = maintenance.check(managed());
            assertTrue(next.isAfter(clock.instant()) || !events.isEmpty(), "the next tick lies ahead");
            clock.set(next);
        }
    }

    private RenewalEvent.Renewed renewed() {
        assertEquals(1, events.size(), events.toString());
        return (RenewalEvent.Renewed) events.get(0);
    }

    private List<ManagedCertificate> managed() {
        return ManagedCertificates.of(DOMAIN, history, serialsInUse, WANTED, states.load(DOMAIN));
    }

    /** The renewer of the plugin as far as this test looks: the new certificate installed and in the history. */
    private ManagedCertificate renew(ManagedCertificate current) {
        CertificateFacts installed = install(clock.instant(), Optional.empty());
        return ManagedCertificate.of(current.id(), NAMES, IssuanceKind.ACME, installed.notBefore(), installed.notAfter());
    }

    private CertificateFacts install(Instant notBefore, Optional<RenewalWindow> window) {
        X509Certificate leaf = ca.issue(KeyType.EC_P256.generate().getPublic(), NAMES, notBefore,
                notBefore.plus(Duration.ofDays(90)));
        CertificateFacts facts = CertificateFacts.of(List.of(leaf));
        history.add(0, new CertificateEvent(notBefore, history.isEmpty() ? CertificateEventType.ISSUED
                : CertificateEventType.RENEWED, "admin", NAMES, facts, CertificateOrigin.acme(DIRECTORY, window)
                + "\ninstalled"));
        serialsInUse.clear();
        serialsInUse.add(facts.serialNumber());
        return facts;
    }

    private static void assertInside(RenewalWindow window, Instant moment) {
        assertFalse(moment.isBefore(window.start()) || moment.isAfter(window.end()),
                moment + " lies outside " + window);
    }
}
