package org.xmppcert.openfire.service;

import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.shredzone.acme4j.RevocationReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppcert.core.acme.AcmeIssuer;
import org.xmppcert.core.acme.AcmeSettings;
import org.xmppcert.core.acme.ExternalAccountBinding;
import org.xmppcert.core.acme.IssuanceException;
import org.xmppcert.core.challenge.Dns01Responder;
import org.xmppcert.core.challenge.DnsVisibilityCheck;
import org.xmppcert.core.challenge.Http01Responder;
import org.xmppcert.core.challenge.ManualDns01Responder;
import org.xmppcert.core.challenge.dns.Rfc2136Dns01Responder;
import org.xmppcert.core.challenge.dns.Rfc2136Settings;
import org.xmppcert.core.challenge.dns.TsigAlgorithm;
import org.xmppcert.core.classic.AcceptedCertificate;
import org.xmppcert.core.classic.ClassicCaException;
import org.xmppcert.core.classic.ClassicCaFlow;
import org.xmppcert.core.classic.PendingRequest;
import org.xmppcert.core.classic.VerificationMailboxes;
import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.history.CertificateFacts;
import org.xmppcert.core.history.CertificateHistory;
import org.xmppcert.core.issuance.IssuedCertificate;
import org.xmppcert.core.keys.CertificateChainCodec;
import org.xmppcert.core.names.CertificateNames;
import org.xmppcert.core.names.NameSelector;
import org.xmppcert.core.names.RejectedName;
import org.xmppcert.core.renewal.ManagedCertificate;
import org.xmppcert.openfire.console.IdentityStoreOverview;
import org.xmppcert.openfire.install.CertificateBundle;
import org.xmppcert.openfire.install.InstallOutcome;
import org.xmppcert.openfire.install.LiveKeystoreInstaller;
import org.xmppcert.openfire.names.CoverageGapListener;
import org.xmppcert.openfire.names.LiveServerDescription;
import org.xmppcert.openfire.notify.AuditTrail;
import org.xmppcert.openfire.storage.PluginStorage;

/**
 * The plugin's {@link CertificateService}: ACME orders in the background with live progress,
 * the classic flow, revocation, settings and status, every change recorded through the
 * {@link AuditTrail} (the history and Openfire's security audit log). One ACME request runs at a time; asking again while it runs returns its ticket, so a
 * double click, a component burst and the scheduler all end up in the same order.
 */
