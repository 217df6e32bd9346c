package org.jivesoftware.util;

import java.time.Duration;
import java.time.Instant;
import java.util.TimerTask;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

/**
 * Stand-in for Openfire's shared thread pool and timer: only the members the plugin calls, same
 * signatures as Openfire 5.x; compile-only (tests mock {@link #getInstance()}).
 */
public class TaskEngine {

    public static TaskEngine getInstance() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public Future<?> submit(Runnable task) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public <V> Future<V> submit(Callable<V> task) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public void schedule(TimerTask task, Duration delay) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public void schedule(TimerTask task, Instant time) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public void schedule(TimerTask task, Duration delay, Duration period) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public void cancelScheduledTask(TimerTask task) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
