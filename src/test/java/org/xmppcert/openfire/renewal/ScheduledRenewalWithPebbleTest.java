package org.xmppcert.openfire.renewal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TimerTask;
import java.util.random.RandomGenerator;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.XMPPServerInfo;
import org.jivesoftware.openfire.admin.AdminManager;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.openfire.security.SecurityAuditManager;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.util.EmailService;
import org.jivesoftware.util.TaskEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;
import org.mockito.invocation.Invocation;
import org.xmppcert.core.acme.AcmeIssuer;
import org.xmppcert.core.acme.AcmeRenewer;
import org.xmppcert.core.acme.AcmeSettings;
import org.xmppcert.core.challenge.StandaloneHttp01Responder;
import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.testing.InMemoryAccountStore;
import org.xmppcert.testing.InMemoryOrderStore;
import org.xmppcert.core.issuance.IssuedCertificate;
import org.xmppcert.core.keys.KeyPolicy;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.core.renewal.ManagedCertificate;
import org.xmppcert.core.renewal.RenewalMaintenance;
import org.xmppcert.core.renewal.RenewalSettings;
import org.xmppcert.testing.AesGcmSealer;
import org.xmppcert.openfire.cluster.ClusterWideInstaller;
import org.xmppcert.openfire.install.CertificateBundle;
import org.xmppcert.openfire.install.InstallOutcome;
import org.xmppcert.openfire.notify.AdminNotifier;
import org.xmppcert.openfire.notify.AuditTrail;
import org.xmppcert.testing.BundleTexts;
import org.xmppcert.testing.InMemoryRenewalStateStore;
import org.xmppcert.testing.Pebble;
import org.xmppcert.testing.InMemoryCertificateHistory;
import org.xmppcert.testing.TestClock;

/**
 * The Openfire side of automatic renewal wired as in the server, against a real Pebble: the
 * scheduler on (a mocked) TaskEngine runs the renewal check, which renews through the ACME engine
 * and installs through the cluster-wide installer; admins are messaged through (a mocked)
 * XMPPServer, and every renewal and failed attempt goes to the history and the security audit log.
 * Each scheduled task is run when the scheduler asked for it, on a hand-moved clock.
 *
 * <p>Pebble dates certificates by the real clock, so after each renewal the clock is set to the
 * new certificate's notBefore, where a CA on the test's clock would have dated it.
 */
class ScheduledRenewalWithPebbleTest {

    private static final Duration LIFETIME = Duration.ofDays(90);
    private static final List<String> NAMES = List.of("xmpp.example.org", "conference.xmpp.example.org");
    private static final RenewalSettings SETTINGS =
            RenewalSettings.defaults(URI.create("https://xmpp.example.org:9091/plugins/certificatemanager/classic.jsp"));
    private static final RandomGenerator NO_JITTER = () -> 0L;

    private final TaskEngine taskEngine = mock(TaskEngine.class);
    private final XMPPServer server = mock(XMPPServer.class);
    private final SecurityAuditManager auditLog = mock(SecurityAuditManager.class);
    private final InMemoryCertificateHistory history = new InMemoryCertificateHistory();
    private final List<CertificateBundle> installed = Collections.synchronizedList(new ArrayList<>());
    private MockedStatic<ClusterManager> cluster;
    private StandaloneHttp01Responder responder;
    private Pebble pebble;
    private AcmeIssuer issuer;
    private TestClock clock;

    @BeforeEach
    void startPebble() throws Exception {
        responder = StandaloneHttp01Responder.start(new InetSocketAddress("127.0.0.1", 0));
        pebble = Pebble.builder().http01Port(responder.address().getPort()).certificateValidityPeriod(LIFETIME).start();
        issuer = AcmeIssuer.builder(AcmeSettings.builder(pebble.directory()).trustAnchor(pebble.trustAnchor())
                        .contactEmail("admin@example.org").termsOfServiceAgreed(true).build())
                .accountStore(new InMemoryAccountStore()).orderStore(new InMemoryOrderStore())
                .sealer(AesGcmSealer.withRandomKey()).http01(responder).build();
        cluster = mockStatic(ClusterManager.class);
        cluster.when(ClusterManager::isClusteringStarted).thenReturn(false);
        cluster.when(ClusterManager::isClusteringStarting).thenReturn(false);
        XMPPServerInfo info = mock(XMPPServerInfo.class);
        when(server.getServerInfo()).thenReturn(info);
        when(info.getXMPPDomain()).thenReturn("xmpp.example.org");
    }

