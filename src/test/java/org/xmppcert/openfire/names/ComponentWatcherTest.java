package org.xmppcert.openfire.names;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmppcert.core.names.NamePolicy;
import org.xmppcert.core.names.NameSelector;
import org.xmppcert.core.names.ServerDescription;

class ComponentWatcherTest {

    private static final Duration QUIET = Duration.ofSeconds(30);

    private final ManualScheduler scheduler = new ManualScheduler();
    /** The components the server answers to; the test adds to it as a server would. */
    private final List<String> components = new CopyOnWriteArrayList<>(List.of("conference.example.org"));
    /** The dNSName entries of the certificate in use. */
    private final List<String> certificateNames = new ArrayList<>(List.of("example.org", "conference.example.org"));
    private final List<Set<String>> reports = new CopyOnWriteArrayList<>();
    private NamePolicy policy = NamePolicy.DEFAULT;

    private final ComponentWatcher watcher = new ComponentWatcher(
            () -> NameSelector.select(new ServerDescription("example.org", "", components, List.of()), policy),
            () -> certificateNames, () -> QUIET, scheduler, reports::add);

    @Test
    void threeComponentsWithinTheQuietPeriodMakeOneReportWithAllTheirNames() {
        register("pubsub.example.org");
        scheduler.advance(Duration.ofSeconds(20));
        register("proxy.example.org");
        scheduler.advance(Duration.ofSeconds(20));
        register("httpfileupload.example.org");
        scheduler.advance(Duration.ofSeconds(29));
        assertEquals(List.of(), reports, "reported before the quiet period after the last change ended");

        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(List.of(Set.of("pubsub.example.org", "proxy.example.org", "httpfileupload.example.org")),
                reports);
        scheduler.advance(Duration.ofHours(1));
        assertEquals(1, reports.size());
    }

    @Test
    void theReportListsNamesInRequestOrder() {
        register("pubsub.example.org");
        register("muc.example.org");
        scheduler.advance(QUIET);

        assertEquals(List.of("pubsub.example.org", "muc.example.org"), List.copyOf(reports.get(0)));
    }

    @Test
    void aComponentTheCertificateAlreadyCoversReportsNothing() {
        certificateNames.add("*.example.org");
        register("pubsub.example.org");
        watcher.componentRegistered(jid("conference.example.org"));
        scheduler.advance(Duration.ofHours(1));

        assertEquals(List.of(), reports);
        assertEquals(0, scheduler.pending());
    }

    @Test
    void aComponentThatLeavesWithinTheQuietPeriodReportsNothing() {
        register("pubsub.example.org");
        scheduler.advance(Duration.ofSeconds(10));
        components.remove("pubsub.example.org");
        watcher.componentUnregistered(jid("pubsub.example.org"));
        scheduler.advance(Duration.ofHours(1));

        assertEquals(List.of(), reports);
    }

    @Test
    void componentInformationRestartsTheQuietPeriod() {
        register("pubsub.example.org");
        scheduler.advance(Duration.ofSeconds(25));
        watcher.componentInfoReceived(new IQ(IQ.Type.result));
        scheduler.advance(Duration.ofSeconds(25));
        assertEquals(List.of(), reports);

        scheduler.advance(Duration.ofSeconds(5));
        assertEquals(List.of(Set.of("pubsub.example.org")), reports);
    }

    @Test
    void aNameTheAdminExcludedIsNotReported() {
        policy = new NamePolicy(Set.of(), Set.of("pubsub.example.org"), false);
        register("pubsub.example.org");
        scheduler.advance(QUIET);

        assertEquals(List.of(), reports);
    }

    @Test
    void aCertificateInstalledDuringTheQuietPeriodCancelsTheReport() {
        register("pubsub.example.org");
        certificateNames.add("pubsub.example.org");
        scheduler.advance(QUIET);

        assertEquals(List.of(), reports);
    }

    @Test
    void nothingIsReportedAfterClose() {
        register("pubsub.example.org");
        watcher.close();
        register("proxy.example.org");
        scheduler.advance(Duration.ofHours(1));

        assertEquals(List.of(), reports);
    }

    @Test
    void aFailingNameSourceNeverReachesOpenfire() {
        ComponentWatcher failing = new ComponentWatcher(() -> {
            throw new IllegalStateException("server shutting down");
        }, () -> certificateNames, () -> QUIET, scheduler, reports::add);

        failing.componentRegistered(jid("pubsub.example.org"));

        assertEquals(0, scheduler.pending());
    }

    @Test
    void aReportTooLateToCancelStandsDownForTheOneThatReplacedIt() {
        List<Runnable> started = new ArrayList<>();
        ComponentWatcher watcherOnBusyTimer = new ComponentWatcher(
                () -> NameSelector.select(new ServerDescription("example.org", "", components, List.of()), policy),
                () -> certificateNames, () -> QUIET, (task, delay) -> {
                    started.add(task);
                    return CompletableFuture.completedFuture(null);
                }, reports::add);
        components.add("pubsub.example.org");
        watcherOnBusyTimer.componentRegistered(jid("pubsub.example.org"));
        components.add("proxy.example.org");
        watcherOnBusyTimer.componentRegistered(jid("proxy.example.org"));

        started.forEach(Runnable::run);

        assertEquals(List.of(Set.of("pubsub.example.org", "proxy.example.org")), reports);
    }

    private void register(String component) {
        components.add(component);
        watcher.componentRegistered(jid(component));
    }

    /** Tinder's string-prepping constructor needs libidn, which the server has and the tests do not. */
    private static JID jid(String domain) {
        return new JID(null, domain, null, true);
    }
}