public final class DefaultCertificateService implements CertificateService {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultCertificateService.class);

    /** How many finished requests the console can still look at. */
    static final int KEPT_RUNS = 10;
    private static final int HISTORY_SEARCHED = 500;

    /** Runs a task in the background: Openfire's TaskEngine in the server. */
    @FunctionalInterface
    public interface Background {
        Future<?> submit(Runnable task);
    }

    private final SavedSettings savedSettings;
    private final PluginStorage storage;
    private final Supplier<LiveServerDescription> server;
    private final Http01Responder http01;
    private final BiFunction<CertificateBundle, LiveKeystoreInstaller.Origin, InstallOutcome> installer;
    private final Supplier<IdentityStoreOverview> overview;
    private final Supplier<Optional<KeyPair>> currentKey;
    private final Background background;
    private final AuditTrail audit;
    private final DnsVisibilityCheck dnsCheck;
    private final Supplier<List<X509Certificate>> trustedRoots;
    private final RenewalOutlook outlook;
    private final Supplier<Duration> expiryWarning;
    private final Duration manualDnsTimeout;
    private final Clock clock;
    private final CertificateHistory history;
    private final Deque<OrderRun> runs = new ArrayDeque<>();
    private final List<Runnable> renewalInputListeners = new CopyOnWriteArrayList<>();

    private DefaultCertificateService(Builder builder) {
        this.savedSettings = Objects.requireNonNull(builder.settings, "settings");
        this.storage = Objects.requireNonNull(builder.storage, "storage");
        this.server = Objects.requireNonNull(builder.server, "server");
        this.http01 = Objects.requireNonNull(builder.http01, "http01");
        this.installer = Objects.requireNonNull(builder.installer, "installer");
        this.overview = Objects.requireNonNull(builder.overview, "overview");
        this.currentKey = builder.currentKey;
        this.background = Objects.requireNonNull(builder.background, "background");
        this.audit = Objects.requireNonNull(builder.audit, "audit");
        this.dnsCheck = builder.dnsCheck;
        this.trustedRoots = builder.trustedRoots;
        this.expiryWarning = builder.expiryWarning;
        this.manualDnsTimeout = builder.manualDnsTimeout;
        this.clock = builder.clock;
        this.history = storage.history();
        this.outlook = new RenewalStateOutlook(this::managedCertificates, storage.renewalStates(),
                savedSettings::automatic, clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- settings

    @Override
    public CertificateSettings settings() {
        return savedSettings.load();
    }

    @Override
    public Map<String, Sentence> saveSettings(CertificateSettings settings, CertificateSettings.SecretChange secrets,
                                              String actor) {
        requireActor(actor);
        CertificateSettings.SecretChange change = secrets == null ? CertificateSettings.SecretChange.NONE : secrets;
        Map<String, Sentence> problems = SettingsValidation.problems(settings, change, savedSettings::hasSecret);
        if (!problems.isEmpty()) {
            return problems;
        }
        savedSettings.save(settings, change);
        List<String> replaced = new ArrayList<>();
        change.eabHmacKey().filter(value -> !value.isBlank()).ifPresent(value -> replaced.add("EAB HMAC key"));
        change.tsigSecret().filter(value -> !value.isBlank()).ifPresent(value -> replaced.add("TSIG secret"));
        audit.settingsChanged(actor, (settings.ca().isAcme() ? "ACME CA at " + directoryOf(settings)
                : "a CA without ACME (CSR and emailed code)")
                + (replaced.isEmpty() ? "" : "; replaced " + String.join(", ", replaced)));
        tellRenewalInputChanged();
        return Map.of();
    }

    @Override
    public boolean hasSecret(String name) {
        return savedSettings.hasSecret(name);
    }

    // ---------------------------------------------------------------- ACME

    @Override
    public String requestCertificate(String actor) {
        requireActor(actor);
        CertificateSettings settings = settings();
        if (!settings.ca().isAcme()) {
            throw new Refusal(Sentence.of("refused.classic-ca"));
        }
        if (!settings.termsAgreed()) {
            throw new Refusal(Sentence.of("refused.terms-not-agreed"));
        }
        CertificateNames names = certifiableNames(settings);
        OrderRun run;
        synchronized (runs) {
            OrderRun latest = runs.peekFirst();
            if (latest != null && !latest.finished()) {
                return latest.ticket();
            }
            run = new OrderRun(UUID.randomUUID().toString(), actor, clock.instant(), names.names());
            runs.addFirst(run);
            while (runs.size() > KEPT_RUNS) {
                runs.removeLast();
            }
        }
        audit.adminAction(actor, "Requested a certificate for " + String.join(", ", names.names()) + " from the CA at "
                + directoryOf(settings) + " (request " + run.ticket() + ")");
        try {
            run.runningAs(background.submit(() -> order(run, settings, names)));
        } catch (RuntimeException e) {
            FailureReport notStarted = FailureReport.notStarted(describe(e));
            run.failed(notStarted);
            throw new Refusal(notStarted.sentences(), e);
        }
        return run.ticket();
    }

    /** The names a request asks for now: the live server's, through the admin's name policy; never none. */
    private CertificateNames certifiableNames(CertificateSettings settings) {
        LiveServerDescription live = server.get();
        if (!live.isComplete()) {
            // Ordering anyway would leave those modules' names out of the new certificate.
            throw new Refusal(Sentence.of("refused.server-not-fully-read"));
        }
        CertificateNames names = NameSelector.select(live.description(), settings.namePolicy());
        if (names.isEmpty()) {
            throw new Refusal(Sentence.of("refused.no-names", names.rejected().stream().map(RejectedName::name)
                    .collect(Collectors.joining(", "))));
        }
        return names;
    }

    @Override
    public Optional<OrderProgress> progress(String ticket) {
        return find(ticket).map(OrderRun::snapshot);
    }

    @Override
    public Optional<OrderProgress> latestOrder() {
        synchronized (runs) {
            return Optional.ofNullable(runs.peekFirst()).map(OrderRun::snapshot);
        }
    }

    @Override
    public void confirmDnsRecords(String ticket, String actor) {
        requireActor(actor);
        OrderRun run = find(ticket).orElseThrow(() -> unknownTicket(ticket));
        ManualDns01Responder responder = run.manualDns()
                .filter(manual -> !manual.awaitingConfirmation().isEmpty())
                .orElseThrow(() -> new Refusal(Sentence.of("refused.not-awaiting-dns")));
        audit.adminAction(actor, "Confirmed the DNS records of certificate request " + ticket);
        responder.confirm();
    }

    @Override
    public void cancel(String ticket, String actor) {
        requireActor(actor);
        OrderRun run = find(ticket).orElseThrow(() -> unknownTicket(ticket));
        if (run.finished()) {
            return;
        }
        audit.adminAction(actor, "Cancelled certificate request " + ticket);
        run.cancel();
    }

    /** The names wanted now: the live server's, through the admin's name policy. */
    public CertificateNames wantedNames() {
        return NameSelector.select(server.get().description(), savedSettings.namePolicy());
    }

    /**
     * The names a renewal of {@code current} asks for: those the server needs now, plus the
     * certificate's own while part of the server could not be read, so a module that is briefly
     * unreadable never costs its names a renewal; the certificate's own alone if the server has none
     * a CA would certify.
     */
    public List<String> namesToRenew(ManagedCertificate current) {
        LiveServerDescription live = server.get();
        CertificateNames wanted = NameSelector.select(live.description(), savedSettings.namePolicy());
        if (wanted.isEmpty()) {
            return current.names();
        }
        if (live.isComplete()) {
            return wanted.names();
        }
        Set<String> kept = new LinkedHashSet<>(wanted.names());
        kept.addAll(current.names());
        return List.copyOf(kept);
    }

    /**
     * The certificates automatic renewal looks after: the one this plugin last installed for the
     * XMPP domain, while the server still uses it (one the admin replaced by hand is the admin's).
     * Its facts are those the history recorded at its install; whether it came from an ACME CA,
     * whether it was revoked since, whether it covers the names wanted now and the CA's renewal
     * window last known are worked out here, so that renewal only decides.
     */
    public List<ManagedCertificate> managedCertificates() {
        IdentityStoreOverview stores = overview.get();
        String domain = stores.getXmppDomain();
        return ManagedCertificates.of(domain, history.latest(HISTORY_SEARCHED),
                StatusReport.serialsInUse(stores, clock.instant()), wantedNames(), storage.renewalStates().load(domain));
    }

    /**
     * The certificate in service that {@code certificate} describes, if it came from the ACME CA of
     * {@code settings}: the one whose renewal window that CA can tell, and which a renewal there
     * names as replaced. Empty for a certificate from another CA, which knows nothing of it.
     */
    public Optional<X509Certificate> certificateFromCa(CertificateSettings settings, ManagedCertificate certificate) {
        return ManagedCertificates.leafFrom(directoryOf(settings), history.latest(HISTORY_SEARCHED), certificate);
    }

    /**
     * An issuer for renewals nobody watches: the CA, account and key settings of {@code settings},
     * http-01 as for requests, and dns-01 only through an RFC 2136 server (records set by hand
     * need an admin, so such a renewal fails with the CA's "no dns-01 responder" and the admins
     * are told). The caller closes it.
     *
     * @throws IllegalStateException if the settings name a CA without ACME
     */
    public AcmeIssuer unattendedIssuer(CertificateSettings settings) {
        AcmeIssuer.Builder builder = AcmeIssuer.builder(acmeSettings(settings, directoryOf(settings)))
                .accountStore(storage.accounts())
                .orderStore(storage.orders())
                .sealer(storage.sealer())
                .http01(http01);
        if (settings.dnsUpdate().isPresent()) {
            builder.dns01(rfc2136(settings.dnsUpdate().get()), dnsCheck);
        }
        return builder.build();
    }

    /**
     * What the history keeps with a certificate from the ACME CA of {@code settings}: where to
     * revoke it, and the renewal window the CA gave.
     */
    public static String acmeOrigin(CertificateSettings settings, IssuedCertificate issued) {
        return CertificateOrigin.acme(directoryOf(settings), issued.renewalWindow());
    }

    /**
     * Told whenever something automatic renewal depends on changes: the settings were saved or a
     * certificate was revoked. The plugin runs a renewal check at once.
     */
    public void addRenewalInputListener(Runnable listener) {
        renewalInputListeners.add(listener);
    }

    public void removeRenewalInputListener(Runnable listener) {
        renewalInputListeners.remove(listener);
    }

    private void tellRenewalInputChanged() {
        for (Runnable listener : renewalInputListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("A listener for renewal changes failed", e);
            }
        }
    }

    /** Stops the running request, if any: the plugin is being unloaded and its classes go with it. */
    public void close() {
        OrderRun latest;
        synchronized (runs) {
            latest = runs.peekFirst();
        }
        if (latest != null && !latest.finished()) {
            latest.cancel();
        }
    }

    /**
     * What the component watcher calls when the server answers to names its certificate lacks: in
     * automatic mode a request for the full set of names, otherwise a warning for the admin.
     */
    public CoverageGapListener coverageGapListener() {
        return missing -> {
            if (!savedSettings.automatic()) {
                LOG.warn("The certificate in use does not cover {}, which the server now answers to; request a new"
                        + " certificate (automatic ordering is off).", missing);
                return;
            }
            try {
                LOG.info("The certificate in use does not cover {}; requesting one that does", missing);
                requestCertificate(CertificateEvent.SCHEDULER);
            } catch (Refusal | IllegalStateException e) {
                LOG.warn("The certificate in use does not cover {}, and no new one can be requested: {}", missing,
                        e.getMessage());
            }
        };
    }

    private void order(OrderRun run, CertificateSettings settings, CertificateNames names) {
        String actor = run.snapshot().startedBy();
        try {
            IssuedCertificate issued = withPluginClassLoader(() -> {
                try (AcmeIssuer issuer = issuer(settings, dns01For(settings, run))) {
                    return issuer.issue(names.names(), settings.keyPolicy(),
                            settings.keyPolicy().keepCurrentKey() ? currentKey.get() : Optional.empty(), run);
                }
            });
            run.installing();
            InstallOutcome outcome = install(CertificateBundle.of(issued.keyPair().getPrivate(), issued.chain()), actor);
            String origin = acmeOrigin(settings, issued);
            if (outcome.succeeded()) {
                recordInstalled(actor, issued.names(), issued.chain(), origin + "\n" + outcome.message());
                run.done(InstallReport.of(outcome));
            } else {
                recordFailure(actor, issued.names(), issued.chain(), outcome.message());
                run.notInstalled(InstallReport.of(outcome));
            }
        } catch (Exception e) {
            // A cancelled manual dns-01 wait ends in an issuance failure too: the cancellation is what the admin did.
            if (e instanceof InterruptedException || run.cancelRequested()) {
                recordFailure(actor, names.names(), null, "The request was cancelled.");
                run.failed(FailureReport.cancelled());
            } else if (e instanceof IssuanceException refused) {
                recordFailure(actor, names.names(), null, refused.getMessage());
                run.failed(FailureReport.of(refused));
            } else {
                LOG.warn("A certificate request failed unexpectedly", e);
                recordFailure(actor, names.names(), null, describe(e));
                run.failed(FailureReport.unexpected(describe(e)));
            }
        }
    }

    private Dns01Responder dns01For(CertificateSettings settings, OrderRun run) {
        if (settings.dnsUpdate().isPresent()) {
            return rfc2136(settings.dnsUpdate().get());
        }
        ManualDns01Responder manual = new ManualDns01Responder(manualDnsTimeout, run::awaitingDnsRecords);
        run.useManualDns(manual);
        return manual;
    }

    private Dns01Responder rfc2136(CertificateSettings.DnsUpdateServer server) {
        Rfc2136Settings rfc2136 = Rfc2136Settings.of(server.host(), server.port(), server.keyName(),
                TsigAlgorithm.fromLabel(server.algorithm()), savedSettings.secret(SavedSettings.TSIG_SECRET).orElse(""));
        return new Rfc2136Dns01Responder(server.zone().map(rfc2136::withZone).orElse(rfc2136));
    }

    private AcmeIssuer issuer(CertificateSettings settings, Dns01Responder dns01) {
        return AcmeIssuer.builder(acmeSettings(settings, directoryOf(settings)))
                .accountStore(storage.accounts())
                .orderStore(storage.orders())
                .sealer(storage.sealer())
                .http01(http01)
                .dns01(dns01, dnsCheck)
                .build();
    }

    private AcmeSettings acmeSettings(CertificateSettings settings, URI directory) {
        AcmeSettings.Builder acme = AcmeSettings.builder(directory)
                .termsOfServiceAgreed(settings.termsAgreed())
                .challengeType(settings.challengeType());
        if (!settings.contactEmail().isBlank()) {
            acme.contactEmail(settings.contactEmail().strip());
        }
        settings.customTrustAnchorPem().filter(pem -> !pem.isBlank())
                .ifPresent(pem -> acme.trustAnchor(SettingsValidation.firstCertificate(pem)));
        Optional<String> hmac = savedSettings.secret(SavedSettings.EAB_HMAC_KEY);
        settings.eabKeyId().filter(id -> !id.isBlank()).filter(id -> hmac.isPresent())
                .ifPresent(id -> acme.externalAccountBinding(new ExternalAccountBinding(id, hmac.get())));
        return acme.build();
    }

    private static URI directoryOf(CertificateSettings settings) {
        return settings.ca().directory().or(settings::customDirectory)
                .orElseThrow(() -> new IllegalStateException("No ACME directory is configured."));
    }

    // ---------------------------------------------------------------- classic

    @Override
    public ClassicRequestView startClassicRequest(String actor) {
        requireActor(actor);
        CertificateSettings settings = settings();
        CertificateNames names = certifiableNames(settings);
        PendingRequest request = classicFlow().start(names.names(), settings.keyPolicy().type(),
                settings.xmppIdentities());
        audit.adminAction(actor, "Started a request at a CA without ACME for " + String.join(", ", request.names())
                + " (request " + request.id() + ")");
        return view(request);
    }

    @Override
    public List<ClassicRequestView> pendingClassicRequests() {
        return storage.pendingRequests().list().stream().map(DefaultCertificateService::view).toList();
    }

    @Override
    public Optional<ClassicRequestView> renewableClassicRequest() {
        return storage.fulfilledRequests().latest().map(DefaultCertificateService::view);
    }

    @Override
    public ClassicRequestView renewClassicRequest(String actor) {
        requireActor(actor);
        PendingRequest fulfilled = storage.fulfilledRequests().latest()
                .orElseThrow(() -> new Refusal(Sentence.of("refused.no-saved-csr")));
        Optional<PendingRequest> pending = storage.pendingRequests().list().stream()
                .filter(request -> request.csr().pem().equals(fulfilled.csr().pem())).findFirst();
        if (pending.isPresent()) {
            return view(pending.get());
        }
        List<String> uncovered = wantedNames().names().stream()
                .filter(name -> !fulfilled.names().contains(name)).toList();
        if (!uncovered.isEmpty()) {
            throw new Refusal(Sentence.of("refused.csr-lacks-names", String.join(", ", uncovered)));
        }
        PendingRequest renewal;
        try {
            renewal = classicFlow().renew(fulfilled);
        } catch (ClassicCaException e) {
            throw refusal(e);
        }
        audit.adminAction(actor, "Requested again at a CA without ACME with the saved CSR for "
                + String.join(", ", renewal.names()) + " (request " + renewal.id() + ")");
        return view(renewal);
    }

    @Override
    public ClassicInstallReport acceptClassicCertificate(String requestId, byte[] certificate, byte[] caCertificates,
                                                         String actor) {
        requireActor(actor);
        ClassicCaFlow flow = classicFlow();
        AcceptedCertificate accepted;
        try {
            accepted = flow.accept(requestId, certificate, caCertificates == null ? new byte[0] : caCertificates);
        } catch (ClassicCaException e) {
            List<String> names = storage.pendingRequests().find(requestId).map(PendingRequest::names)
                    .filter(requested -> !requested.isEmpty()).orElseGet(() -> List.of(server.get().description().xmppDomain()));
            audit.failed(actor, names, null, "The certificate uploaded for request " + requestId + " was refused: "
                    + e.getMessage());
            throw refusal(e);
        }
        List<String> names = accepted.request().names();
        InstallOutcome outcome = install(CertificateBundle.of(accepted.keyPair().getPrivate(), accepted.chain()), actor);
        ClassicInstallReport report = new ClassicInstallReport(InstallReport.of(outcome),
                accepted.leftOut().stream().map(left -> left.getSubjectX500Principal().getName()).toList());
        if (!outcome.succeeded()) {
            recordFailure(actor, names, accepted.chain(), outcome.message());
            return report;
        }
        // Kept before the pending request is retired: should the save fail, the CSR is still pending, not lost.
        storage.fulfilledRequests().keep(accepted.request());
        flow.complete(accepted);
        recordInstalled(actor, names, accepted.chain(), CertificateOrigin.CLASSIC + "\n" + outcome.message());
        return report;
    }

    /** {@code classic.refused.<reason>} with the flow's facts. */
    private static Refusal refusal(ClassicCaException refused) {
        return new Refusal(List.of(new Sentence("classic.refused." + refused.reason(), refused.facts())), refused);
    }

    private ClassicCaFlow classicFlow() {
        return new ClassicCaFlow(storage.pendingRequests(), storage.sealer(), trustedRoots.get(), clock);
    }

    private static ClassicRequestView view(PendingRequest request) {
        return new ClassicRequestView(request.id(), request.names(), request.csr().pem(),
                VerificationMailboxes.forNames(request.names()), request.createdAt());
    }

    // ---------------------------------------------------------------- revocation

    @Override
    public void revoke(String serialNumber, String reason, String actor) {
        requireActor(actor);
        RevocationReason revocationReason = revocationReason(reason);
        String serial = serialNumber.strip().toLowerCase(Locale.ROOT).replace(":", "");
        CertificateEvent obtained = history.latest(HISTORY_SEARCHED).stream()
                .filter(event -> event.type() == CertificateEventType.ISSUED || event.type() == CertificateEventType.RENEWED)
                .filter(event -> event.certificate().serialNumber().equals(serial))
                .findFirst()
                .orElseThrow(() -> new Refusal(Sentence.of("revoke.error.unknown", serial)));
        URI directory = CertificateOrigin.acmeDirectory(obtained.detail())
                .orElseThrow(() -> new Refusal(Sentence.of("refused.revoke-classic")));
        X509Certificate certificate = CertificateChainCodec.fromPem(obtained.certificate().chainPem()).get(0);
        CertificateSettings settings = settings();
        try {
            withPluginClassLoader(() -> {
                try (AcmeIssuer issuer = AcmeIssuer.builder(acmeSettings(settings, directory))
                        .accountStore(storage.accounts()).orderStore(storage.orders()).sealer(storage.sealer())
                        .build()) {
                    issuer.revoke(certificate, revocationReason);
                }
                return null;
            });
        } catch (Exception e) {
            audit.failed(actor, obtained.names(), obtained.certificate(), "Revocation failed: " + describe(e));
            FailureReport why = e instanceof IssuanceException refused ? FailureReport.of(refused)
                    : FailureReport.unexpected(describe(e));
            List<Sentence> reasons = new ArrayList<>(List.of(Sentence.of("refused.not-revoked")));
            reasons.addAll(why.sentences());
            throw new Refusal(reasons, e);
        }
        audit.revoked(actor, obtained.names(), obtained.certificate(), "Reason: " + reason);
        // A revoked certificate in service is to be replaced now, not at its renewal time.
        tellRenewalInputChanged();
    }

    /** RFC 5280's reason names as the API takes them (keyCompromise) to acme4j's constants (KEY_COMPROMISE). */
    private static RevocationReason revocationReason(String reason) {
        List<RevocationReason> offered = List.of(RevocationReason.UNSPECIFIED, RevocationReason.KEY_COMPROMISE,
                RevocationReason.AFFILIATION_CHANGED, RevocationReason.SUPERSEDED,
                RevocationReason.CESSATION_OF_OPERATION);
        String wanted = reason == null ? "" : reason.strip().replaceAll("([a-z])([A-Z])", "$1_$2")
                .toUpperCase(Locale.ROOT);
        return offered.stream().filter(candidate -> candidate.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new Refusal(Sentence.of("revoke.error.reason")));
    }

    // ---------------------------------------------------------------- status and history

    @Override
    public CertificateStatus status() {
        LiveServerDescription live = server.get();
        return StatusReport.of(overview.get(), NameSelector.select(live.description(), settings().namePolicy()),
                live.isComplete(), settings(),
                latestOrder(), history.latest(HISTORY_SEARCHED), outlook.nextRenewal(), expiryWarning.get(),
                clock.instant());
    }

    @Override
    public List<CertificateEvent> history(int limit) {
        return history.latest(limit);
    }

    // ---------------------------------------------------------------- shared steps

    private InstallOutcome install(CertificateBundle bundle, String actor) {
        LiveKeystoreInstaller.Origin origin = CertificateEvent.SCHEDULER.equals(actor)
                ? LiveKeystoreInstaller.Origin.BACKGROUND : LiveKeystoreInstaller.Origin.ADMIN_CONSOLE;
        return installer.apply(bundle, origin);
    }

    private void recordInstalled(String actor, List<String> names, List<X509Certificate> chain, String detail) {
        boolean renewal = history.latest(HISTORY_SEARCHED).stream()
                .anyMatch(event -> (event.type() == CertificateEventType.ISSUED
                        || event.type() == CertificateEventType.RENEWED) && event.names().get(0).equals(names.get(0)));
        if (renewal) {
            audit.renewed(actor, names, chain, detail);
        } else {
            audit.issued(actor, names, chain, detail);
        }
    }

    private void recordFailure(String actor, List<String> names, List<X509Certificate> chain, String why) {
        audit.failed(actor, names, chain == null ? null : CertificateFacts.of(chain), why);
    }

    /**
     * acme4j finds its CA providers with ServiceLoader through the thread's context class loader,
     * which on Openfire's pool threads is not the plugin's: without this it finds none.
     */
    private static <T> T withPluginClassLoader(Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(DefaultCertificateService.class.getClassLoader());
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private Optional<OrderRun> find(String ticket) {
        synchronized (runs) {
            return runs.stream().filter(run -> run.ticket().equals(ticket)).findFirst();
        }
    }

    private static Refusal unknownTicket(String ticket) {
        return new Refusal(Sentence.of("refused.unknown-request", ticket));
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("Every change names who makes it");
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Wires the service to the server, or to a test's stand-ins. */
    public static final class Builder {
        private SavedSettings settings;
        private PluginStorage storage;
        private Supplier<LiveServerDescription> server;
        private Http01Responder http01;
        private BiFunction<CertificateBundle, LiveKeystoreInstaller.Origin, InstallOutcome> installer;
        private Supplier<IdentityStoreOverview> overview;
        private Supplier<Optional<KeyPair>> currentKey = Optional::empty;
        private Background background;
        private AuditTrail audit;
        private DnsVisibilityCheck dnsCheck = DnsVisibilityCheck.viaSystemResolver();
        private Supplier<List<X509Certificate>> trustedRoots = org.xmppcert.core.classic.TrustedRoots::ofJvm;
        private Supplier<Duration> expiryWarning = () -> Duration.ofDays(30);
        private Duration manualDnsTimeout = Duration.ofHours(24);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder settings(SavedSettings saved) {
            this.settings = saved;
            return this;
        }

        public Builder storage(PluginStorage pluginStorage) {
            this.storage = pluginStorage;
            return this;
        }

        /** The live server's names, read at each request. */
        public Builder server(Supplier<LiveServerDescription> description) {
            this.server = description;
            return this;
        }

        public Builder http01(Http01Responder responder) {
            this.http01 = responder;
            return this;
        }

        /**
         * Puts certificates in service: in the server the live key store installer of this node,
         * then the other nodes of a cluster.
         */
        public Builder installer(BiFunction<CertificateBundle, LiveKeystoreInstaller.Origin, InstallOutcome> install) {
            this.installer = install;
            return this;
        }

        public Builder overview(Supplier<IdentityStoreOverview> identityStores) {
            this.overview = identityStores;
            return this;
        }

        /** The key of the certificate in use, for admins who keep their key across renewals. */
        public Builder currentKey(Supplier<Optional<KeyPair>> key) {
            this.currentKey = key;
            return this;
        }

        public Builder background(Background tasks) {
            this.background = tasks;
            return this;
        }

        /** Where every change is recorded: the history and Openfire's security audit log. */
        public Builder audit(AuditTrail trail) {
            this.audit = trail;
            return this;
        }

        /** How dns-01 records are confirmed visible before the CA is asked: the system resolver by default. */
        public Builder dnsCheck(DnsVisibilityCheck check) {
            this.dnsCheck = check;
            return this;
        }

        /** The roots classic certificates must chain to: the JVM's by default. */
        public Builder trustedRoots(Supplier<List<X509Certificate>> roots) {
            this.trustedRoots = roots;
            return this;
        }

        /** How close to expiry the status calls for action. */
        public Builder expiryWarning(Supplier<Duration> warning) {
            this.expiryWarning = warning;
            return this;
        }

        /** How long manual dns-01 records may take the admin (a day by default). */
        public Builder manualDnsTimeout(Duration timeout) {
            this.manualDnsTimeout = timeout;
            return this;
        }

        public Builder clock(Clock time) {
            this.clock = time;
            return this;
        }

        public DefaultCertificateService build() {
            return new DefaultCertificateService(this);
        }
    }
}
