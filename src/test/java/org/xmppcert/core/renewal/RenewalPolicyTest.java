package org.xmppcert.core.renewal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.xmppcert.core.issuance.RenewalWindow;
import org.xmppcert.testing.TestClock;

class RenewalPolicyTest {

    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");

    private final TestClock clock = new TestClock(ISSUED);
    private final RenewalPolicy policy = new RenewalPolicy(clock, new Random(42));

    @Test
    void ninetyDayCertificateIsRenewedWhenThirtyDaysRemain() {
        ManagedCertificate certificate = acme(Duration.ofDays(90));

        RenewalDecision atIssuance = policy.decide(certificate, Optional.empty());
        assertFalse(atIssuance.due());
        assertEquals(day(60), atIssuance.at());
        assertEquals(RenewalReason.LIFETIME, atIssuance.reason());

        clock.set(day(60).minusSeconds(1));
        assertFalse(policy.decide(certificate, Optional.empty()).due());
        clock.set(day(60));
        RenewalDecision atDaySixty = policy.decide(certificate, Optional.empty());
        assertTrue(atDaySixty.due());
        assertEquals(RenewalReason.LIFETIME, atDaySixty.reason());
    }

    @Test
    void sixDayCertificateIsRenewedWhenTwoDaysRemain() {
        ManagedCertificate certificate = acme(Duration.ofDays(6));

        assertEquals(day(4), policy.decide(certificate, Optional.empty()).at());
        clock.set(day(4));
        assertTrue(policy.decide(certificate, Optional.empty()).due());
    }

    @Test
    void ariMomentLiesInTheWindowAndStaysTheSameAcrossChecks() {
        RenewalWindow window = new RenewalWindow(day(50), day(55));
        ManagedCertificate certificate = acme(Duration.ofDays(90)).withAriWindow(window);

        RenewalDecision first = policy.decide(certificate, Optional.empty());
        Instant moment = first.at();
        assertEquals(RenewalReason.ARI_WINDOW, first.reason());
        assertFalse(moment.isBefore(window.start()) || moment.isAfter(window.end()), moment + " outside " + window);
        assertEquals(Optional.of(new AriChoice(day(50), day(55), moment)), first.ariChoice());

        Optional<AriChoice> kept = first.ariChoice();
        for (int check = 1; check <= 100; check++) {
            clock.set(ISSUED.plus(Duration.ofHours(6L * check)));
            RenewalDecision later = policy.decide(certificate, kept);
            assertEquals(moment, later.at(), "check " + check);
            kept = later.ariChoice();
        }
    }

    @Test
    void aFreshDrawAtEachCheckWouldMoveTheMoment() {
        ManagedCertificate certificate = acme(Duration.ofDays(90)).withAriWindow(new RenewalWindow(day(50), day(55)));

        Set<Instant> moments = new HashSet<>();
        for (int check = 0; check < 10; check++) {
            moments.add(policy.decide(certificate, Optional.empty()).at());
        }

        assertEquals(10, moments.size(), "without the kept choice every check draws anew");
    }

    @Test
    void ariMomentIsDrawnAgainWhenTheCaMovesTheWindow() {
        ManagedCertificate certificate = acme(Duration.ofDays(90)).withAriWindow(new RenewalWindow(day(50), day(55)));
        Optional<AriChoice> kept = policy.decide(certificate, Optional.empty()).ariChoice();

        RenewalWindow moved = new RenewalWindow(day(20), day(21));
        RenewalDecision decision = policy.decide(certificate.withAriWindow(moved), kept);

        assertFalse(decision.at().isBefore(day(20)) || decision.at().isAfter(day(21)), decision.at().toString());
        assertEquals(Optional.of(new AriChoice(day(20), day(21), decision.at())), decision.ariChoice());
    }

    @Test
    void ariMomentsSpreadOverTheWholeWindow() {
        RenewalWindow window = new RenewalWindow(day(50), day(60));
        ManagedCertificate certificate = acme(Duration.ofDays(90)).withAriWindow(window);

        int firstTenth = 0;
        int lastTenth = 0;
        for (int draw = 0; draw < 1000; draw++) {
            Instant moment = policy.decide(certificate, Optional.empty()).at();
            assertFalse(moment.isBefore(day(50)) || moment.isAfter(day(60)));
            firstTenth += moment.isBefore(day(51)) ? 1 : 0;
            lastTenth += moment.isAfter(day(59)) ? 1 : 0;
        }

        assertTrue(firstTenth > 50 && firstTenth < 150, "first tenth of the window drew " + firstTenth);
        assertTrue(lastTenth > 50 && lastTenth < 150, "last tenth of the window drew " + lastTenth);
    }

    @Test
    void windowEntirelyInThePastMeansRenewNow() {
        clock.set(day(30));
        ManagedCertificate certificate = acme(Duration.ofDays(90))
                .withAriWindow(new RenewalWindow(day(10), day(12)));

        RenewalDecision decision = policy.decide(certificate, Optional.empty());

        assertTrue(decision.due());
        assertEquals(day(30), decision.at());
        assertEquals(RenewalReason.ARI_WINDOW, decision.reason());
    }

    @Test
    void windowReachingPastExpiryIsIgnoredSoRenewalIsNeverScheduledAfterExpiry() {
        ManagedCertificate certificate = acme(Duration.ofDays(90))
                .withAriWindow(new RenewalWindow(day(85), day(95)));

        RenewalDecision decision = policy.decide(certificate, Optional.empty());

        assertEquals(day(60), decision.at());
        assertEquals(RenewalReason.LIFETIME, decision.reason());
    }

    @Test
    void certificateNoLongerCoveringTheNamesIsRenewedAtOnce() {
        clock.set(day(3));
        ManagedCertificate certificate = acme(Duration.ofDays(90))
                .withAriWindow(new RenewalWindow(day(50), day(55)))
                .withCoversRequiredNames(false);

        RenewalDecision decision = policy.decide(certificate, Optional.empty());

        assertTrue(decision.due());
        assertEquals(day(3), decision.at());
        assertEquals(RenewalReason.NAMES_NOT_COVERED, decision.reason());
    }

    @Test
    void revokedCertificateIsRenewedAtOnce() {
        clock.set(day(3));
        RenewalDecision decision = policy.decide(acme(Duration.ofDays(90)).withRevoked(true), Optional.empty());

        assertTrue(decision.due());
        assertEquals(RenewalReason.REVOKED, decision.reason());
    }

    @Test
    void expiredCertificateIsRenewedAtOnce() {
        clock.set(day(91));
        RenewalDecision decision = policy.decide(acme(Duration.ofDays(90)), Optional.empty());

        assertTrue(decision.due());
        assertEquals(day(91), decision.at());
        assertEquals(RenewalReason.EXPIRED, decision.reason());
    }

    private static ManagedCertificate acme(Duration lifetime) {
        return ManagedCertificate.of("xmpp", List.of("example.org"), IssuanceKind.ACME, ISSUED, ISSUED.plus(lifetime));
    }

    private static Instant day(int day) {
        return ISSUED.plus(Duration.ofDays(day));
    }
}
