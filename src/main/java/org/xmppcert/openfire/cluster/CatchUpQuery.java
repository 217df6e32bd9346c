package org.xmppcert.openfire.cluster;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jivesoftware.util.cache.ClusterTask;
import org.xmppcert.core.renewal.ManagedCertificate;
import org.xmppcert.openfire.install.CertificateBundle;

/**
 * What a node that joins the cluster asks the senior member: the certificate the plugin put in
 * service there, ready to install (key sealed, see {@link CertificateClusterTask}). A node that was
 * down, or not yet clustered, when the senior sent a renewal round serves an older certificate
 * until it catches up; without this it would wait for the next renewal, which may come after its
 * certificate has expired.
 *
 * <p>The senior answers nothing (null) when the certificate it serves is not one the plugin
 * installed: a certificate an admin put on one node by hand is that node's business.
 */
public final class CatchUpQuery implements ClusterTask<CertificateClusterTask> {

    private static final AtomicReference<Supplier<Optional<CertificateClusterTask>>> ANSWERING = new AtomicReference<>();

    private CertificateClusterTask answer;

    /**
     * Makes this node answer the query, while it is the senior member, until the returned action is
     * run (at plugin unload).
     *
     * @param managedCertificate the certificate the plugin installed and this node serves, sealed for the trip
     */
    public static Runnable answerWith(Supplier<Optional<CertificateClusterTask>> managedCertificate) {
        ANSWERING.set(managedCertificate);
        return () -> ANSWERING.compareAndSet(managedCertificate, null);
    }

    /**
     * What the senior answers with: the certificate it serves if that is the one the plugin
     * installed. The store may serve the domain with another one while the plugin still manages
     * its own (one an admin added by hand that is valid for longer), and that is not the plugin's
     * to hand out.
     *
     * @param inService what the senior serves its domain with now
     * @param managed   the certificates the plugin installed and the stores still serve
     */
    public static Optional<CertificateBundle> managedOnly(Optional<CertificateBundle> inService,
                                                          List<ManagedCertificate> managed) {
        return inService.filter(bundle -> managed.stream().anyMatch(certificate ->
                certificate.notBefore().equals(bundle.leaf().getNotBefore().toInstant())
                        && certificate.notAfter().equals(bundle.leaf().getNotAfter().toInstant())));
    }

    @Override
    public void run() {
        Supplier<Optional<CertificateClusterTask>> answering = ANSWERING.get();
        answer = answering == null ? null : answering.get().orElse(null);
    }

    @Override
    public CertificateClusterTask getResult() {
        return answer;
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        WireFormat.write(out);
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException {
        WireFormat.requireSame(in, "A question asked");
    }
}