    @AfterEach
    void stopPebble() {
        cluster.close();
        issuer.close();
        pebble.close();
        responder.close();
    }

    @Test
    void renewedOnScheduleAtPebbleThroughAnOutageWithOneMessagePerNewsAndEveryAttemptRecorded() throws Exception {
        IssuedCertificate first = issuer.issue(NAMES, KeyType.EC_P256);
        installed.add(CertificateBundle.of(first.keyPair().getPrivate(), first.chain()));
        clock = new TestClock(first.notBefore());
        AuditTrail audit = new AuditTrail(history, auditLog, () -> "xmpp.example.org", clock);
        AdminNotifier notifier = new AdminNotifier(server, mock(AdminManager.class), mock(UserManager.class),
                mock(EmailService.class), new BundleTexts(), () -> new AdminNotifier.Delivery(true, false, "x@example.org"),
                clock, AdminNotifier.DEFAULT_QUIET_PERIOD);
        ClusterWideInstaller installer = new ClusterWideInstaller((bundle, origin) -> {
            installed.add(bundle);
            return new InstallOutcome(InstallOutcome.Status.INSTALLED, "installed", null, List.of(Path.of("keystore")),
                    List.of(), null, true, Duration.ZERO);
        }, AesGcmSealer.withRandomKey());
        AcmeRenewer renewer = new AcmeRenewer(issuer, new KeyPolicy(KeyType.EC_P256, false), current -> Optional.empty(),
                ManagedCertificate::names,
                audit.recordingRenewals(installer, issued -> "From the ACME CA at " + pebble.directory()));
        RenewalMaintenance maintenance = new RenewalMaintenance(SETTINGS, new InMemoryRenewalStateStore(), renewer,
                event -> {
                    audit.onEvent(event);
                    notifier.onEvent(event);
                }, clock, NO_JITTER);
        RenewalScheduler scheduler = new RenewalScheduler(taskEngine,
                () -> maintenance.check(List.of(managed(inService()))), SETTINGS::checkInterval,
                getClass().getClassLoader(), clock);

        // At start, then every 6 hours, then exactly at the renewal point: renewed at Pebble.
        scheduler.start();
        Instant firstRenewal = thirdOfLifetimeLeft(inService());
        runScheduleUntilInstalled(2, firstRenewal.plus(Duration.ofDays(1)));
        assertEquals(firstRenewal, clock.instant(), "renewed at the renewal point, not at the next 6-hour tick");
        assertEquals(SETTINGS.checkInterval(), lastPeriod());
        List<String> messages = xmppMessages(1);
        assertTrue(messages.get(0).startsWith("Certificate renewed for xmpp.example.org, conference.xmpp.example.org\n"),
                messages.get(0));
        CertificateEvent renewed = history.events().get(0);
        assertEquals(CertificateEventType.RENEWED, renewed.type());
        assertEquals(CertificateEvent.SCHEDULER, renewed.actor());
        assertEquals(inService().leaf().getSerialNumber().toString(16), renewed.certificate().serialNumber());
        verify(auditLog).logEvent(eq("scheduler"),
                eq("Certificate Manager: certificate renewed for xmpp.example.org, conference.xmpp.example.org"), any());

        // The CA goes away before the next renewal point: seven attempts in the quiet period, one message.
        clock.set(inService().leaf().getNotBefore().toInstant());
        scheduler.checkNow();
        Instant secondRenewal = thirdOfLifetimeLeft(inService());
        runScheduleWhileBefore(secondRenewal);
        pebble.stop();
        runScheduleWhileBefore(secondRenewal.plus(AdminNotifier.DEFAULT_QUIET_PERIOD));
        List<CertificateEvent> failures = history.events().stream().filter(e -> e.type() == CertificateEventType.FAILED).toList();
        assertEquals(7, failures.size(), "attempts at 0, 5, 15, 60, 100, 180 and 340 minutes");
        assertTrue(failures.stream().allMatch(e -> e.actor().equals(CertificateEvent.SCHEDULER)));
        verify(auditLog, times(7)).logEvent(eq("scheduler"),
                eq("Certificate Manager: failed for xmpp.example.org, conference.xmpp.example.org"), anyString());
        messages = xmppMessages(2);
        assertTrue(messages.get(1).startsWith("Certificate renewal failed for xmpp.example.org, conference.xmpp.example.org"
                + "\n\nRenewing the certificate for xmpp.example.org, conference.xmpp.example.org failed (first attempt)."
                + "\n\nReason: Certificate request failed"), messages.get(1));
        assertTrue(messages.get(1).contains("The next attempt is at " + utc(secondRenewal.plus(Duration.ofMinutes(5)))),
                messages.get(1));
        assertTrue(scheduledDelays().contains(Duration.ofMinutes(5)), "the first retry is scheduled 5 minutes on");

        // The CA is back: the next scheduled attempt renews, and the admins hear of it.
        pebble.resume();
        runScheduleUntilInstalled(3, inService().leaf().getNotAfter().toInstant());
        messages = xmppMessages(3);
        assertTrue(messages.get(2).startsWith("Certificate renewed for "), messages.get(2));
        assertEquals(CertificateEventType.RENEWED, history.events().get(history.events().size() - 1).type());
    }

