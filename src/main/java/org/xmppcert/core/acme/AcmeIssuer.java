package org.xmppcert.core.acme;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppcert.core.challenge.ChallengeException;
import org.xmppcert.core.challenge.Dns01Responder;
import org.xmppcert.core.challenge.DnsVisibilityCheck;
import org.xmppcert.core.challenge.Http01Responder;
import org.xmppcert.core.challenge.TxtRecord;
import org.xmppcert.core.csr.CsrBuilder;
import org.xmppcert.core.issuance.AccountRecord;
import org.xmppcert.core.issuance.AccountStore;
import org.xmppcert.core.issuance.IssuedCertificate;
import org.xmppcert.core.issuance.NameSet;
import org.xmppcert.core.issuance.OrderRecord;
import org.xmppcert.core.issuance.OrderStep;
import org.xmppcert.core.issuance.OrderStore;
import org.xmppcert.core.issuance.RenewalWindow;
import org.xmppcert.core.keys.CertificateChainCodec;
import org.xmppcert.core.keys.KeyPairCodec;
import org.xmppcert.core.keys.KeyPolicy;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.core.names.NameCoverage;
import org.xmppcert.core.secrets.SecretSealer;

/**
 * Obtains certificates from one ACME CA: one order for all names, every authorization worked on
 * at once, then finalize and download.
 *
 * <p>Every step is saved in the {@link OrderStore} as soon as it is reached, so an engine started
 * after a crash picks up the same order (the CA counts orders against rate limits). Keys are saved
 * only sealed. Two requests for the same set of names never run at once, whichever engines they
 * go through: the second is refused.
 * If the CA has forgotten the account (a test CA restarted, an account deleted), the engine
 * registers again and places one new order.
 *
 * <p>Speed: acme4j sends one request at a time per session, so the engine keeps a small pool of
 * sessions for the same account over one shared HTTP client and spreads authorizations over
 * them. Validation is awaited by polling the order (one request) with a short first delay and a
 * growing one after, honouring the CA's Retry-After.
 */
public final class AcmeIssuer implements AutoCloseable {

    /** How long the answers of other names stay published after one name was refused. */
    private static final Duration OTHER_VALIDATIONS_LIMIT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(AcmeIssuer.class);
    private static final URI ALREADY_REPLACED = URI.create("urn:ietf:params:acme:error:alreadyReplaced");

    private final AcmeSettings settings;
    private final AccountStore accounts;
    private final OrderStore orders;
    private final SecretSealer sealer;
    private final Http01Responder http01;
    private final Dns01Responder dns01;
    private final DnsVisibilityCheck dnsCheck;
    private final AcmeHttp http;
    /**
     * The name sets being requested now, by any engine in this server. Shared rather than per
     * engine because an engine is built per request (an admin's, a renewal's, a component's), all
     * over the one order store: two engines working on the same names would resume the same saved
     * order, or place a second one, at once.
     */
    private static final Set<NameSet> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    private final ExecutorService workers;
    private final Map<String, RenewalInfoRead> renewalInfoReads = new ConcurrentHashMap<>();
    private List<Login> logins;

