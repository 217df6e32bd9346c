package org.jivesoftware.openfire.cluster;

/** Stand-in for Openfire's cluster state (only the members the plugin uses, same signatures). */
public class ClusterManager {

    public static boolean isClusteringStarting() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public static boolean isClusteringStarted() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /** True when not clustered. */
    public static boolean isSeniorClusterMember() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /** The senior member's id; this node's when not clustered. */
    public static NodeID getSeniorClusterMember() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public static void addListener(ClusterEventListener listener) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public static void removeListener(ClusterEventListener listener) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
