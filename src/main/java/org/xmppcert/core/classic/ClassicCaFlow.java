package org.xmppcert.core.classic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.xmppcert.core.classic.ClassicCaException.Reason;
import org.xmppcert.core.csr.CertificateSigningRequest;
import org.xmppcert.core.csr.CsrBuilder;
import org.xmppcert.core.csr.XmppIdentities;
import org.xmppcert.core.keys.KeyPairCodec;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.core.names.DnsNames;
import org.xmppcert.core.names.NameCoverage;
import org.xmppcert.core.secrets.SecretSealer;

/**
 * The flow of CAs without ACME, as the XMPP ICA, StartCom and CAcert ran it: we make the key and the
 * CSR; the admin pastes the CSR into the CA's web form; the CA mails a verification code to one of
 * the domain's {@link VerificationMailboxes role mailboxes}; the admin enters it at the CA, gets the
 * certificate back and gives it to {@link #accept}. Between {@link #start} and {@link #accept} lie
 * hours or days and a human, so the request lives in a {@link PendingRequestStore}, its key sealed.
 *
 * <p>Acceptance checks what a TLS peer would otherwise find out the hard way: the certificate is for
 * the request's key, names every requested name, is valid now and chains to a trusted root. Any
 * failure leaves the request pending, so a wrong paste costs nothing but another try.
 */
public final class ClassicCaFlow {

    private final PendingRequestStore store;
    private final SecretSealer sealer;
    private final List<X509Certificate> trustedRoots;
    private final Clock clock;

    /**
     * @param trustedRoots the roots certificates must chain to unless the admin supplies another;
     *                     usually {@link TrustedRoots#ofJvm()}
     */
    public ClassicCaFlow(PendingRequestStore store, SecretSealer sealer, Collection<X509Certificate> trustedRoots,
                         Clock clock) {
        this.store = store;
        this.sealer = sealer;
        this.trustedRoots = List.copyOf(trustedRoots);
        this.clock = clock;
    }

    /**
     * Makes a new key and its CSR and keeps both as a pending request; show the admin
     * {@code csr().pem()} to paste, and {@link VerificationMailboxes#forNames} to make sure the code
     * will reach someone.
     *
     * @param names          the names to request, the XMPP domain first (it becomes the subject's CN)
     * @param xmppIdentities whether to add id-on-xmppAddr for each name and SRVName for the XMPP
     *                       domain, for CAs that issue them (the XMPP ICA did); most CAs refuse them
     * @throws org.xmppcert.core.names.InvalidNameException if a name is not a DNS name, with the reason
     */
    public PendingRequest start(List<String> names, KeyType keyType, boolean xmppIdentities) {
        List<String> requested = normalize(names);
        XmppIdentities identities = null;
        if (xmppIdentities) {
            if (requested.get(0).startsWith("*.")) {
                throw new IllegalArgumentException("The XMPP domain cannot be a wildcard: " + requested.get(0));
            }
            identities = new XmppIdentities(
                    requested.stream().filter(name -> !name.startsWith("*.")).toList(), requested.get(0));
        }
        KeyPair keyPair = keyType.generate();
        CertificateSigningRequest csr = CsrBuilder.build(keyPair, keyType, requested.get(0), requested, identities);
        PendingRequest request = new PendingRequest(UUID.randomUUID().toString(), requested, keyType, csr,
                seal(keyPair), clock.instant(), xmppIdentities);
        store.save(request);
        return request;
    }

    /** {@link #accept(String, byte[], byte[])} for a CA answer that carries its own intermediates. */
    public AcceptedCertificate accept(String pendingId, byte[] issued) throws ClassicCaException {
        return accept(pendingId, issued, new byte[0]);
    }

    /**
     * Checks the CA's answer against the pending request. The request stays pending: call
     * {@link #complete} once the certificate and key are installed and stored, since until then the
     * pending request is the only place the key is kept. Revocation is not checked: a classic CA's OCSP responder or CRL may be unreachable from the
     * server (or gone, like StartCom's), Let's Encrypt has shut its OCSP service down, and a
     * certificate the CA has just issued is not yet revoked anyway.
     *
     * @param issued        what the CA returned (pasted text as UTF-8, or an uploaded file): a PEM
     *                      chain, PKCS#7 or DER; in any order, with any text around PEM blocks
     * @param caCertificates certificates the admin adds, in the same formats, or empty: the CA's
     *                      intermediates if its answer lacked them, and its root if that is not in
     *                      the trust store. Self-signed certificates given here are trusted as roots;
     *                      self-signed ones inside the CA's answer are not, or any chain would pass
     * @throws ClassicCaException with a message for the admin; the request stays pending
     */
    public AcceptedCertificate accept(String pendingId, byte[] issued, byte[] caCertificates) throws ClassicCaException {
        PendingRequest request = find(pendingId);
        KeyPair keyPair = openKey(request);
        List<X509Certificate> answer = CertificateReader.read(issued, "The CA's answer");
        List<X509Certificate> supplied = readSupplied(caCertificates);

        X509Certificate leaf = answer.stream().filter(certificate -> isFor(certificate, keyPair)).findFirst()
                .orElseThrow(() -> wrongKey(request, answer));
        checkNames(leaf, request.names());
        Instant now = clock.instant();
        checkValidity(leaf, now);

        Set<X509Certificate> candidates = new LinkedHashSet<>(answer);
        candidates.addAll(supplied);
        CertificateChain chain = CertificateChain.build(leaf, candidates);
        List<X509Certificate> suppliedRoots = supplied.stream().filter(CertificateChain::isSelfSigned).toList();
        List<X509Certificate> validated = validate(chain, suppliedRoots, now);

        return new AcceptedCertificate(request, keyPair, validated, chain.unrelated());
    }

