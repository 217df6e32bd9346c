package org.xmppcert.openfire.cluster;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.jivesoftware.openfire.cluster.ClusterEventListener;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.util.cache.CacheFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings this node up to the senior member's certificate when it joins the cluster, or when the
 * plugin starts on a node already in one (Openfire may load this plugin before or after the
 * clustering plugin, so both moments count). See {@link CatchUpQuery} for why.
 *
 * <p>Only a newer certificate is installed: one that expires later than what this node serves.
 * An older one would mean the senior is the one behind (a restore from backup, say); going back
 * would trade a working certificate for one that expires sooner. The install is this node's own
 * live install, with its checks and rollback, and its failures reach the admins as any install's.
 */
public final class ClusterCatchUp implements ClusterEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterCatchUp.class);

    private final Supplier<Optional<X509Certificate>> leafInUse;
    private final Executor background;

    /**
     * @param leafInUse  the certificate this node serves its domain with now
     * @param background where the catch-up runs: asking the senior waits for the cluster
     */
    public ClusterCatchUp(Supplier<Optional<X509Certificate>> leafInUse, Executor background) {
        this.leafInUse = Objects.requireNonNull(leafInUse, "leafInUse");
        this.background = Objects.requireNonNull(background, "background");
    }

    /** At plugin start: catches up if this node is already part of a cluster. */
    public void started() {
        if (ClusterManager.isClusteringStarted()) {
            background.execute(this::catchUp);
        }
    }

    @Override
    public void joinedCluster() {
        background.execute(this::catchUp);
    }

    /** Asks the senior member and installs what it serves if that is newer than this node's certificate. */
    void catchUp() {
        if (!ClusterManager.isClusteringStarted() || ClusterManager.isSeniorClusterMember()) {
            return;
        }
        CertificateClusterTask sent;
        try {
            sent = CacheFactory.doSynchronousClusterTask(new CatchUpQuery(),
                    ClusterManager.getSeniorClusterMember().toByteArray());
        } catch (RuntimeException e) {
            LOG.warn("Could not ask the senior cluster member for its certificate; this node keeps its own until the"
                    + " next renewal: {}", e.getMessage());
            return;
        }
        if (sent == null) {
            LOG.debug("The senior cluster member serves no certificate this plugin installed; nothing to catch up");
            return;
        }
        X509Certificate theirs = sent.leaf();
        Optional<X509Certificate> ours = leafInUse.get();
        if (ours.isPresent() && !theirs.getNotAfter().after(ours.get().getNotAfter())) {
            return;
        }
        LOG.info("This node joined the cluster serving an older certificate than the senior member's; installing {}",
                theirs.getSubjectX500Principal().getName());
        sent.run();
        LOG.info("Catching up with the senior member: {}", sent.getResult());
    }

    @Override
    public void joinedCluster(byte[] nodeID) {
    }

    @Override
    public void leftCluster() {
    }

    @Override
    public void leftCluster(byte[] nodeID) {
    }

    @Override
    public void markedAsSeniorClusterMember() {
    }
}
