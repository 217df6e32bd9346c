package org.xmppcert.openfire.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.XMPPServerInfo;
import org.jivesoftware.openfire.admin.AdminManager;
import org.jivesoftware.openfire.user.User;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.openfire.user.UserNotFoundException;
import org.jivesoftware.util.EmailService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.xmpp.packet.JID;
import org.xmppcert.core.renewal.IssuanceKind;
import org.xmppcert.core.renewal.ManagedCertificate;
import org.xmppcert.core.renewal.RenewalEvent;
import org.xmppcert.core.renewal.RenewalFailure;
import org.xmppcert.core.renewal.RenewalMaintenance;
import org.xmppcert.core.renewal.RenewalReason;
import org.xmppcert.core.renewal.RenewalSettings;
import org.xmppcert.testing.BundleTexts;
import org.xmppcert.testing.InMemoryRenewalStateStore;
import org.xmppcert.testing.TestClock;

/** What the admins receive, on which channel, and how often. */
class AdminNotifierTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final List<String> NAMES = List.of("example.org", "conference.example.org");
    private static final URI WIZARD = URI.create("https://xmpp.example.org:9091/plugins/certificatemanager/classic.jsp");

    private final TestClock clock = new TestClock(START);
    private final XMPPServer server = mock(XMPPServer.class);
    private final AdminManager admins = mock(AdminManager.class);
    private final UserManager users = mock(UserManager.class);
    private final EmailService email = mock(EmailService.class);
    private AdminNotifier.Delivery delivery = new AdminNotifier.Delivery(true, true, "xmpp-certificates@example.org");
    private AdminNotifier notifier;

    @BeforeEach
    void aServerWithThreeAdmins() throws UserNotFoundException {
        XMPPServerInfo info = mock(XMPPServerInfo.class);
        when(server.getServerInfo()).thenReturn(info);
        when(info.getXMPPDomain()).thenReturn("example.org");
        when(admins.getAdminAccounts()).thenReturn(List.of(jid("alice", "example.org"), jid("bob", "example.org"),
                jid("alice", "partner.example.net")));
        User alice = user("Alice Admin", "alice@mail.example.org");
        User bob = user(null, null);
        when(users.getUser("alice")).thenReturn(alice);
        when(users.getUser("bob")).thenReturn(bob);
        notifier = new AdminNotifier(server, admins, users, email, new BundleTexts(), () -> delivery, clock,
                AdminNotifier.DEFAULT_QUIET_PERIOD);
    }

    @Test
    void aFailureSaysWhatWhyWhatToDoAndWhenTheNextAttemptIs() {
        notifier.onEvent(failed("The CA at https://acme.example/directory did not answer: connection refused", 2,
                START.plus(Duration.ofMinutes(10))));

        String message = theOnlyXmppMessage();
        assertEquals("""
                Certificate renewal failed for example.org, conference.example.org

                Renewing the certificate for example.org, conference.example.org failed (attempt 2 in a row).

                Reason: The CA at https://acme.example/directory did not answer: connection refused

                What to do: Check that the server can reach the CA over HTTPS (firewall, proxy).

                The next attempt is at 2026-03-01 10:10 UTC. Until then the current certificate stays in service; \
                it expires at 2026-03-31 10:00 UTC (30 days from now).""", message);
    }

    @Test
    void theSameOutageWordedDifferentlyIsOneMessageButAnotherKindOfFailureIsNews() {
        notifier.onEvent(failed("Certificate request failed (network): the CA could not be reached (io: Idle connection closed)",
                1, START.plus(Duration.ofMinutes(5))));
        clock.advance(Duration.ofMinutes(5));
        notifier.onEvent(failed("Certificate request failed (network): the CA could not be reached (connect)", 2,
                START.plus(Duration.ofMinutes(15))));
        assertEquals(1, xmppMessages(1).size(), "a new wording of the same outage is not news");

        clock.advance(Duration.ofMinutes(10));
        notifier.onEvent(new RenewalEvent.Failed("example.org", NAMES, clock.instant(), "Too many certificates",
                "Wait until the CA's limit resets.", 3, START.plus(Duration.ofHours(3)), START.plus(Duration.ofDays(30))));
        assertTrue(xmppMessages(2).get(1).contains("Too many certificates"), "a rate limit is another failure");
    }

    @Test
    void aBurstOfTheSameFailureFromRealRenewalMaintenanceIsOneMessageUntilTheQuietPeriodHasPassed() throws Exception {
        RenewalSettings settings = RenewalSettings.defaults(WIZARD);
        InMemoryRenewalStateStore states = new InMemoryRenewalStateStore();
        RenewalMaintenance maintenance = new RenewalMaintenance(settings, states, current -> {
            throw new RenewalFailure("The CA at https://acme.example/directory did not answer: connection refused",
                    "Check that the server can reach the CA over HTTPS (firewall, proxy).", null, null);
        }, notifier, clock, RandomGenerator.of("L64X128MixRandom"));
        // Due for renewal: a third of its life is left.
        ManagedCertificate certificate = ManagedCertificate.of("example.org", NAMES, IssuanceKind.ACME,
                START.minus(Duration.ofDays(60)), START.plus(Duration.ofDays(30)));

        Instant quietPeriodEnds = START.plus(AdminNotifier.DEFAULT_QUIET_PERIOD);
        int attempts = 0;
        while (clock.instant().isBefore(quietPeriodEnds)) {
            clock.set(maintenance.check(List.of(certificate)));
            attempts++;
        }

        assertTrue(attempts >= 5, "retries every few minutes, doubling: " + attempts + " attempts in 6 hours");
        verify(server, times(1)).sendMessageToAdmins(anyString());
        verify(email, times(1)).sendMessage(any(), any(), any(), any(), any(), any(), any());

        maintenance.check(List.of(certificate));
        verify(server, times(2)).sendMessageToAdmins(anyString());
        assertEquals(attempts + 1, states.load("example.org").orElseThrow().consecutiveFailures());
    }

    @Test
    void aDifferentFailureIsNewsAndIsSent() {
        notifier.onEvent(failed("The CA did not answer", 1, START.plus(Duration.ofMinutes(5))));
        clock.advance(Duration.ofMinutes(5));
        notifier.onEvent(new RenewalEvent.Failed("example.org", NAMES, clock.instant(), "The CA refused the order: rateLimited",
                "Wait until the CA's limit resets.", 2, START.plus(Duration.ofHours(1)), START.plus(Duration.ofDays(30))));

        verify(server, times(2)).sendMessageToAdmins(anyString());
    }

    @Test
    void eachExpiryThresholdIsItsOwnMessageWithTheLastErrorAndAdvice() {
        notifier.onEvent(new RenewalEvent.ExpiryWarning("example.org", NAMES, START, 14, START.plus(Duration.ofDays(14)),
                "The CA did not answer", "Check outgoing HTTPS."));
        notifier.onEvent(new RenewalEvent.ExpiryWarning("example.org", NAMES, START, 7, START.plus(Duration.ofDays(7)),
                "The CA did not answer", "Check outgoing HTTPS."));
        notifier.onEvent(new RenewalEvent.ExpiryWarning("example.org", NAMES, START, 1, START.plus(Duration.ofDays(1)),
                "The CA did not answer", "Check outgoing HTTPS."));

        List<String> messages = xmppMessages(3);
        assertTrue(messages.get(0).startsWith(
                "Certificate for example.org, conference.example.org expires in 14 days and is not renewed\n"), messages.get(0));
        assertTrue(messages.get(1).contains("expires at 2026-03-08 10:00 UTC, 7 days from now or sooner"), messages.get(1));
        assertTrue(messages.get(2).startsWith("Certificate for example.org, conference.example.org expires in 1 day and"),
                messages.get(2));
        assertTrue(messages.get(2).contains("Last error: The CA did not answer\n\nWhat to do: Check outgoing HTTPS."),
                messages.get(2));
    }

    @Test
    void aClassicReminderLinksTheWizardAndSaysTheSavedCsrCanBeReused() {
        notifier.onEvent(new RenewalEvent.ClassicReminder("example.org", NAMES, START, 14,
                START.plus(Duration.ofDays(13)), WIZARD));

        String message = theOnlyXmppMessage();
        assertTrue(message.startsWith("Certificate for example.org, conference.example.org must be renewed at its CA:"
                + " 14 days left\n"), message);
        assertTrue(message.contains("Renew it in the admin console at " + WIZARD + ": the saved certificate signing"
                + " request (CSR) can be reused, so only the CA's steps remain"), message);
    }

    @Test
    void aRenewalSaysWhyAndUntilWhenAndPassesOnTheCasExplanation() {
        notifier.onEvent(new RenewalEvent.Renewed("example.org", NAMES, START, RenewalReason.ARI_WINDOW,
                Optional.of(URI.create("https://acme.example/incident/42")), START.plus(Duration.ofDays(90))));

        assertEquals("""
                Certificate renewed for example.org, conference.example.org

                The certificate for example.org, conference.example.org was renewed because the CA's suggested \
                renewal window has been reached. The new certificate is installed and valid until 2026-05-30 10:00 UTC. \
                Nothing needs to be done.

                The CA asked for this renewal; its explanation: https://acme.example/incident/42""", theOnlyXmppMessage());
    }

    @Test
    void emailGoesToEveryAdminOfThisServerWithAnAddressFromTheConfiguredSender() {
        notifier.onEvent(failed("The CA did not answer", 1, START.plus(Duration.ofMinutes(5))));

        ArgumentCaptor<String> body = ArgumentCaptor.forClass(String.class);
        verify(email).sendMessage(eq("Alice Admin"), eq("alice@mail.example.org"), eq("Openfire Certificate Manager"),
                eq("xmpp-certificates@example.org"), eq("Certificate renewal failed for example.org, conference.example.org"),
                body.capture(), isNull());
        assertTrue(body.getValue().contains("Reason: The CA did not answer"), body.getValue());
        verify(email, times(1)).sendMessage(any(), any(), any(), any(), any(), any(), any());
    }

    @Test
    void eachChannelIsSwitchedOnItsOwn() {
        delivery = new AdminNotifier.Delivery(false, true, "xmpp-certificates@example.org");
        notifier.onEvent(failed("first", 1, START.plus(Duration.ofMinutes(5))));
        verify(server, never()).sendMessageToAdmins(anyString());
        verify(email, times(1)).sendMessage(any(), any(), any(), any(), any(), any(), any());

        delivery = new AdminNotifier.Delivery(true, false, "xmpp-certificates@example.org");
        notifier.onEvent(new RenewalEvent.Failed("example.org", NAMES, clock.instant(), "second", "Another kind of failure.",
                2, START.plus(Duration.ofMinutes(15)), START.plus(Duration.ofDays(30))));
        verify(server, times(1)).sendMessageToAdmins(anyString());
        verify(email, times(1)).sendMessage(any(), any(), any(), any(), any(), any(), any());
    }

    @Test
    void anInstallersReportIsSentOnceWithItsFirstLineAsSubject() {
        String report = "Certificate Manager: the new certificate for example.org was not installed.\n"
                + "After the install, not every listener presented the new certificate.";
        notifier.tell(report);
        notifier.tell(report);

        verify(email).sendMessage(eq("Alice Admin"), eq("alice@mail.example.org"), any(), any(),
                eq("Certificate Manager: the new certificate for example.org was not installed."),
                eq("After the install, not every listener presented the new certificate."), isNull());
        // The XMPP message names the failure once, then why.
        verify(server, times(1)).sendMessageToAdmins("Certificate Manager: the new certificate for example.org"
                + " was not installed.\n\nAfter the install, not every listener presented the new certificate.");
    }

    private RenewalEvent.Failed failed(String reason, int failures, Instant next) {
        return new RenewalEvent.Failed("example.org", NAMES, clock.instant(), reason,
                "Check that the server can reach the CA over HTTPS (firewall, proxy).", failures, next,
                START.plus(Duration.ofDays(30)));
    }

    private String theOnlyXmppMessage() {
        return xmppMessages(1).get(0);
    }

    private List<String> xmppMessages(int count) {
        ArgumentCaptor<String> messages = ArgumentCaptor.forClass(String.class);
        verify(server, times(count)).sendMessageToAdmins(messages.capture());
        return messages.getAllValues();
    }

    /** Already prepared: stringprep (libidn) is not on Maven Central. */
    private static JID jid(String node, String domain) {
        return new JID(node, domain, null, true);
    }

    private static User user(String name, String address) {
        User user = mock(User.class);
        when(user.getName()).thenReturn(name);
        when(user.getEmail()).thenReturn(address);
        return user;
    }
}