    /** The admin's additions, refused under their own reason so that the admin knows which field to correct. */
    private static List<X509Certificate> readSupplied(byte[] caCertificates) throws ClassicCaException {
        if (caCertificates.length == 0) {
            return List.of();
        }
        try {
            return CertificateReader.read(caCertificates, "The CA certificates you supplied");
        } catch (ClassicCaException e) {
            throw new ClassicCaException(Reason.CA_CERTIFICATES_UNREADABLE, List.of(), e.getMessage(), e);
        }
    }

    /** Retires the request an accepted certificate answered, once that certificate and its key are safely stored. */
    public void complete(AcceptedCertificate accepted) {
        store.delete(accepted.request().id());
    }

    /**
     * Asks for the same certificate again with the saved CSR, and so with the same key, as classic
     * CAs let you renew ("re-use the CSR associated with a previously-issued certificate", in the XMPP
     * ICA's words): nothing new to paste but the CSR the admin may already have on file. Start a
     * fresh request instead when the key may have leaked.
     *
     * @param fulfilled the request of the certificate to renew ({@link AcceptedCertificate#request()}),
     *                  or one still pending
     * @return the new pending request, saved, with a new id and the same CSR and sealed key
     * @throws ClassicCaException if the saved key can no longer be opened or does not match the CSR
     */
    public PendingRequest renew(PendingRequest fulfilled) throws ClassicCaException {
        KeyPair keyPair = openKey(fulfilled);
        if (!Arrays.equals(csrPublicKey(fulfilled.csr()), keyPair.getPublic().getEncoded())) {
            throw new ClassicCaException(Reason.KEY_NOT_FOR_CSR, List.of(),
                    "The saved key does not belong to the saved CSR; start a new request instead.");
        }
        PendingRequest renewal = new PendingRequest(UUID.randomUUID().toString(), fulfilled.names(),
                fulfilled.keyType(), fulfilled.csr(), fulfilled.sealedKey(), clock.instant(), fulfilled.xmppIdentities());
        store.save(renewal);
        return renewal;
    }

    private PendingRequest find(String pendingId) throws ClassicCaException {
        Optional<PendingRequest> request = store.find(pendingId);
        if (request.isEmpty()) {
            throw new ClassicCaException(Reason.UNKNOWN_REQUEST, List.of(pendingId),
                    "There is no pending request " + pendingId + " (already answered, or deleted).");
        }
        return request.get();
    }

    private String seal(KeyPair keyPair) {
        byte[] pem = KeyPairCodec.toPem(keyPair).getBytes(StandardCharsets.UTF_8);
        try {
            return sealer.seal(pem);
        } finally {
            Arrays.fill(pem, (byte) 0);
        }
    }

    private KeyPair openKey(PendingRequest request) throws ClassicCaException {
        byte[] pem;
        try {
            pem = sealer.open(request.sealedKey());
        } catch (IllegalArgumentException e) {
            throw new ClassicCaException(Reason.KEY_UNREADABLE, List.of(), "The key of this request cannot be decrypted with "
                    + "this server's key (was the server's encryption key changed?); start a new request.");
        }
        try {
            return KeyPairCodec.fromPem(new String(pem, StandardCharsets.UTF_8));
        } finally {
            Arrays.fill(pem, (byte) 0);
        }
    }

    private static boolean isFor(X509Certificate certificate, KeyPair keyPair) {
        return Arrays.equals(certificate.getPublicKey().getEncoded(), keyPair.getPublic().getEncoded());
    }

    /** Points to the request the certificate does belong to, if it is one of ours: pasting into the wrong row happens. */
    private ClassicCaException wrongKey(PendingRequest request, List<X509Certificate> answer) {
        String message = "This certificate was issued for a different key: it does not belong to this request.";
        for (PendingRequest other : store.list()) {
            if (!other.id().equals(request.id()) && answer.stream().anyMatch(certificate ->
                    Arrays.equals(certificate.getPublicKey().getEncoded(), csrPublicKey(other.csr())))) {
                String names = String.join(", ", other.names());
                return new ClassicCaException(Reason.ANSWERS_OTHER_REQUEST, List.of(names, other.createdAt()),
                        message + " It answers the pending request for " + names + " made " + other.createdAt() + ".");
            }
        }
        return new ClassicCaException(Reason.WRONG_KEY, List.of(), message);
    }