    private AcmeIssuer(Builder builder) {
        this.settings = builder.settings;
        this.accounts = Objects.requireNonNull(builder.accounts, "account store");
        this.orders = Objects.requireNonNull(builder.orders, "order store");
        this.sealer = Objects.requireNonNull(builder.sealer, "secret sealer");
        this.http01 = builder.http01;
        this.dns01 = builder.dns01;
        this.dnsCheck = builder.dnsCheck;
        this.http = new AcmeHttp(settings.trustAnchor().orElse(null));
        AtomicInteger threadNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.parallelism(), task -> {
            Thread thread = new Thread(task, "acme-issuer-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public static Builder builder(AcmeSettings settings) {
        return new Builder(Objects.requireNonNull(settings, "settings"));
    }

    /**
     * Obtains a certificate for {@code names} (the first becomes the subject CN) with a new key
     * of {@code keyType}, or finishes the order already saved for the same names.
     *
     * @throws IssuanceException saying what failed, for which names, and what the admin can do;
     *                           {@link IssuanceProblem#ALREADY_IN_PROGRESS} if the same names are being requested now
     */
    public IssuedCertificate issue(List<String> names, KeyType keyType) throws IssuanceException, InterruptedException {
        return issue(names, new KeyPolicy(keyType, false), Optional.empty());
    }

    /**
     * Obtains a certificate for {@code names} with the key {@code keyPolicy} chooses: the current
     * certificate's key when the admin keeps keys across renewals, else a new one. A saved order for
     * the same names is finished with the key it was placed with.
     *
     * @param currentKey the key of the certificate being renewed, if any
     */
    public IssuedCertificate issue(List<String> names, KeyPolicy keyPolicy, Optional<KeyPair> currentKey)
            throws IssuanceException, InterruptedException {
        return issue(names, keyPolicy, currentKey, IssuanceObserver.NONE);
    }

    /**
     * {@link #issue(List, KeyPolicy, Optional)}, telling {@code observer} how each name and the
     * order progress.
     */
    public IssuedCertificate issue(List<String> names, KeyPolicy keyPolicy, Optional<KeyPair> currentKey,
                                   IssuanceObserver observer) throws IssuanceException, InterruptedException {
        return issue(names, keyPolicy, currentKey, Optional.empty(), observer);
    }

    /**
     * {@link #issue(List, KeyPolicy, Optional)} for a renewal: when the CA offers renewal
     * information, the new order names the certificate it replaces (RFC 9773 section 5), which
     * tells the CA the renewal is the one it asked for; Let's Encrypt exempts such renewals from
     * its rate limits.
     *
     * @param replaced the certificate in service, if it came from this CA
     */
    public IssuedCertificate renew(List<String> names, KeyPolicy keyPolicy, Optional<KeyPair> currentKey,
                                   Optional<X509Certificate> replaced) throws IssuanceException, InterruptedException {
        return issue(names, keyPolicy, currentKey, replaced, IssuanceObserver.NONE);
    }

    private IssuedCertificate issue(List<String> names, KeyPolicy keyPolicy, Optional<KeyPair> currentKey,
                                    Optional<X509Certificate> replaced, IssuanceObserver observer)
            throws IssuanceException, InterruptedException {
        NameSet nameSet = new NameSet(names);
        Watch watch = new Watch(observer);
        if (!IN_FLIGHT.add(nameSet)) {
            throw new IssuanceException(IssuanceProblem.ALREADY_IN_PROGRESS, nameSet.names(), null, null, null, null);
        }
        try {
            try {
                return attempt(nameSet, keyPolicy, currentKey, replaced, false, watch);
            } catch (AccountGone gone) {
                LOG.info("The CA at {} no longer knows our account; registering again and placing a new order for {}",
                        settings.directory(), nameSet);
                orders.delete(nameSet);
                try {
                    return attempt(nameSet, keyPolicy, currentKey, replaced, true, watch);
                } catch (AccountGone again) {
                    throw again.failure;
                }
            }
        } finally {
            IN_FLIGHT.remove(nameSet);
        }
    }

    /**
     * Revokes a certificate this issuer's account obtained, signed with the account key: the CA
     * checks that the account holds authorizations for every name, which is true for certificates
     * it issued to us.
     *
     * @throws IssuanceException {@link IssuanceProblem#ACCOUNT} when no account exists at this CA,
     *                           or what the CA answered
     */
    public void revoke(X509Certificate certificate, RevocationReason reason) throws IssuanceException {
        List<String> names = NameCoverage.dnsNames(certificate);
        if (accounts.load(settings.directory()).isEmpty()) {
            throw new IssuanceException(IssuanceProblem.ACCOUNT, names, null,
                    "this server has no account at " + settings.directory() + ", so it cannot have obtained this"
                            + " certificate there", null, null);
        }
        try {
            Certificate.revoke(logins(false).get(0), certificate, reason);
            LOG.info("Revoked the certificate {} for {} ({})", certificate.getSerialNumber().toString(16), names, reason);
        } catch (AcmeException | AcmeLazyLoadingException | AcmeProtocolException e) {
            throw AcmeFailures.of(e, names);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    private IssuedCertificate attempt(NameSet names, KeyPolicy keyPolicy, Optional<KeyPair> currentKey,
                                      Optional<X509Certificate> replaced, boolean register, Watch watch) throws IssuanceException, AccountGone, InterruptedException {
        watch.phase(IssuanceObserver.Phase.ORDERING);
        try {
            List<Login> pool = logins(register);
            Login login = pool.get(0);
            OrderRecord record = orders.load(names)
                    .filter(saved -> saved.directory().equals(settings.directory()))
                    .orElse(null);
            if (record != null && record.step() == OrderStep.DOWNLOADED) {
                LOG.info("Handing over the certificate already downloaded for {}", names);
                return handOver(record, login);
            }
            Order order = record != null ? resume(record, login) : null;
            if (order == null) {
                KeyPair certificateKey = keyPolicy.keyFor(currentKey);
                order = placeOrder(login, names, replaced);
                record = new OrderRecord(names.names(), keyPolicy.type(), seal(certificateKey), settings.directory(),
                        uri(order.getLocation()), OrderStep.CREATED, null, Instant.now());
                orders.save(record);
                LOG.info("Placed order {} for {}", order.getLocation(), names);
            }
            return complete(order, record, names, pool, watch);
        } catch (AcmeException | AcmeLazyLoadingException | AcmeProtocolException e) {
            if (isAccountGone(e) && !register) {
                throw new AccountGone(AcmeFailures.of(e, names.names()));
            }
            throw AcmeFailures.of(e, names.names());
        }
    }

    /**
     * A new order for {@code names}, naming the certificate it replaces when the CA offers renewal
     * information (acme4j refuses {@code replaces} otherwise). A CA that has already seen that
     * certificate replaced (an earlier renewal whose certificate was never installed) refuses the
     * order; it is then placed again without naming it, as a plain order.
     */
    private static Order placeOrder(Login login, NameSet names, Optional<X509Certificate> replaced)
            throws AcmeException {
        if (replaced.isEmpty() || login.getSession().resourceUrlOptional(Resource.RENEWAL_INFO).isEmpty()) {
            return login.newOrder().domains(names.names()).create();
        }
        OrderBuilder replacing = login.newOrder().domains(names.names()).replaces(replaced.get());
        try {
            return replacing.create();
        } catch (AcmeServerException e) {
            if (!ALREADY_REPLACED.equals(e.getType())) {
                throw e;
            }
            LOG.info("The CA says the certificate {} was already replaced; ordering for {} without naming it",
                    replaced.get().getSerialNumber().toString(16), names);
            return login.newOrder().domains(names.names()).create();
        }
    }

    /** Takes an order from wherever it stands to a downloaded certificate, saving each step. */
    private IssuedCertificate complete(Order order, OrderRecord placed, NameSet names, List<Login> pool, Watch watch)
            throws AcmeException, IssuanceException, InterruptedException {
        OrderRecord record = placed;
        if (order.getStatus() == Status.PENDING) {
            answerChallenges(order, record, pool, watch);
        }
        if (order.getStatus() == Status.INVALID) {
            throw explainInvalid(order, names, pool);
        }
        if (order.getStatus() == Status.READY) {
            watch.phase(IssuanceObserver.Phase.FINALIZING);
            KeyPair certificateKey = open(record.sealedKeyPair());
            order.execute(CsrBuilder.build(certificateKey, record.keyType(), record.names().get(0), record.names(), null).der());
            record = record.at(OrderStep.FINALIZED);
            orders.save(record);
        }
        if (!Polling.until(order::fetch, () -> isSettled(order.getStatus()), settings.validationTimeout())) {
            throw new IssuanceException(IssuanceProblem.TIMEOUT, names.names(), null,
                    "the CA did not issue within " + settings.validationTimeout().toSeconds() + " s after finalization",
                    null, null);
        }
        if (order.getStatus() != Status.VALID) {
            throw explainInvalid(order, names, pool);
        }
        Certificate certificate = chosenChain(order.getCertificate());
        record = record.downloaded(CertificateChainCodec.toPem(certificate.getCertificateChain()));
        orders.save(record);
        watch.phase(IssuanceObserver.Phase.ISSUED);
        return handOver(record, pool.get(0));
    }

    /** The saved order, fresh from the CA, or {@code null} if the CA no longer has it in a state worth finishing. */
    private Order resume(OrderRecord record, Login login) throws AcmeException {
        Order order = login.bindOrder(url(record.orderUrl()));
        try {
            order.fetch();
        } catch (AcmeServerException e) {
            if (isAccountGone(e)) {
                throw e;
            }
            LOG.info("Saved order {} for {} is gone at the CA ({}); placing a new one", record.orderUrl(),
                    String.join(", ", record.names()), e.getMessage());
            return null;
        }
        Status status = order.getStatus();
        if (status == Status.INVALID || status == Status.EXPIRED || status == Status.DEACTIVATED
                || status == Status.CANCELED || status == Status.REVOKED) {
            LOG.info("Saved order {} is {}; placing a new one", record.orderUrl(), status);
            return null;
        }
        LOG.info("Resuming order {} for {} at step {} ({} at the CA)", record.orderUrl(),
                String.join(", ", record.names()), record.step(), status);
        return order;
    }

    /**
     * Puts every challenge answer in place, tells the CA to validate and waits until the order is
     * no longer pending. Authorizations already valid are skipped; challenges the CA is already
     * processing (after a restart) get their answer served again but are not triggered twice.
     */
    private void answerChallenges(Order order, OrderRecord record, List<Login> pool, Watch watch)
            throws AcmeException, IssuanceException, InterruptedException {
        List<URL> locations = order.getAuthorizations().stream().map(Authorization::getLocation).toList();
        List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        inParallel(locations, pool, (location, login) -> {
            Authorization authorization = login.bindAuthorization(location);
            authorization.fetch();
            if (authorization.getStatus() == Status.PENDING) {
                Answer answer = answerFor(authorization);
                watch.pending(answer.name);
                answers.add(answer);
            } else if (authorization.getStatus() == Status.VALID) {
                watch.valid(nameOf(authorization));
            } else {
                throw watch.invalid(explainAuthorization(authorization));
            }
        });
        List<Answer> http = answers.stream().filter(a -> a.challenge instanceof Http01Challenge).toList();
        List<TxtRecord> txtRecords = answers.stream().filter(a -> a.challenge instanceof Dns01Challenge)
                .filter(a -> a.challenge.getStatus() == Status.PENDING)
                .map(a -> new TxtRecord(a.name, ((Dns01Challenge) a.challenge).getDigest())).toList();
        try {
            for (Answer answer : http) {
                Http01Challenge challenge = (Http01Challenge) answer.challenge;
                http01.publish(answer.name, challenge.getToken(), challenge.getAuthorization());
            }
            if (!txtRecords.isEmpty()) {
                deployAndCheck(txtRecords);
            }
            orders.save(record.at(OrderStep.CHALLENGES_ANSWERED));
            watch.phase(IssuanceObserver.Phase.VALIDATING);
            inParallel(answers.stream().filter(a -> a.challenge.getStatus() == Status.PENDING).toList(), pool,
                    (answer, login) -> answer.challenge.trigger());
            answers.forEach(answer -> watch.answered(answer.name));
            if (!Polling.until(order::fetch, () -> order.getStatus() != Status.PENDING, settings.validationTimeout())) {
                throw new IssuanceException(IssuanceProblem.TIMEOUT, answers.stream().map(a -> a.name).toList(),
                        answers.get(0).challenge.getType(), "the CA did not finish validating within "
                        + settings.validationTimeout().toSeconds() + " s", null, null);
            }
            if (order.getStatus() == Status.INVALID) {
                awaitOtherValidations(answers);
            }
            if (watch.watching()) {
                reportValidation(answers, pool, watch);
            }
        } finally {
            for (Answer answer : http) {
                http01.withdraw(((Http01Challenge) answer.challenge).getToken());
            }
            if (!txtRecords.isEmpty()) {
                dns01.remove(txtRecords);
            }
        }
    }

    /**
     * One refused name ends the order while the CA may still be validating the others. Their answers
     * stay published until it is done: withdrawing them now would fail names that are fine, and each
     * such failure counts against the CA's limit of failed validations per name (5 an hour at Let's
     * Encrypt). Bounded, and only on this failure path.
     */
    private void awaitOtherValidations(List<Answer> answers) throws AcmeException, InterruptedException {
        for (Answer answer : answers) {
            Polling.until(answer.challenge::fetch, () -> answer.challenge.getStatus() != Status.PENDING
                    && answer.challenge.getStatus() != Status.PROCESSING, OTHER_VALIDATIONS_LIMIT);
        }
    }

    private void deployAndCheck(List<TxtRecord> records) throws IssuanceException, InterruptedException {
        List<String> names = records.stream().map(TxtRecord::domain).toList();
        try {
            dns01.deploy(records);
            dnsCheck.awaitVisible(records);
        } catch (ChallengeException e) {
            throw new IssuanceException(IssuanceProblem.CHALLENGE_SETUP, names, ChallengeType.DNS_01.acmeName(),
                    e.getMessage(), null, e);
        }
    }

    /**
     * Tells the observer how the CA judged each answered name. Only when someone watches: it costs
     * a request per name, which the order's own status makes unnecessary otherwise.
     */
    private void reportValidation(List<Answer> answers, List<Login> pool, Watch watch)
            throws AcmeException, IssuanceException, InterruptedException {
        inParallel(answers, pool, (answer, login) -> {
            Authorization authorization = login.bindAuthorization(answer.location);
            authorization.fetch();
            if (authorization.getStatus() == Status.VALID) {
                watch.valid(answer.name);
            } else if (authorization.getStatus() != Status.PENDING) {
                watch.invalid(explainAuthorization(authorization));
            }
        });
    }

    /** The challenge to answer for a pending authorization: dns-01 for wildcards, otherwise the configured type. */
    private Answer answerFor(Authorization authorization) throws IssuanceException {
        String name = nameOf(authorization);
        ChallengeType wanted = authorization.isWildcard() ? ChallengeType.DNS_01 : settings.challengeType();
        boolean answerable = wanted == ChallengeType.HTTP_01 ? http01 != null : dns01 != null && dnsCheck != null;
        Optional<Challenge> challenge = authorization.findChallenge(wanted.acmeName());
        if (!answerable || challenge.isEmpty()) {
            throw new IssuanceException(IssuanceProblem.NO_SUITABLE_CHALLENGE, List.of(name), wanted.acmeName(),
                    answerable ? "the CA does not offer " + wanted.acmeName() + " for this name"
                            : "no " + wanted.acmeName() + " responder is configured", null, null);
        }
        return new Answer(name, authorization.getLocation(), challenge.get());
    }

    /** Why an order ended invalid: the failed challenges of its authorizations, or the order's own error. */
    private IssuanceException explainInvalid(Order order, NameSet names, List<Login> pool)
            throws AcmeException, InterruptedException {
        List<IssuanceException> found = Collections.synchronizedList(new ArrayList<>());
        List<URL> locations = order.getAuthorizations().stream().map(Authorization::getLocation).toList();
        try {
            inParallel(locations, pool, (location, login) -> {
                Authorization authorization = login.bindAuthorization(location);
                authorization.fetch();
                // One refused name ends the order while others may still be under validation: those are not to blame.
                if (authorization.getStatus() != Status.VALID && authorization.getStatus() != Status.PENDING) {
                    found.add(explainAuthorization(authorization));
                }
            });
        } catch (IssuanceException e) {
            found.add(e);
        }
        List<IssuanceException> failures = List.copyOf(found);
        if (failures.isEmpty()) {
            return order.getError()
                    .map(problem -> AcmeFailures.ofProblem(problem, names.names(), null, null))
                    .orElseGet(() -> new IssuanceException(IssuanceProblem.OTHER, names.names(), null,
                            "the order became " + order.getStatus() + " without an error", null, null));
        }
        if (failures.size() == 1) {
            return failures.get(0);
        }
        IssuanceException first = failures.get(0);
        List<String> failedNames = failures.stream().flatMap(f -> f.names().stream()).distinct().toList();
        String details = String.join("; ", failures.stream()
                .map(f -> String.join(", ", f.names()) + ": " + f.caDetail().orElse(f.problem().name())).toList());
        return new IssuanceException(first.problem(), failedNames, first.challengeType().orElse(null), details, null, first);
    }

    private static String nameOf(Authorization authorization) {
        String domain = authorization.getIdentifier().getDomain();
        return authorization.isWildcard() ? "*." + domain : domain;
    }

    private static IssuanceException explainAuthorization(Authorization authorization) {
        String name = nameOf(authorization);
        for (Challenge challenge : authorization.getChallenges()) {
            Optional<Problem> error = challenge.getError();
            if (error.isPresent()) {
                return AcmeFailures.ofProblem(error.get(), List.of(name), challenge.getType(), null);
            }
        }
        return new IssuanceException(IssuanceProblem.OTHER, List.of(name), null,
                "the authorization is " + authorization.getStatus(), null, null);
    }

    private IssuedCertificate handOver(OrderRecord record, Login login) throws IssuanceException {
        List<X509Certificate> chain = CertificateChainCodec.fromPem(record.chain().orElseThrow());
        KeyPair keyPair = open(record.sealedKeyPair());
        IssuedCertificate issued = new IssuedCertificate(record.names(), chain, keyPair, windowAtIssuance(login, chain.get(0)));
        orders.delete(record.nameSet());
        LOG.info("Obtained {}", issued);
        return issued;
    }

    private Certificate chosenChain(Certificate offered) throws AcmeException {
        offered.download();
        Optional<String> preferred = settings.preferredChainIssuer();
        if (preferred.isEmpty()) {
            return offered;
        }
        Optional<Certificate> match = offered.findCertificate(preferred.get());
        if (match.isEmpty()) {
            LOG.info("No chain issued by {} is offered; keeping the default chain", preferred.get());
        }
        return match.orElse(offered);
    }

    /**
     * The CA's renewal window for a certificate it issued, as the CA sees it now (RFC 9773): what
     * the renewal check asks before deciding, since the CA moves the window earlier when it must
     * revoke. Within the Retry-After of the CA's last answer, that answer is handed back without
     * asking again (RFC 9773 section 4.3).
     *
     * @return empty when the CA offers no renewal information (its directory has no
     *         {@code renewalInfo}, like Pebble 2.4), when this server has no account there, or when
     *         the CA could not be asked (logged): the caller keeps the window it knew
     */
    public Optional<RenewalWindow> currentRenewalWindow(X509Certificate leaf) {
        RenewalInfoRead earlier = renewalInfoReads.get(serialOf(leaf));
        if (earlier != null && Instant.now().isBefore(earlier.askAgainAfter())) {
            return Optional.of(earlier.window());
        }
        if (accounts.load(settings.directory()).isEmpty()) {
            return Optional.empty();
        }
        try {
            return renewalWindow(logins(false).get(0), leaf);
        } catch (AcmeException | RuntimeException e) {
            LOG.warn("The CA's renewal information could not be read; keeping the renewal time known so far ({})",
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** The CA's suggested renewal window for a certificate just issued; never fails issuance. */
    private Optional<RenewalWindow> windowAtIssuance(Login login, X509Certificate leaf) {
        try {
            return renewalWindow(login, leaf);
        } catch (AcmeException | RuntimeException e) {
            LOG.warn("The CA's renewal information could not be read; renewal will follow the expiry date ({})", e.getMessage());
            return Optional.empty();
        }
    }

    /** The CA's renewal window (RFC 9773); empty when its directory offers no renewal information. */
    private Optional<RenewalWindow> renewalWindow(Login login, X509Certificate leaf) throws AcmeException {
        if (login.getSession().resourceUrlOptional(Resource.RENEWAL_INFO).isEmpty()) {
            return Optional.empty();
        }
        RenewalInfo info = login.bindRenewalInfo(leaf);
        Optional<Instant> retryAfter = info.fetch();
        RenewalWindow window = new RenewalWindow(info.getSuggestedWindowStart(), info.getSuggestedWindowEnd(),
                info.getExplanation().flatMap(AcmeIssuer::toUri));
        Instant now = Instant.now();
        renewalInfoReads.values().removeIf(read -> !now.isBefore(read.askAgainAfter()));
        retryAfter.ifPresent(at -> renewalInfoReads.put(serialOf(leaf), new RenewalInfoRead(window, at)));
        return Optional.of(window);
    }

    private static String serialOf(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    /** A CA's link as a URI; one that is not a valid URI is left out rather than failing. */
    private static Optional<URI> toUri(URL url) {
        try {
            return Optional.of(url.toURI());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The session pool for our account, registering it when there is none yet (or {@code register} asks to). */
    private synchronized List<Login> logins(boolean register) throws AcmeException {
        if (logins != null && !register) {
            return logins;
        }
        URI directory = settings.directory();
        Session first = http.newSession(directory);
        Optional<AccountRecord> saved = accounts.load(directory);
        KeyPair accountKey;
        URL accountUrl;
        if (saved.isPresent() && !register) {
            accountKey = open(saved.get().sealedKeyPair());
            accountUrl = url(saved.get().accountUrl());
        } else {
            accountKey = saved.map(account -> open(account.sealedKeyPair())).orElseGet(KeyType.EC_P256::generate);
            AccountBuilder builder = new AccountBuilder().useKeyPair(accountKey);
            settings.contactEmail().ifPresent(builder::addEmail);
            if (settings.termsOfServiceAgreed()) {
                builder.agreeToTermsOfService();
            }
            settings.externalAccountBinding().ifPresent(eab -> builder.withKeyIdentifier(eab.keyId(), eab.hmacKey()));
            accountUrl = builder.createLogin(first).getAccountLocation();
            accounts.save(new AccountRecord(directory, uri(accountUrl), seal(accountKey)));
            LOG.info("Registered ACME account {} at {}", accountUrl, directory);
        }
        List<Login> pool = new ArrayList<>();
        pool.add(first.login(accountUrl, accountKey));
        for (int i = 1; i < settings.parallelism(); i++) {
            pool.add(http.newSession(directory).login(accountUrl, accountKey));
        }
        logins = List.copyOf(pool);
        return logins;
    }

    /** Runs {@code step} for every item, spread over the session pool, and rethrows the first failure. */
    private <T> void inParallel(List<T> items, List<Login> pool, Step<T> step)
            throws AcmeException, IssuanceException, InterruptedException {
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            Login login = pool.get(i % pool.size());
            running.add(workers.submit(() -> {
                step.run(item, login);
                return null;
            }));
        }
        Throwable failure = null;
        try {
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : e.getCause();
                }
            }
        } catch (InterruptedException e) {
            running.forEach(future -> future.cancel(true));
            throw e;
        }
        if (failure instanceof AcmeException acme) {
            throw acme;
        } else if (failure instanceof IssuanceException issuance) {
            throw issuance;
        } else if (failure instanceof RuntimeException runtime) {
            throw runtime;
        } else if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    @FunctionalInterface
    private interface Step<T> {
        void run(T item, Login login) throws AcmeException, IssuanceException;
    }

    private record Answer(String name, URL location, Challenge challenge) {
    }

    /** The CA's last answer about a certificate's renewal window, and when it may be asked again. */
    private record RenewalInfoRead(RenewalWindow window, Instant askAgainAfter) {
    }

    /** The caller's observer, kept from breaking an issuance it only watches. */
    private record Watch(IssuanceObserver observer) {

        boolean watching() {
            return observer != IssuanceObserver.NONE;
        }

        void phase(IssuanceObserver.Phase phase) {
            tell(() -> observer.phase(phase));
        }

        void pending(String name) {
            tell(() -> observer.pending(name));
        }

        void answered(String name) {
            tell(() -> observer.answered(name));
        }

        void valid(String name) {
            tell(() -> observer.valid(name));
        }

        /** Reports every name of a refusal and hands the refusal back, to be thrown. */
        IssuanceException invalid(IssuanceException refusal) {
            String reason = refusal.caDetail().orElse(refusal.problem().name());
            refusal.names().forEach(name -> tell(() -> observer.invalid(name, reason)));
            return refusal;
        }

        private static void tell(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                LOG.warn("An issuance observer failed; the issuance goes on", e);
            }
        }
    }

    /** The CA forgot our account: worth one fresh registration and order. */
    private static final class AccountGone extends Exception {
        private final IssuanceException failure;

        AccountGone(IssuanceException failure) {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }
    }

    private static boolean isSettled(Status status) {
        return status == Status.VALID || status == Status.INVALID;
    }

    private static boolean isAccountGone(Exception e) {
        Throwable cause = e instanceof AcmeLazyLoadingException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof AcmeServerException server
                && IssuanceProblem.ofAcmeType(server.getType()) == IssuanceProblem.ACCOUNT;
    }

    private String seal(KeyPair keyPair) {
        return sealer.seal(KeyPairCodec.toPem(keyPair).getBytes(StandardCharsets.UTF_8));
    }

    private KeyPair open(String sealed) {
        return KeyPairCodec.fromPem(new String(sealer.open(sealed), StandardCharsets.UTF_8));
    }

    private static URI uri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new AcmeProtocolException("The CA gave an unusable URL: " + url, e);
        }
    }

    private static URL url(URI uri) {
        try {
            return uri.toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Not a URL: " + uri, e);
        }
    }

    /** Wires an engine: its stores, its secret sealer and the challenge responders it may use. */
    public static final class Builder {
        private final AcmeSettings settings;
        private AccountStore accounts;
        private OrderStore orders;
        private SecretSealer sealer;
        private Http01Responder http01;
        private Dns01Responder dns01;
        private DnsVisibilityCheck dnsCheck;

        private Builder(AcmeSettings settings) {
            this.settings = settings;
        }

        public Builder accountStore(AccountStore store) {
            this.accounts = store;
            return this;
        }

        public Builder orderStore(OrderStore store) {
            this.orders = store;
            return this;
        }

        /** Seals the certificate and account keys before they reach a store. */
        public Builder sealer(SecretSealer secretSealer) {
            this.sealer = secretSealer;
            return this;
        }

        public Builder http01(Http01Responder responder) {
            this.http01 = responder;
            return this;
        }

        /** dns-01 records go through {@code responder}; {@code check} then confirms the zone serves them. */
        public Builder dns01(Dns01Responder responder, DnsVisibilityCheck check) {
            this.dns01 = responder;
            this.dnsCheck = check;
            return this;
        }

        public AcmeIssuer build() {
            return new AcmeIssuer(this);
        }
    }
}
