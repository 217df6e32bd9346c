package org.xmppcert.testing;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.xmppcert.core.acme.ChallengeType;
import org.xmppcert.core.challenge.TxtRecord;
import org.xmppcert.core.classic.VerificationMailboxes;
import org.xmppcert.core.csr.CsrBuilder;
import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.history.CertificateFacts;
import org.xmppcert.core.keys.KeyPolicy;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.core.names.NamePolicy;
import org.xmppcert.openfire.service.CaPreset;
import org.xmppcert.openfire.service.CertificateService;
import org.xmppcert.openfire.service.CertificateSettings;
import org.xmppcert.openfire.service.CertificateStatus;
import org.xmppcert.openfire.install.InstallOutcome;
import org.xmppcert.openfire.service.ClassicInstallReport;
import org.xmppcert.openfire.service.ClassicRequestView;
import org.xmppcert.openfire.service.FailureReport;
import org.xmppcert.openfire.service.InstallReport;
import org.xmppcert.openfire.service.OrderProgress;
import org.xmppcert.openfire.service.OrderProgress.NameProgress;
import org.xmppcert.openfire.service.OrderProgress.NameState;
import org.xmppcert.openfire.service.OrderProgress.Phase;
import org.xmppcert.openfire.service.Refusal;
import org.xmppcert.openfire.service.Sentence;

/**
 * A service whose answers a test sets, for tests of what the console's pages show and send: it
 * keeps what the pages save and records every call, and a request moves on only when the test says
 * so, which lets a test watch each stage of the wizard appear without a reload. The classic flow's
 * key and CSR are real (the plugin's CsrBuilder), and what is pasted is really parsed. It is not the
 * plugin's service and says nothing about obtaining certificates; the end-to-end tests against
 * Pebble cover that.
 */
public final class ScriptedCertificateService implements CertificateService {

    /** Every state-changing call, as "method actor argument", in order. */
    public final List<String> calls = new CopyOnWriteArrayList<>();

    private final AtomicInteger tickets = new AtomicInteger();
    private final AtomicInteger classicIds = new AtomicInteger();
    private final Map<String, OrderProgress> orders = new LinkedHashMap<>();
    private final Map<String, ClassicRequestView> classicRequests = new LinkedHashMap<>();
    private volatile ClassicRequestView renewable;
    private final List<CertificateEvent> history = new CopyOnWriteArrayList<>();
    private final Set<String> secrets = new HashSet<>();
    private volatile CertificateSettings settings = new CertificateSettings(CaPreset.LETS_ENCRYPT_STAGING,
            Optional.empty(), Optional.empty(), "", false, Optional.empty(), KeyPolicy.DEFAULT, ChallengeType.HTTP_01,
            Optional.empty(), NamePolicy.DEFAULT, false, true, Duration.ofHours(6), List.of(14, 7, 3, 1), true, false,
            LocalTime.of(3, 30));
    private volatile CertificateStatus status = new CertificateStatus("example.org", List.of(), List.of(), Optional.empty(),
            Optional.empty(), List.of());
    private volatile List<String> requestNames = List.of("example.org");
    private volatile Map<String, Sentence> saveProblems = Map.of();
    private volatile Refusal classicRefusal;
    private volatile ClassicInstallReport classicInstall = new ClassicInstallReport(new InstallReport(
            InstallOutcome.Status.INSTALLED, Optional.of("AB:CD"), 1, 4, true, Optional.empty()), List.of());

    public synchronized void setStatus(CertificateStatus status) {
        this.status = status;
        this.requestNames = status.requiredNames();
    }

    public void setSettings(CertificateSettings settings) {
        this.settings = settings;
    }

    /** Problems the service is to report on the next saves, by field. */
    public void setSaveProblems(Map<String, Sentence> problems) {
        this.saveProblems = Map.copyOf(problems);
    }

    /** How the service is to refuse the next certificate pasted for a classic request that parses; null accepts it. */
    public void setClassicRefusal(Refusal refusal) {
        this.classicRefusal = refusal;
    }

    /** How the install of an accepted classic certificate is to end; installed in one store by default. */
    public void setClassicInstall(ClassicInstallReport install) {
        this.classicInstall = install;
    }

    /** Moves a request on to the given stage. */
    public synchronized void advance(String ticket, Phase phase, List<NameProgress> names, List<TxtRecord> dnsRecords,
                                     FailureReport failure, InstallReport install) {
        OrderProgress current = orders.get(ticket);
        orders.put(ticket, new OrderProgress(ticket, current.startedBy(), current.startedAt(), phase, names, dnsRecords,
                Optional.ofNullable(failure), Optional.ofNullable(install)));
    }

    public void addHistory(CertificateEvent event) {
        history.add(0, event);
    }

    public synchronized String lastTicket() {
        return "order-" + tickets.get();
    }

    @Override
    public CertificateStatus status() {
        return status;
    }

