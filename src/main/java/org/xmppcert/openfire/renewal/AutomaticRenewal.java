package org.xmppcert.openfire.renewal;

import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppcert.core.acme.AcmeIssuer;
import org.xmppcert.core.acme.AcmeRenewer;
import org.xmppcert.core.issuance.CertificateInstaller;
import org.xmppcert.core.renewal.ManagedCertificate;
import org.xmppcert.core.renewal.RenewalFailure;
import org.xmppcert.core.renewal.RenewalInfoSource;
import org.xmppcert.core.renewal.RenewalListener;
import org.xmppcert.core.renewal.RenewalMaintenance;
import org.xmppcert.core.renewal.RenewalSettings;
import org.xmppcert.core.renewal.RenewalStateStore;
import org.xmppcert.core.renewal.Renewer;
import org.xmppcert.openfire.notify.AuditTrail;
import org.xmppcert.openfire.service.CertificateSettings;
import org.xmppcert.openfire.service.DefaultCertificateService;

/**
 * The renewal check as the plugin runs it, for {@link RenewalScheduler}: the certificates the
 * service manages, renewed at the ACME CA of the admin's settings as they are at the check, each
 * new certificate installed on every cluster node and recorded as renewed by the scheduler.
 *
 * <p>The ACME engine is kept from check to check while the settings stay the same: an
 * {@link AcmeRenewer} remembers a certificate it obtained but could not install, and installs it
 * at the next attempt instead of ordering another (CAs limit duplicates). Changed settings, or
 * {@link #settingsSaved()} for a changed secret, give the next check a new engine.
 *
 * <p>Where the CA offers renewal information (RFC 9773), each check asks it for the certificate's
 * current renewal window, and a renewal names the certificate it replaces; both only for a
 * certificate from the CA of the settings, as no other CA knows it.
 *
 * <p>When the settings do not allow renewing (automatic renewal off, a CA without ACME, terms
 * not agreed), a due renewal fails with the reason and what to do about it: the admins hear of
 * it, are warned as expiry nears, and the history shows each attempt.
 */
public final class AutomaticRenewal implements RenewalScheduler.Check, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AutomaticRenewal.class);

    private record Engine(CertificateSettings settings, URI classicWizard, AcmeIssuer issuer,
                          RenewalMaintenance maintenance) {
    }

    private final DefaultCertificateService service;
    private final RenewalStateStore states;
    private final RenewalListener listener;
    private final AuditTrail audit;
    private final CertificateInstaller installer;
    private final Supplier<Optional<KeyPair>> keyInService;
    private final Supplier<URI> classicWizard;
    private final Clock clock;
    private final RandomGenerator random;
    private Engine engine;
    private boolean stale;

    /**
     * @param listener      the admins' notifier and the audit trail
     * @param installer     installs on every node; each installed certificate is recorded through {@code audit}
     * @param keyInService  the key of the certificate in service, for admins who keep their key
     * @param classicWizard the admin console page that renews a classic certificate, for reminders
     */
    public AutomaticRenewal(DefaultCertificateService service, RenewalStateStore states, RenewalListener listener,
                            AuditTrail audit, CertificateInstaller installer, Supplier<Optional<KeyPair>> keyInService,
                            Supplier<URI> classicWizard, Clock clock, RandomGenerator random) {
        this.service = Objects.requireNonNull(service, "service");
        this.states = Objects.requireNonNull(states, "states");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.installer = Objects.requireNonNull(installer, "installer");
        this.keyInService = Objects.requireNonNull(keyInService, "keyInService");
        this.classicWizard = Objects.requireNonNull(classicWizard, "classicWizard");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** One check of every managed certificate. */
    @Override
    public Instant run() throws InterruptedException {
        return engine().maintenance().check(service.managedCertificates());
    }

    /** The settings were saved: a secret may have changed, which the settings themselves do not show. */
    public synchronized void settingsSaved() {
        stale = true;
    }

    @Override
    public synchronized void close() {
        if (engine != null && engine.issuer() != null) {
            engine.issuer().close();
        }
        engine = null;
    }

    private synchronized Engine engine() {
        CertificateSettings settings = service.settings();
        URI wizard = classicWizard.get();
        if (engine == null || stale || !engine.settings().equals(settings) || !engine.classicWizard().equals(wizard)) {
            close();
            engine = build(settings, wizard);
            stale = false;
        }
        return engine;
    }

    private Engine build(CertificateSettings settings, URI wizard) {
        RenewalSettings defaults = RenewalSettings.defaults(wizard);
        RenewalSettings renewal = new RenewalSettings(settings.checkInterval(), defaults.firstRetryDelay(),
                defaults.longestRetryDelay(), defaults.attemptsPerHour(), settings.warningDays(), wizard);
        AcmeIssuer issuer = null;
        Renewer renewer;
        RenewalInfoSource renewalInfo = RenewalInfoSource.NONE;
        Optional<String> refusal = refusal(settings);
        if (refusal.isPresent()) {
            renewer = refusing(refusal.get(), "Request a certificate on the plugin's page, or change the settings"
                    + " so that the plugin can renew on its own.");
        } else {
            try {
                AcmeIssuer acme = service.unattendedIssuer(settings);
                issuer = acme;
                Function<ManagedCertificate, Optional<X509Certificate>> fromCa =
                        current -> service.certificateFromCa(settings, current);
                renewer = new AcmeRenewer(acme, settings.keyPolicy(), current -> keyInService.get(),
                        service::namesToRenew, fromCa, audit.recordingRenewals(installer,
                                issued -> DefaultCertificateService.acmeOrigin(settings, issued)));
                renewalInfo = current -> fromCa.apply(current).flatMap(acme::currentRenewalWindow);
            } catch (RuntimeException e) {
                LOG.warn("The ACME settings cannot be used for renewal", e);
                renewer = refusing("The ACME settings cannot be used: " + e.getMessage(),
                        "Correct the settings on the plugin's settings page.");
            }
        }
        return new Engine(settings, wizard, issuer, new RenewalMaintenance(renewal, states, renewer, renewalInfo,
                listener, clock, random));
    }

    private static Optional<String> refusal(CertificateSettings settings) {
        if (!settings.automatic()) {
            return Optional.of("Automatic renewal is switched off in the settings.");
        }
        if (!settings.ca().isAcme()) {
            return Optional.of("The settings name a CA without ACME, which cannot renew certificates on its own.");
        }
        if (!settings.termsAgreed()) {
            return Optional.of("The CA's terms of service are not agreed to in the settings.");
        }
        return Optional.empty();
    }

    private static Renewer refusing(String reason, String advice) {
        return current -> {
            throw new RenewalFailure("The certificate for " + String.join(", ", current.names())
                    + " is due for renewal but was not renewed: " + reason, advice, null, null);
        };
    }
}
