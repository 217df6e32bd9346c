package org.jivesoftware.openfire.cluster;

/** Stand-in for Openfire's cluster event listener, with all its methods. */
public interface ClusterEventListener {

    void joinedCluster();

    void joinedCluster(byte[] nodeID);

    void leftCluster();

    void leftCluster(byte[] nodeID);

    void markedAsSeniorClusterMember();
}
