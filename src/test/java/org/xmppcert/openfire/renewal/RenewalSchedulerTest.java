package org.xmppcert.openfire.renewal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TimerTask;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.util.TaskEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;
import org.xmppcert.core.renewal.IssuanceKind;
import org.xmppcert.core.renewal.ManagedCertificate;
import org.xmppcert.core.renewal.RenewalEvent;
import org.xmppcert.core.renewal.RenewalFailure;
import org.xmppcert.core.renewal.RenewalMaintenance;
import org.xmppcert.core.renewal.RenewalSettings;
import org.xmppcert.core.renewal.Renewer;
import org.xmppcert.testing.InMemoryRenewalStateStore;
import org.xmppcert.testing.TestClock;

/**
 * When the renewal check runs, on which node, and with which class loader. Openfire's TaskEngine is
 * a mock whose scheduled tasks the test runs by hand, at the times the scheduler asked for.
 */
class RenewalSchedulerTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration SIX_HOURS = Duration.ofHours(6);

    private final TestClock clock = new TestClock(START);
    private final TaskEngine taskEngine = mock(TaskEngine.class);
    private final ClassLoader pluginLoader = new URLClassLoader(new URL[0], getClass().getClassLoader());
    private MockedStatic<ClusterManager> cluster;

    @BeforeEach
    void standingAlone() {
        cluster = mockStatic(ClusterManager.class);
        cluster.when(ClusterManager::isClusteringStarted).thenReturn(false);
        cluster.when(ClusterManager::isClusteringStarting).thenReturn(false);
        cluster.when(ClusterManager::isSeniorClusterMember).thenReturn(true);
    }

    @AfterEach
    void closeStatics() {
        cluster.close();
    }

    @Test
    void theFirstCheckRunsAtStartAndThenEveryInterval() {
        RenewalScheduler scheduler = scheduler(() -> clock.instant().plus(SIX_HOURS));

        scheduler.start();

        verify(taskEngine).schedule(any(TimerTask.class), any(Duration.class), any(Duration.class));
        assertEquals(List.of(Duration.ZERO), delays());
        assertEquals(List.of(SIX_HOURS), periods());
    }

    @Test
    void aCheckWantingTheNextSoonerBringsTheScheduleForwardAndReplacesTheOldOne() {
        List<Instant> wanted = new ArrayList<>(List.of(START.plus(Duration.ofMinutes(5)), START.plus(Duration.ofDays(3))));
        RenewalScheduler scheduler = scheduler(() -> wanted.remove(0));
        scheduler.start();
        TimerTask first = lastScheduled();

        first.run();
        TimerTask second = lastScheduled();
        second.run();

        assertEquals(List.of(Duration.ZERO, Duration.ofMinutes(5), SIX_HOURS), delays(),
                "5 minutes when a retry is due then; never more than the interval");
        verify(taskEngine).cancelScheduledTask(first);
        verify(taskEngine).cancelScheduledTask(second);
    }

    @Test
    void aCheckAskingForNowAgainWaitsAMinuteRatherThanSpin() {
        RenewalScheduler scheduler = scheduler(clock::instant);
        scheduler.start();

        lastScheduled().run();

        assertEquals(RenewalScheduler.SHORTEST_DELAY, delays().get(1));
    }

    @Test
    void aNodeThatIsNotSeniorNeverRenewsAndTheSeniorDoes() throws Exception {
        cluster.when(ClusterManager::isClusteringStarted).thenReturn(true);
        cluster.when(ClusterManager::isSeniorClusterMember).thenReturn(false);
        AtomicInteger renewals = new AtomicInteger();
        RenewalMaintenance maintenance = maintenance(current -> {
            renewals.incrementAndGet();
            return ManagedCertificate.of(current.id(), current.names(), IssuanceKind.ACME, clock.instant(),
                    clock.instant().plus(Duration.ofDays(90)));
        }, event -> { });
        ManagedCertificate due = dueForRenewal();
        RenewalScheduler scheduler = scheduler(() -> maintenance.check(List.of(due)));
        scheduler.start();
        TimerTask task = lastScheduled();

        task.run();
        clock.advance(SIX_HOURS);
        task.run();

        assertEquals(0, renewals.get());
        assertEquals(1, delays().size(), "the periodic schedule is left as it is");

        // Seniority moves: the former senior left, and this node is asked again at its next run.
        cluster.when(ClusterManager::isSeniorClusterMember).thenReturn(true);
        task.run();

        assertEquals(1, renewals.get());
    }

    @Test
    void whileClusteringStartsTheCheckWaitsAMinuteToLearnWhoIsSenior() {
        cluster.when(ClusterManager::isClusteringStarting).thenReturn(true);
        AtomicInteger checks = new AtomicInteger();
        RenewalScheduler scheduler = scheduler(() -> {
            checks.incrementAndGet();
            return clock.instant().plus(SIX_HOURS);
        });
        scheduler.start();

        lastScheduled().run();

        assertEquals(0, checks.get());
        assertEquals(RenewalScheduler.CLUSTERING_STARTUP_WAIT, delays().get(1));
    }

    @Test
    void becomingSeniorRunsACheckAtOnce() {
        RenewalScheduler scheduler = scheduler(() -> clock.instant().plus(SIX_HOURS));
        scheduler.start();
        lastScheduled().run();

        scheduler.clusterListener().markedAsSeniorClusterMember();

        assertEquals(List.of(Duration.ZERO, SIX_HOURS, Duration.ZERO), delays());
    }

    @Test
    void theCheckRunsWithThePluginsClassLoaderAndThePoolThreadGetsItsOwnBack() {
        List<ClassLoader> seen = new ArrayList<>();
        RenewalScheduler scheduler = scheduler(() -> {
            seen.add(Thread.currentThread().getContextClassLoader());
            return clock.instant().plus(SIX_HOURS);
        });
        ClassLoader poolLoader = Thread.currentThread().getContextClassLoader();
        scheduler.start();

        lastScheduled().run();

        assertEquals(List.of(pluginLoader), seen);
        assertSame(poolLoader, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void aFailingCheckIsLoggedAndThePeriodBringsTheNext() {
        AtomicInteger checks = new AtomicInteger();
        RenewalScheduler scheduler = scheduler(() -> {
            checks.incrementAndGet();
            throw new IllegalStateException("database down");
        });
        scheduler.start();
        TimerTask task = lastScheduled();

        task.run();
        task.run();

        assertEquals(2, checks.get());
        assertEquals(List.of(SIX_HOURS), periods());
        verify(taskEngine, never()).cancelScheduledTask(task);
    }

    @Test
    void aRunThatFindsTheLastOneStillCheckingLeavesItToThatOne() throws Exception {
        CountDownLatch inCheck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger checks = new AtomicInteger();
        RenewalScheduler scheduler = scheduler(() -> {
            checks.incrementAndGet();
            inCheck.countDown();
            release.await();
            return clock.instant().plus(SIX_HOURS);
        });
        scheduler.start();
        TimerTask task = lastScheduled();
        // The second run comes from another pool thread while the first is in its check.
        AtomicInteger checksSeenBySecondRun = new AtomicInteger(-1);
        Thread secondRun = new Thread(() -> {
            try {
                if (inCheck.await(10, TimeUnit.SECONDS)) {
                    task.run();
                    checksSeenBySecondRun.set(checks.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                release.countDown();
            }
        });
        secondRun.start();

        task.run();
        secondRun.join(10_000);

        assertEquals(1, checksSeenBySecondRun.get(), "the second run returned without checking");
        assertEquals(1, checks.get());
    }

    @Test
    void unloadingCancelsTheScheduleAndARunAlreadyOnItsWayDoesNothing() {
        AtomicInteger checks = new AtomicInteger();
        RenewalScheduler scheduler = scheduler(() -> {
            checks.incrementAndGet();
            return clock.instant().plus(SIX_HOURS);
        });
        scheduler.start();
        TimerTask task = lastScheduled();

        scheduler.close();
        task.run();
        scheduler.checkNow();

        verify(taskEngine).cancelScheduledTask(task);
        verify(taskEngine, times(1)).schedule(any(TimerTask.class), any(Duration.class), any(Duration.class));
        assertEquals(0, checks.get());
    }

    @Test
    void aFailedRetryIsScheduledAtTheTimeRenewalMaintenanceGives() {
        List<RenewalEvent> events = new ArrayList<>();
        RenewalMaintenance maintenance = maintenance(current -> {
            throw new RenewalFailure("The CA did not answer", "Check HTTPS.", null, null);
        }, events::add);
        ManagedCertificate due = dueForRenewal();
        RenewalScheduler scheduler = scheduler(() -> maintenance.check(List.of(due)));
        scheduler.start();

        lastScheduled().run();

        Instant nextAttempt = ((RenewalEvent.Failed) events.get(0)).nextAttempt();
        assertEquals(Duration.between(START, nextAttempt), delays().get(1));
        assertTrue(delays().get(1).compareTo(Duration.ofMinutes(5)) <= 0, "first retry within 5 minutes");
    }

    private RenewalScheduler scheduler(RenewalScheduler.Check check) {
        return new RenewalScheduler(taskEngine, check, () -> SIX_HOURS, pluginLoader, clock);
    }

    private RenewalMaintenance maintenance(Renewer renewer, org.xmppcert.core.renewal.RenewalListener listener) {
        return new RenewalMaintenance(RenewalSettings.defaults(URI.create("https://xmpp.example.org:9091/wizard")),
                new InMemoryRenewalStateStore(), renewer, listener, clock, RandomGenerator.of("L64X128MixRandom"));
    }

    private static ManagedCertificate dueForRenewal() {
        return ManagedCertificate.of("example.org", List.of("example.org"), IssuanceKind.ACME,
                START.minus(Duration.ofDays(70)), START.plus(Duration.ofDays(20)));
    }

    private TimerTask lastScheduled() {
        ArgumentCaptor<TimerTask> tasks = ArgumentCaptor.forClass(TimerTask.class);
        verify(taskEngine, org.mockito.Mockito.atLeastOnce()).schedule(tasks.capture(), any(Duration.class),
                any(Duration.class));
        return tasks.getValue();
    }

    private List<Duration> delays() {
        return scheduleArguments(1);
    }

    private List<Duration> periods() {
        return scheduleArguments(2).stream().distinct().toList();
    }

    private List<Duration> scheduleArguments(int index) {
        return org.mockito.Mockito.mockingDetails(taskEngine).getInvocations().stream()
                .filter(invocation -> invocation.getMethod().getName().equals("schedule"))
                .map(invocation -> (Duration) invocation.getArgument(index))
                .toList();
    }
}