    @Override
    public CertificateSettings settings() {
        return settings;
    }

    @Override
    public Map<String, Sentence> saveSettings(CertificateSettings settings, CertificateSettings.SecretChange change,
                                            String actor) {
        if (!saveProblems.isEmpty()) {
            return saveProblems;
        }
        this.settings = settings;
        change.eabHmacKey().ifPresent(key -> secrets.add("eabHmacKey"));
        change.tsigSecret().ifPresent(key -> secrets.add("tsigSecret"));
        calls.add("saveSettings " + actor + " " + settings.ca());
        return Map.of();
    }

    @Override
    public boolean hasSecret(String name) {
        return secrets.contains(name);
    }

    @Override
    public synchronized String requestCertificate(String actor) {
        if (!settings.ca().isAcme()) {
            throw new Refusal(Sentence.of("refused.classic-ca"));
        }
        String ticket = "order-" + tickets.incrementAndGet();
        orders.put(ticket, new OrderProgress(ticket, actor, Instant.now(), Phase.ORDERING,
                requestNames.stream().map(name -> new NameProgress(name, NameState.PENDING, Optional.empty())).toList(),
                List.of(), Optional.empty(), Optional.empty()));
        calls.add("requestCertificate " + actor);
        return ticket;
    }

    @Override
    public synchronized Optional<OrderProgress> progress(String ticket) {
        return Optional.ofNullable(orders.get(ticket));
    }

    @Override
    public synchronized Optional<OrderProgress> latestOrder() {
        return orders.values().stream().reduce((first, second) -> second);
    }

    @Override
    public void confirmDnsRecords(String ticket, String actor) {
        calls.add("confirmDnsRecords " + actor + " " + ticket);
    }

    @Override
    public void cancel(String ticket, String actor) {
        calls.add("cancel " + actor + " " + ticket);
    }

    @Override
    public synchronized ClassicRequestView startClassicRequest(String actor) {
        KeyPair key = KeyType.EC_P256.generate();
        String csr = CsrBuilder.build(key, KeyType.EC_P256, requestNames.get(0), requestNames, null).pem();
        ClassicRequestView request = new ClassicRequestView("classic-" + classicIds.incrementAndGet(), requestNames,
                csr, VerificationMailboxes.forNames(requestNames), Instant.now());
        classicRequests.put(request.id(), request);
        calls.add("startClassicRequest " + actor);
        return request;
    }

    @Override
    public synchronized List<ClassicRequestView> pendingClassicRequests() {
        return List.copyOf(classicRequests.values());
    }

    @Override
    public Optional<ClassicRequestView> renewableClassicRequest() {
        return Optional.ofNullable(renewable);
    }

    @Override
    public synchronized ClassicRequestView renewClassicRequest(String actor) {
        if (renewable == null) {
            throw new Refusal(Sentence.of("refused.no-saved-csr"));
        }
        ClassicRequestView request = new ClassicRequestView("classic-" + classicIds.incrementAndGet(),
                renewable.names(), renewable.csrPem(), renewable.verificationMailboxes(), Instant.now());
        classicRequests.put(request.id(), request);
        calls.add("renewClassicRequest " + actor);
        return request;
    }

    @Override
    public synchronized ClassicInstallReport acceptClassicCertificate(String requestId, byte[] certificate,
                                                                      byte[] caCertificates, String actor) {
        ClassicRequestView request = classicRequests.get(requestId);
        List<X509Certificate> chain = new ArrayList<>();
        try {
            Collection<? extends java.security.cert.Certificate> parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(certificate));
            parsed.forEach(entry -> chain.add((X509Certificate) entry));
        } catch (CertificateException e) {
            // reported below, like an empty file
        }
        if (chain.isEmpty()) {
            throw new Refusal(Sentence.of("classic.refused.NOT_A_CERTIFICATE"));
        }
        if (classicRefusal != null) {
            throw classicRefusal;
        }
        calls.add("acceptClassicCertificate " + actor + " " + requestId);
        if (classicInstall.installed()) {
            renewable = classicRequests.remove(requestId);
            history.add(0, new CertificateEvent(Instant.now(), CertificateEventType.ISSUED, actor, request.names(),
                    CertificateFacts.of(chain), "classic CA"));
        }
        return classicInstall;
    }

    @Override
    public void revoke(String serialNumber, String reason, String actor) {
        CertificateEvent issued = history.stream()
                .filter(event -> event.certificate() != null && event.certificate().serialNumber().equals(serialNumber))
                .findFirst().orElseThrow();
        history.add(0, new CertificateEvent(Instant.now(), CertificateEventType.REVOKED, actor, issued.names(),
                issued.certificate(), reason));
        calls.add("revoke " + actor + " " + serialNumber + " " + reason);
    }

    @Override
    public List<CertificateEvent> history(int limit) {
        return history.stream().limit(limit).toList();
    }
}