    /** Runs each scheduled task when it asked to run, until {@code count} certificates have been installed. */
    private void runScheduleUntilInstalled(int count, Instant deadline) {
        while (installed.size() < count) {
            assertTrue(clock.instant().isBefore(deadline), "not renewed by " + deadline);
            runNextScheduled();
        }
    }

    private void runScheduleWhileBefore(Instant end) {
        while (clock.instant().plus(lastDelay()).isBefore(end)) {
            runNextScheduled();
        }
    }

    private void runNextScheduled() {
        clock.advance(lastDelay());
        lastScheduled().run();
    }

    private TimerTask lastScheduled() {
        ArgumentCaptor<TimerTask> tasks = ArgumentCaptor.forClass(TimerTask.class);
        verify(taskEngine, atLeastOnce()).schedule(tasks.capture(), any(Duration.class), any(Duration.class));
        return tasks.getValue();
    }

    private Duration lastDelay() {
        List<Duration> delays = scheduledDelays();
        return delays.get(delays.size() - 1);
    }

    private Duration lastPeriod() {
        return (Duration) scheduleCalls().get(scheduleCalls().size() - 1).getArgument(2);
    }

    private List<Duration> scheduledDelays() {
        return scheduleCalls().stream().map(call -> (Duration) call.getArgument(1)).toList();
    }

    private List<Invocation> scheduleCalls() {
        return mockingDetails(taskEngine).getInvocations().stream()
                .filter(call -> call.getMethod().getName().equals("schedule")).toList();
    }

    private List<String> xmppMessages(int count) {
        ArgumentCaptor<String> messages = ArgumentCaptor.forClass(String.class);
        verify(server, times(count)).sendMessageToAdmins(messages.capture());
        return messages.getAllValues();
    }

    private CertificateBundle inService() {
        return installed.get(installed.size() - 1);
    }

    private static ManagedCertificate managed(CertificateBundle bundle) {
        return ManagedCertificate.of("xmpp-domain", NAMES, org.xmppcert.core.renewal.IssuanceKind.ACME,
                bundle.leaf().getNotBefore().toInstant(), bundle.leaf().getNotAfter().toInstant());
    }

    private static Instant thirdOfLifetimeLeft(CertificateBundle bundle) {
        Instant notBefore = bundle.leaf().getNotBefore().toInstant();
        Instant notAfter = bundle.leaf().getNotAfter().toInstant();
        return notAfter.minus(Duration.between(notBefore, notAfter).dividedBy(3));
    }

    private static String utc(Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC)
                .format(instant);
    }
}
