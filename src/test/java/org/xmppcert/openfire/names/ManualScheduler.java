package org.xmppcert.openfire.names;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;


/**
 * A scheduler whose time moves only when the test says so, so that quiet periods and debouncing
 * are tested exactly and instantly. Tasks run on the test's thread, in due order, when
 * {@link #advance} passes their time.
 */
final class ManualScheduler implements ComponentWatcher.Scheduler {

    private record Scheduled(Duration due, FutureTask<Void> task) {
    }

    private final List<Scheduled> scheduled = new ArrayList<>();
    private Duration now = Duration.ZERO;

    @Override
    public synchronized Future<?> schedule(Runnable task, Duration delay) {
        FutureTask<Void> future = new FutureTask<>(task, null);
        scheduled.add(new Scheduled(now.plus(delay), future));
        return future;
    }

    /** Moves time forward, running every task that falls due and was not cancelled. */
    void advance(Duration duration) {
        Duration until = now.plus(duration);
        while (true) {
            Scheduled next;
            synchronized (this) {
                next = scheduled.stream()
                        .filter(entry -> entry.due().compareTo(until) <= 0)
                        .min(Comparator.comparing(Scheduled::due))
                        .orElse(null);
                if (next == null) {
                    now = until;
                    return;
                }
                scheduled.remove(next);
                now = next.due();
            }
            next.task().run();
        }
    }

    /** Tasks scheduled and neither run nor cancelled. */
    synchronized long pending() {
        return scheduled.stream().filter(entry -> !entry.task().isCancelled()).count();
    }
}
