package org.xmppcert.core.acme;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppcert.core.issuance.CertificateInstaller;
import org.xmppcert.core.issuance.InstallException;
import org.xmppcert.core.issuance.IssuedCertificate;
import org.xmppcert.core.issuance.NameSet;
import org.xmppcert.core.keys.KeyPolicy;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.core.renewal.ManagedCertificate;
import org.xmppcert.core.renewal.RenewalFailure;
import org.xmppcert.core.renewal.RenewalMaintenance;
import org.xmppcert.core.renewal.Renewer;

/**
 * Renews a certificate at an ACME CA and puts the new one in service: the {@link Renewer} that
 * {@link RenewalMaintenance} calls for ACME certificates. It lives with the ACME engine so that
 * renewal depends on nothing of ACME.
 *
 * <p>The new certificate is for the names the server needs now, which may differ from those of the
 * certificate in service: a certificate renewed because it no longer covers a new component must
 * not come back for the old names. It has the admin's {@link KeyPolicy}: the key in
 * service is reused only when the admin keeps keys (pinned keys, DANE records). Whatever fails, the
 * certificate in service stays in service; the failure carries the CA's words, the advice and the
 * CA's Retry-After, so that the retry schedule waits as long as the CA asks.
 *
 * <p>The new order names the certificate it replaces when that certificate came from the same CA
 * and the CA offers renewal information (see {@link AcmeIssuer#renew}).
 *
 * <p>A certificate obtained but not installed is kept (in memory) and installed at the next attempt
 * instead of ordering another: CAs limit duplicate certificates (Let's Encrypt: five for the same
 * names a week), and a retried install must not use them up.
 */
public final class AcmeRenewer implements Renewer {

    private static final Logger LOG = LoggerFactory.getLogger(AcmeRenewer.class);

    private final AcmeIssuer issuer;
    private final KeyPolicy keyPolicy;
    private final Function<ManagedCertificate, Optional<KeyPair>> keyInService;
    private final Function<ManagedCertificate, List<String>> wantedNames;
    private final Function<ManagedCertificate, Optional<X509Certificate>> replacedCertificate;
    private final CertificateInstaller installer;
    private final Map<String, IssuedCertificate> notInstalled = new ConcurrentHashMap<>();

    /**
     * @param keyInService the key pair of the certificate in service, consulted only when the policy keeps keys
     * @param wantedNames  the names the new certificate is requested for, asked at each renewal; in the server,
     *                     its names as they are now ({@code ManagedCertificate::names} keeps the old ones)
     */
    public AcmeRenewer(AcmeIssuer issuer, KeyPolicy keyPolicy,
                       Function<ManagedCertificate, Optional<KeyPair>> keyInService,
                       Function<ManagedCertificate, List<String>> wantedNames, CertificateInstaller installer) {
        this(issuer, keyPolicy, keyInService, wantedNames, current -> Optional.empty(), installer);
    }

    /**
     * @param replacedCertificate the certificate in service if this issuer's CA issued it, for the new
     *                            order to name as the one it replaces
     */
    public AcmeRenewer(AcmeIssuer issuer, KeyPolicy keyPolicy,
                       Function<ManagedCertificate, Optional<KeyPair>> keyInService,
                       Function<ManagedCertificate, List<String>> wantedNames,
                       Function<ManagedCertificate, Optional<X509Certificate>> replacedCertificate,
                       CertificateInstaller installer) {
        this.replacedCertificate = Objects.requireNonNull(replacedCertificate, "replacedCertificate");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.keyPolicy = Objects.requireNonNull(keyPolicy, "keyPolicy");
        this.keyInService = Objects.requireNonNull(keyInService, "keyInService");
        this.wantedNames = Objects.requireNonNull(wantedNames, "wantedNames");
        this.installer = Objects.requireNonNull(installer, "installer");
    }

    @Override
    public ManagedCertificate renew(ManagedCertificate current) throws RenewalFailure, InterruptedException {
        List<String> names = wantedNames.apply(current);
        Optional<IssuedCertificate> earlier = obtainedEarlier(current, names);
        IssuedCertificate issued = earlier.isPresent() ? earlier.get() : obtain(current, names);
        try {
            installer.install(current.id(), issued);
        } catch (InstallException e) {
            notInstalled.put(current.id(), issued);
            throw new RenewalFailure("A new certificate for " + String.join(", ", issued.names())
                    + " was obtained but could not be installed: " + e.getMessage(),
                    "The certificate in service stays in service. The next attempt installs the new certificate"
                            + " without asking the CA again; if it keeps failing, fix what the reason names.",
                    null, e);
        }
        notInstalled.remove(current.id());
        return ManagedCertificate.issuedByAcme(current.id(), issued);
    }

    private IssuedCertificate obtain(ManagedCertificate current, List<String> names)
            throws RenewalFailure, InterruptedException {
        Optional<KeyPair> currentKey = keyPolicy.keepCurrentKey() ? keyInService.apply(current) : Optional.empty();
        try {
            return issuer.renew(names, keyPolicy, currentKey, replacedCertificate.apply(current));
        } catch (IssuanceException e) {
            throw failure(e);
        }
    }

    /**
     * The certificate obtained at an earlier attempt that could not be installed, if it still fits:
     * the names wanted now, the configured key type, and not older than the one in service.
     */
    private Optional<IssuedCertificate> obtainedEarlier(ManagedCertificate current, List<String> names) {
        Optional<IssuedCertificate> kept = Optional.ofNullable(notInstalled.get(current.id()))
                .filter(issued -> new NameSet(issued.names()).equals(new NameSet(names)))
                .filter(issued -> KeyType.of(issued.keyPair().getPublic()).filter(keyPolicy.type()::equals).isPresent())
                .filter(issued -> !issued.notAfter().isBefore(current.notAfter()));
        if (kept.isEmpty()) {
            notInstalled.remove(current.id());
        } else {
            LOG.info("Installing again the certificate obtained earlier for {}", current.names());
        }
        return kept;
    }

    /** The CA's failure in the terms renewal passes on to the admins: what, what to do, and when to retry. */
    static RenewalFailure failure(IssuanceException e) {
        return new RenewalFailure(e.summary(), e.advice(), e.retryAfter().orElse(null), e);
    }
}
