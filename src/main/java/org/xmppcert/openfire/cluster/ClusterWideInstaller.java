package org.xmppcert.openfire.cluster;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.util.cache.CacheFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppcert.core.issuance.CertificateInstaller;
import org.xmppcert.core.issuance.InstallException;
import org.xmppcert.core.issuance.IssuedCertificate;
import org.xmppcert.core.secrets.SecretSealer;
import org.xmppcert.openfire.install.CertificateBundle;
import org.xmppcert.openfire.install.InstallOutcome;
import org.xmppcert.openfire.install.LiveKeystoreInstaller;

/**
 * Installs a certificate on this node and then on every other node of the cluster: Openfire
 * keeps key stores per node and replicates nothing of them. Only a certificate that installed
 * here is sent on, so a certificate that fails its checks never spreads. Without clustering it is
 * just the local install.
 *
 * <p>The other nodes are waited for (Openfire's cluster gives up on a node after
 * {@code hazelcast.max.execution.seconds}, 30 by default); each node that cannot install tells the
 * admins itself, through its own installer, so a node that answers too late still reports.
 *
 * <p>As a {@link CertificateInstaller} it is the install step of automatic renewal: the renewal
 * has happened when this node serves the new certificate, whatever the other nodes did.
 */
public final class ClusterWideInstaller implements CertificateInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterWideInstaller.class);

    /** This node's outcome, and what each other node that answered did. */
    public record Outcome(InstallOutcome local, List<CertificateClusterTask.NodeOutcome> otherNodes) {

        public Outcome {
            Objects.requireNonNull(local, "local");
            otherNodes = List.copyOf(otherNodes);
        }

        public boolean installedEverywhere() {
            return local.succeeded() && otherNodes.stream().allMatch(CertificateClusterTask.NodeOutcome::installed);
        }
    }

    private final BiFunction<CertificateBundle, LiveKeystoreInstaller.Origin, InstallOutcome> localInstall;
    private final SecretSealer sealer;

    /**
     * @param localInstall in the server {@code liveKeystoreInstaller::install}
     * @param sealer       seals the key for the trip, see {@link CertificateClusterTask}
     */
    public ClusterWideInstaller(BiFunction<CertificateBundle, LiveKeystoreInstaller.Origin, InstallOutcome> localInstall,
                                SecretSealer sealer) {
        this.localInstall = Objects.requireNonNull(localInstall, "localInstall");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
    }

    @Override
    public void install(String certificateId, IssuedCertificate issued) throws InstallException {
        CertificateBundle bundle;
        try {
            bundle = CertificateBundle.of(issued.keyPair().getPrivate(), issued.chain());
        } catch (IllegalArgumentException e) {
            throw new InstallException("The certificate the CA issued cannot be installed: " + e.getMessage(), e);
        }
        Outcome outcome = install(bundle, LiveKeystoreInstaller.Origin.BACKGROUND);
        if (!outcome.local().succeeded()) {
            throw new InstallException(outcome.local().message());
        }
    }

    public Outcome install(CertificateBundle bundle, LiveKeystoreInstaller.Origin origin) {
        InstallOutcome local = localInstall.apply(bundle, origin);
        if (!local.succeeded() || !ClusterManager.isClusteringStarted()) {
            return new Outcome(local, List.of());
        }
        Collection<CertificateClusterTask.NodeOutcome> others =
                CacheFactory.doSynchronousClusterTask(CertificateClusterTask.carrying(bundle, sealer), false);
        List<CertificateClusterTask.NodeOutcome> answered = others.stream().filter(Objects::nonNull).toList();
        for (CertificateClusterTask.NodeOutcome node : answered) {
            if (node.installed()) {
                LOG.info("Cluster node {} installed {}", node.node(), bundle);
            } else {
                LOG.warn("Cluster node {} did not install {}: {}", node.node(), bundle, node.message());
            }
        }
        return new Outcome(local, answered);
    }
}
