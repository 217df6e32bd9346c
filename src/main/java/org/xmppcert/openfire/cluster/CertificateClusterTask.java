package org.xmppcert.openfire.cluster;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jivesoftware.util.cache.ClusterTask;
import org.xmppcert.core.keys.CertificateChainCodec;
import org.xmppcert.core.keys.KeyPairCodec;
import org.xmppcert.core.secrets.SecretSealer;
import org.xmppcert.openfire.install.CertificateBundle;
import org.xmppcert.openfire.install.InstallOutcome;

/**
 * Carries a new certificate from the senior cluster member, which obtained it, to the other nodes,
 * whose key stores are their own files; each node installs it live, as the senior did.
 *
 * <p><b>The private key in transit.</b> Cluster traffic may be unencrypted (Hazelcast encrypts only
 * when configured to), so the key travels sealed with Openfire's property encryptor, exactly as
 * the plugin keeps keys in the shared database ({@code PropertyEncryptorSealer}): readable only
 * with the encryption key of {@code conf/security.xml}. The nodes of a cluster must share that key
 * already, because the encrypted properties in the shared {@code ofProperty} table are read by
 * every node; Openfire's own cluster documentation has admins copy {@code security.xml} across
 * nodes. A node whose key differs cannot open the seal: it installs nothing, keeps its current
 * certificate, and tells the admins what to fix. Sending only an id and letting each node read a
 * copy from the database would rely on the same key and add a race with that copy's removal, so
 * the sealed key travels in the task itself. The chain is public and travels as PEM.
 *
 * <p>Openfire recreates the task on each node with the no-argument constructor and
 * {@link #readExternal}, so what it needs there (the sealer and the installer) cannot travel with
 * it: the plugin registers them on every node with {@link #receiveWith}.
 */
public final class CertificateClusterTask implements ClusterTask<CertificateClusterTask.NodeOutcome> {

    private static final AtomicReference<Receiving> RECEIVING = new AtomicReference<>();

    /**
     * What a node needs to install a certificate sent to it.
     *
     * @param node       this node's name, for the senior's summary and the admins
     * @param sealer     opens the key with this node's property encryption key
     * @param install    installs live on this node, as the senior did
     * @param tellAdmins how this node tells the admins that it could not install
     */
    public record Receiving(String node, SecretSealer sealer, Function<CertificateBundle, InstallOutcome> install,
                            Consumer<String> tellAdmins) {

        public Receiving {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(sealer, "sealer");
            Objects.requireNonNull(install, "install");
            Objects.requireNonNull(tellAdmins, "tellAdmins");
        }
    }

    /**
     * What one node did with the certificate, sent back to the senior member.
     *
     * @param message the node's install report, or why it installed nothing; never a secret
     */
    public record NodeOutcome(String node, boolean installed, String message) implements Serializable {
    }

    private String chainPem;
    private String sealedKey;
    private NodeOutcome result;

    /** For the cluster, which fills the task in with {@link #readExternal}. */
    public CertificateClusterTask() {
    }

    private CertificateClusterTask(String chainPem, String sealedKey) {
        this.chainPem = chainPem;
        this.sealedKey = sealedKey;
    }

    /** A task carrying the bundle's chain, and its key sealed with {@code sealer}. */
    public static CertificateClusterTask carrying(CertificateBundle bundle, SecretSealer sealer) {
        String keyPem = KeyPairCodec.toPem(new KeyPair(bundle.leaf().getPublicKey(), bundle.key()));
        return new CertificateClusterTask(CertificateChainCodec.toPem(bundle.chain()),
                sealer.seal(keyPem.getBytes(StandardCharsets.UTF_8)));
    }

    /** The certificate carried, read without opening the key: what a node checks before installing. */
    public X509Certificate leaf() {
        return CertificateChainCodec.fromPem(chainPem).get(0);
    }

    /**
     * Makes this node install the certificates the senior member sends, until the returned action
     * is run (at plugin unload).
     */
    public static Runnable receiveWith(Receiving receiving) {
        RECEIVING.set(Objects.requireNonNull(receiving, "receiving"));
        return () -> RECEIVING.compareAndSet(receiving, null);
    }

    @Override
    public void run() {
        Receiving receiving = RECEIVING.get();
        if (receiving == null) {
            result = new NodeOutcome("a node where the Certificate Manager plugin is not running", false,
                    "The plugin is not running on this node, so it keeps its current certificate.");
            return;
        }
        CertificateBundle bundle;
        try {
            List<X509Certificate> chain = CertificateChainCodec.fromPem(chainPem);
            KeyPair keyPair = KeyPairCodec.fromPem(new String(receiving.sealer().open(sealedKey), StandardCharsets.UTF_8));
            bundle = CertificateBundle.of(keyPair.getPrivate(), chain);
        } catch (IllegalArgumentException e) {
            String message = "Cluster node " + receiving.node() + " could not open the new certificate's key sent by "
                    + "the senior member, so it keeps its current certificate. The nodes of a cluster must share "
                    + "Openfire's property encryption key: copy conf/security.xml from the senior member to this node "
                    + "and restart it. (" + e.getMessage() + ")";
            receiving.tellAdmins().accept(message);
            result = new NodeOutcome(receiving.node(), false, message);
            return;
        }
        InstallOutcome outcome = receiving.install().apply(bundle);
        result = new NodeOutcome(receiving.node(), outcome.succeeded(), outcome.message());
    }

    @Override
    public NodeOutcome getResult() {
        return result;
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        WireFormat.write(out);
        writeText(out, chainPem);
        writeText(out, sealedKey);
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException {
        WireFormat.requireSame(in, "A certificate sent");
        chainPem = readText(in);
        sealedKey = readText(in);
    }

    /** Length and UTF-8 bytes: writeUTF stops at 64 KB, which a long chain with many names can pass. */
    private static void writeText(ObjectOutput out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readText(ObjectInput in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 16 * 1024 * 1024) {
            throw new InvalidObjectException("Not a certificate: " + length + " bytes announced");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // Never the key, sealed or not.
        return "CertificateClusterTask[" + (result == null ? "not run" : result) + "]";
    }
}