    private static byte[] csrPublicKey(CertificateSigningRequest csr) {
        try {
            return new PKCS10CertificationRequest(csr.der()).getSubjectPublicKeyInfo().getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("A CSR we built cannot be read back", e);
        }
    }

    private static void checkNames(X509Certificate leaf, List<String> names) throws ClassicCaException {
        List<String> missing = NameCoverage.missing(leaf, names);
        if (!missing.isEmpty()) {
            List<String> present = NameCoverage.dnsNames(leaf);
            throw new ClassicCaException(Reason.MISSING_NAMES,
                    List.of(String.join(", ", missing), String.join(", ", present)), "The certificate does not cover "
                    + String.join(", ", missing) + " (it names "
                    + (present.isEmpty() ? "no DNS name" : String.join(", ", present))
                    + "). Ask the CA for a certificate with every name of the request.");
        }
    }

    private static void checkValidity(X509Certificate leaf, Instant now) throws ClassicCaException {
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (now.isBefore(notBefore)) {
            throw new ClassicCaException(Reason.NOT_YET_VALID, List.of(notBefore, notAfter, now),
                    "The certificate is not valid yet: it is valid from "
                    + notBefore + " to " + notAfter + " and it is now " + now
                    + ". Check the server's clock, or install it once it is valid.");
        }
        if (now.isAfter(notAfter)) {
            throw new ClassicCaException(Reason.EXPIRED, List.of(notAfter, notBefore), "The certificate expired on " + notAfter
                    + " (it was valid from " + notBefore + "). Ask the CA for a new one; this request can be reused.");
        }
    }

    /**
     * PKIX validation (RFC 5280) of the chain against the trusted roots and the admin's, at
     * {@code now}. The path handed to the validator leaves out a self-signed root at its end: the
     * root is the anchor, never part of the path.
     *
     * @return the chain, leaf first, ending with the root that anchored it
     */
    private List<X509Certificate> validate(CertificateChain chain, List<X509Certificate> suppliedRoots, Instant now)
            throws ClassicCaException {
        List<X509Certificate> path = chain.certificates();
        X509Certificate top = chain.top();
        if (path.size() > 1 && CertificateChain.isSelfSigned(top)) {
            path = path.subList(0, path.size() - 1);
        }
        if (path.size() == 1 && CertificateChain.isSelfSigned(top)) {
            throw new ClassicCaException(Reason.SELF_SIGNED, List.of(),
                    "The certificate is self-signed: no CA vouches for it. Give the certificate the CA issued.");
        }
        Set<TrustAnchor> anchors = new HashSet<>();
        for (X509Certificate root : trustedRoots) {
            anchors.add(new TrustAnchor(root, null));
        }
        for (X509Certificate root : suppliedRoots) {
            anchors.add(new TrustAnchor(root, null));
        }
        try {
            if (anchors.isEmpty()) {
                throw new CertPathValidatorException("no trusted roots");
            }
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            List<X509Certificate> validated = new ArrayList<>(path);
            validated.add(result.getTrustAnchor().getTrustedCert());
            return validated;
        } catch (CertPathValidatorException e) {
            throw untrusted(top, anchors, e);
        } catch (GeneralSecurityException e) {
            throw new ClassicCaException(Reason.UNTRUSTED_CHAIN, List.of(String.valueOf(e.getMessage())),
                    "The certificate chain cannot be checked: " + e.getMessage(), e);
        }
    }

    /** Tells a missing intermediate from an unknown root, as the admin's remedy differs; anything else as the JDK says it. */
    private static ClassicCaException untrusted(X509Certificate top, Set<TrustAnchor> anchors,
                                                CertPathValidatorException e) {
        boolean selfSigned = CertificateChain.isSelfSigned(top);
        X500Principal needed = selfSigned ? top.getSubjectX500Principal() : top.getIssuerX500Principal();
        boolean anchored = anchors.stream().anyMatch(anchor -> anchor.getTrustedCert().getSubjectX500Principal().equals(needed));
        if (!anchored && selfSigned) {
            return new ClassicCaException(Reason.UNKNOWN_ROOT, List.of(needed.getName()),
                    "The certificate chains to the root \"" + needed.getName() + "\", which is not a trusted root here. If you trust this CA, supply its "
                    + "root certificate.", e);
        }
        if (!anchored) {
            return new ClassicCaException(Reason.MISSING_INTERMEDIATE,
                    List.of(top.getSubjectX500Principal().getName(), needed.getName()),
                    "The chain stops at \"" + top.getSubjectX500Principal().getName() + "\", issued by \"" + needed.getName()
                    + "\", which is neither among the certificates given nor a trusted root. Supply the CA's "
                    + "intermediate certificate(s), and its root if it is not a public one.", e);
        }
        return new ClassicCaException(Reason.UNTRUSTED_CHAIN, List.of(String.valueOf(e.getMessage())),
                "The certificate chain does not validate: " + e.getMessage() + ".", e);
    }

    private static List<String> normalize(List<String> names) {
        Set<String> normalized = new LinkedHashSet<>();
        for (String name : names) {
            normalized.add(DnsNames.normalize(name));
        }
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("A certificate request needs at least one name");
        }
        return List.copyOf(normalized);
    }
}
