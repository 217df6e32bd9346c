package org.jivesoftware.util.cache;

import java.util.Collection;

/** Stand-in for Openfire's cache and cluster-task entry point (only the members the plugin uses, same signatures). */
public class CacheFactory {

    /** Runs the task on every other node, without waiting; does nothing when not clustered. */
    public static void doClusterTask(final ClusterTask<?> task) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /** Runs the task on every other node (and this one if asked) and returns their results; empty when not clustered. */
    public static <T> Collection<T> doSynchronousClusterTask(ClusterTask<T> task, boolean includeLocalMember) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /** Runs the task on one node and returns its result; null when the task failed or returned null. */
    public static <T> T doSynchronousClusterTask(ClusterTask<T> task, byte[] nodeID) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
