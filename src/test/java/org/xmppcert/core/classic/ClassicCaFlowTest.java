package org.xmppcert.core.classic;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.xmppcert.core.classic.ClassicCaException.Reason;
import org.xmppcert.core.csr.CsrBuilder;
import org.xmppcert.core.keys.KeyPairCodec;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.testing.AesGcmSealer;
import org.xmppcert.testing.TestCertificateAuthority;

/**
 * The classic flow end to end: the test's own BouncyCastle CA plays the classic CA, signing the CSR
 * the flow made, and its answer comes back the ways admins paste and upload certificates.
 */
class ClassicCaFlowTest {

    private static final Instant NOW = Instant.parse("2031-05-14T10:00:00Z");
    private static final List<String> NAMES = List.of("example.org", "conference.example.org");

    private final InMemoryPendingRequestStore store = new InMemoryPendingRequestStore();
    private final AesGcmSealer sealer = AesGcmSealer.withRandomKey();
    private final TestCertificateAuthority ca = TestCertificateAuthority.create("Classic", NOW);
    /** A flow on a server whose trust store holds the test CA's root, as it would a public CA's. */
    private final ClassicCaFlow flow = flowAt(NOW, List.of(ca.root()));

    private ClassicCaFlow flowAt(Instant now, List<X509Certificate> trustedRoots) {
        return new ClassicCaFlow(store, sealer, trustedRoots, Clock.fixed(now, ZoneOffset.UTC));
    }

    private X509Certificate issueValidNow(PendingRequest request) {
        return ca.issue(request.csr(), NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(90)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    @Test
    void pemChainInAnyOrderWithTextAroundIsAcceptedLeafFirst() throws Exception {
        PendingRequest request = flow.start(NAMES, KeyType.EC_P256, false);
        X509Certificate leaf = issueValidNow(request);
        String answer = "Your certificate is ready.\nroot:\n" + TestCertificateAuthority.pem(ca.root())
                + "\nsubject=CN=example.org\n" + TestCertificateAuthority.pem(leaf)
                + "intermediate:\n" + TestCertificateAuthority.pem(ca.intermediate()) + "\nThank you.\n";

        AcceptedCertificate accepted = flow.accept(request.id(), bytes(answer));

        assertEquals(List.of(leaf, ca.intermediate(), ca.root()), accepted.chain());
        assertArrayEquals(leaf.getPublicKey().getEncoded(), accepted.keyPair().getPublic().getEncoded());
        assertEquals(List.of(), accepted.leftOut());
        assertTrue(store.find(request.id()).isPresent(), "the key lives in the request until it is installed");
        flow.complete(accepted);
        assertTrue(store.find(request.id()).isEmpty(), "a completed request is no longer pending");
    }

    @Test
    void pkcs7AsPemAndAsDerIsAccepted() throws Exception {
        PendingRequest pemRequest = flow.start(NAMES, KeyType.EC_P256, false);
        X509Certificate pemLeaf = issueValidNow(pemRequest);
        AcceptedCertificate fromPem = flow.accept(pemRequest.id(),
                bytes(TestCertificateAuthority.pkcs7Pem(ca.intermediate(), pemLeaf, ca.root())));
        assertEquals(List.of(pemLeaf, ca.intermediate(), ca.root()), fromPem.chain());

        PendingRequest derRequest = flow.start(NAMES, KeyType.RSA_2048, false);
        X509Certificate derLeaf = issueValidNow(derRequest);
        AcceptedCertificate fromDer = flow.accept(derRequest.id(),
                TestCertificateAuthority.pkcs7(ca.root(), ca.intermediate(), derLeaf));
        assertEquals(List.of(derLeaf, ca.intermediate(), ca.root()), fromDer.chain());
    }

    @Test
    void derLeafAloneNeedsTheIntermediateWhichTheAdminMaySupply() throws Exception {
        PendingRequest request = flow.start(NAMES, KeyType.EC_P256, false);
        X509Certificate leaf = issueValidNow(request);

        ClassicCaException failure = assertThrows(ClassicCaException.class,
                () -> flow.accept(request.id(), leaf.getEncoded()));
        assertEquals(Reason.MISSING_INTERMEDIATE, failure.reason());
        assertEquals(List.of(leaf.getSubjectX500Principal().getName(), "CN=Classic Intermediate,O=Test"),
                failure.facts(), "the facts a page words the refusal with");
        assertTrue(failure.getMessage().contains("CN=Classic Intermediate,O=Test"), failure.getMessage());
        assertTrue(failure.getMessage().contains("intermediate certificate"), failure.getMessage());

        AcceptedCertificate accepted = flow.accept(request.id(), leaf.getEncoded(),
                bytes(TestCertificateAuthority.pem(ca.intermediate())));
        assertEquals(List.of(leaf, ca.intermediate(), ca.root()), accepted.chain());
    }

    @Test
    void bareBase64OfADerCertificateIsAccepted() throws Exception {
        PendingRequest request = flow.start(NAMES, KeyType.EC_P256, false);
        X509Certificate leaf = issueValidNow(request);
        String pasted = Base64.getMimeEncoder().encodeToString(leaf.getEncoded());

        AcceptedCertificate accepted = flow.accept(request.id(), bytes(pasted),
                bytes(TestCertificateAuthority.pem(ca.intermediate())));

        assertEquals(leaf, accepted.leaf());
    }

    @Test
    void certificateForAnotherKeyIsRefusedAndPointsToTheRequestItAnswers() throws Exception {
        PendingRequest request = flow.start(NAMES, KeyType.EC_P256, false);
        PendingRequest other = flow.start(List.of("other.example.net"), KeyType.EC_P256, false);
        X509Certificate othersLeaf = issueValidNow(other);

        ClassicCaException failure = assertThrows(ClassicCaException.class, () -> flow.accept(request.id(),
                bytes(TestCertificateAuthority.pem(othersLeaf, ca.intermediate()))));

        assertEquals(Reason.ANSWERS_OTHER_REQUEST, failure.reason());
        assertEquals(List.of("other.example.net", other.createdAt()), failure.facts());
        assertTrue(failure.getMessage().startsWith(
                "This certificate was issued for a different key: it does not belong to this request."));
        assertTrue(failure.getMessage().contains("other.example.net"), failure.getMessage());
        assertTrue(store.find(request.id()).isPresent());
    }

    @Test
    void certificateMissingARequestedNameIsRefusedNamingIt() throws Exception {
        PendingRequest request = flow.start(NAMES, KeyType.EC_P256, false);
        X509Certificate leaf = ca.issue(KeyPairCodec.fromPem(new String(sealer.open(request.sealedKey()), UTF_8)).getPublic(),
                List.of("example.org"), NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(90)));

        ClassicCaException failure = assertThrows(ClassicCaException.class, () -> flow.accept(request.id(),
                bytes(TestCertificateAuthority.pem(leaf, ca.intermediate()))));

        assertEquals(Reason.MISSING_NAMES, failure.reason());
        assertEquals(List.of("conference.example.org", "example.org"), failure.facts());
        assertTrue(failure.getMessage().contains("does not cover conference.example.org (it names example.org)"),
                failure.getMessage());
    }

    @Test
    void expiredCertificateIsRefusedWithItsDates() throws Exception {
        PendingRequest request = flow.start(NAMES, KeyType.EC_P256, false);
        X509Certificate leaf = issueValidNow(request);
        ClassicCaFlow later = flowAt(NOW.plus(Duration.ofDays(91)), List.of(ca.root()));

        ClassicCaException failure = assertThrows(ClassicCaException.class, () -> later.accept(request.id(),
                bytes(TestCertificateAuthority.pem(leaf, ca.intermediate()))));

        assertEquals(Reason.EXPIRED, failure.reason());
        assertEquals(List.of(leaf.getNotAfter().toInstant(), leaf.getNotBefore().toInstant()), failure.facts());
        assertTrue(failure.getMessage().contains("expired on " + leaf.getNotAfter().toInstant()), failure.getMessage());
    }

    @Test
    void notYetValidCertificateIsRefusedWithItsDates() throws Exception {
        PendingRequest request = flow.start(NAMES, KeyType.EC_P256, false);
        X509Certificate leaf = ca.issue(request.csr(), NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(92)));

        ClassicCaException failure = assertThrows(ClassicCaException.class, () -> flow.accept(request.id(),
                bytes(TestCertificateAuthority.pem(leaf, ca.intermediate()))));

        assertEquals(Reason.NOT_YET_VALID, failure.reason());
        assertEquals(List.of(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), NOW), failure.facts());
        assertTrue(failure.getMessage().contains("valid from " + leaf.getNotBefore().toInstant()), failure.getMessage());
        assertTrue(failure.getMessage().contains("it is now " + NOW), failure.getMessage());
    }

    @Test
    void unknownRootIsRefusedUnlessTheAdminSuppliesIt() throws Exception {
        ClassicCaFlow withJvmRoots = flowAt(NOW, TrustedRoots.ofJvm());
        PendingRequest request = withJvmRoots.start(NAMES, KeyType.EC_P256, false);
        X509Certificate leaf = issueValidNow(request);
        byte[] fullChain = bytes(TestCertificateAuthority.pem(leaf, ca.intermediate(), ca.root()));

        ClassicCaException failure = assertThrows(ClassicCaException.class,
                () -> withJvmRoots.accept(request.id(), fullChain));
        assertEquals(Reason.UNKNOWN_ROOT, failure.reason());
        assertEquals(List.of("CN=Classic Root,O=Test"), failure.facts());
        assertTrue(failure.getMessage().contains("root \"CN=Classic Root,O=Test\", which is not a trusted root"),
                failure.getMessage());

        AcceptedCertificate accepted = withJvmRoots.accept(request.id(), fullChain,
                bytes(TestCertificateAuthority.pem(ca.root())));
        assertEquals(List.of(leaf, ca.intermediate(), ca.root()), accepted.chain());
    }

    @Test
    void certificatesOutsideTheChainAreLeftOutWithANote() throws Exception {
        PendingRequest request = flow.start(NAMES, KeyType.EC_P256, false);
        X509Certificate leaf = issueValidNow(request);
        TestCertificateAuthority stranger = TestCertificateAuthority.create("Stranger", NOW);

        AcceptedCertificate accepted = flow.accept(request.id(),
                bytes(TestCertificateAuthority.pem(stranger.intermediate(), leaf, ca.intermediate())));

        assertEquals(List.of(leaf, ca.intermediate(), ca.root()), accepted.chain());
        assertEquals(List.of(stranger.intermediate()), accepted.leftOut());
    }

    @Test
    void garbageIsNotACertificate() {
        PendingRequest request = flow.start(NAMES, KeyType.EC_P256, false);

        for (String garbage : List.of("hello, here is my certificate!", "aGVsbG8=", "",
                "-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJAK\n-----END CERTIFICATE-----\n")) {
            ClassicCaException failure = assertThrows(ClassicCaException.class,
                    () -> flow.accept(request.id(), bytes(garbage)));
            assertEquals(Reason.NOT_A_CERTIFICATE, failure.reason());
            assertTrue(failure.getMessage().contains("not a certificate: expected PEM, PKCS#7 or DER"),
                    failure.getMessage());
        }
    }

    @Test
    void unreadableIntermediatesAreRefusedAsTheAdminsAddition() {
        PendingRequest request = flow.start(NAMES, KeyType.EC_P256, false);
        X509Certificate leaf = issueValidNow(request);

        ClassicCaException failure = assertThrows(ClassicCaException.class, () -> flow.accept(request.id(),
                bytes(TestCertificateAuthority.pem(leaf)), bytes("intermediate: see attachment")));

        assertEquals(Reason.CA_CERTIFICATES_UNREADABLE, failure.reason());
        assertTrue(failure.getMessage().startsWith("The CA certificates you supplied"), failure.getMessage());
    }

    @Test
    void theCsrPastedBackInsteadOfTheCertificateIsRecognized() {
        PendingRequest request = flow.start(NAMES, KeyType.EC_P256, false);

        ClassicCaException failure = assertThrows(ClassicCaException.class,
                () -> flow.accept(request.id(), bytes(request.csr().pem())));

        assertEquals(Reason.CSR_NOT_CERTIFICATE, failure.reason());
        assertTrue(failure.getMessage().contains("certificate request (CSR), not a certificate"), failure.getMessage());
    }

    @Test
    void afterAFailureTheRequestIsStillPendingAndTheRightCertificateIsAccepted() throws Exception {
        PendingRequest request = flow.start(NAMES, KeyType.EC_P256, false);
        X509Certificate leaf = issueValidNow(request);

        assertThrows(ClassicCaException.class, () -> flow.accept(request.id(), bytes("oops")));
        assertThrows(ClassicCaException.class, () -> flow.accept(request.id(),
                bytes(TestCertificateAuthority.pem(ca.intermediate()))));
        assertEquals(List.of(request), store.list());

        AcceptedCertificate accepted = flow.accept(request.id(),
                bytes(TestCertificateAuthority.pem(leaf, ca.intermediate())));
        assertEquals(leaf, accepted.leaf());
        flow.complete(accepted);
        assertEquals(List.of(), store.list());

        ClassicCaException again = assertThrows(ClassicCaException.class, () -> flow.accept(request.id(),
                bytes(TestCertificateAuthority.pem(leaf, ca.intermediate()))));
        assertEquals(Reason.UNKNOWN_REQUEST, again.reason());
    }

    @Test
    void storedRequestHoldsThePrivateKeyOnlySealed() {
        PendingRequest request = flow.start(NAMES, KeyType.EC_P256, false);
        PendingRequest stored = store.find(request.id()).orElseThrow();
        String keyPem = new String(sealer.open(stored.sealedKey()), UTF_8);
        String privateKeyBase64 = Base64.getEncoder().encodeToString(
                KeyPairCodec.fromPem(keyPem).getPrivate().getEncoded());

        assertFalse(stored.sealedKey().contains("PRIVATE KEY"));
        assertFalse(stored.sealedKey().contains(keyPem.lines().skip(1).findFirst().orElseThrow()));
        assertFalse(stored.sealedKey().contains(privateKeyBase64.substring(0, 24)));
        assertFalse(stored.toString().contains(stored.sealedKey()));
        assertThrows(IllegalArgumentException.class, () -> AesGcmSealer.withRandomKey().open(stored.sealedKey()));
    }

    @Test
    void serverWithAnotherSealingKeyCannotUseTheRequest() {
        PendingRequest request = flow.start(NAMES, KeyType.EC_P256, false);
        X509Certificate leaf = issueValidNow(request);
        ClassicCaFlow otherServer = new ClassicCaFlow(store, AesGcmSealer.withRandomKey(), List.of(ca.root()),
                Clock.fixed(NOW, ZoneOffset.UTC));

        ClassicCaException failure = assertThrows(ClassicCaException.class, () -> otherServer.accept(request.id(),
                bytes(TestCertificateAuthority.pem(leaf, ca.intermediate()))));

        assertEquals(Reason.KEY_UNREADABLE, failure.reason());
        assertTrue(store.find(request.id()).isPresent());
    }

    @Test
    void renewalReusesTheSavedCsrAndKey() throws Exception {
        PendingRequest request = flow.start(NAMES, KeyType.EC_P384, false);
        AcceptedCertificate first = flow.accept(request.id(),
                bytes(TestCertificateAuthority.pem(issueValidNow(request), ca.intermediate())));
        flow.complete(first);
        Instant renewalTime = NOW.plus(Duration.ofDays(60));
        ClassicCaFlow later = flowAt(renewalTime, List.of(ca.root()));

        PendingRequest renewal = later.renew(first.request());

        assertNotEquals(request.id(), renewal.id());
        assertEquals(renewalTime, renewal.createdAt());
        assertArrayEquals(request.csr().der(), renewal.csr().der());
        assertEquals(List.of(renewal), store.list());
        X509Certificate renewed = ca.issue(renewal.csr(), renewalTime, renewalTime.plus(Duration.ofDays(90)));
        AcceptedCertificate second = later.accept(renewal.id(),
                bytes(TestCertificateAuthority.pem(renewed, ca.intermediate())));
        assertEquals(renewed, second.leaf());
        assertArrayEquals(first.keyPair().getPrivate().getEncoded(), second.keyPair().getPrivate().getEncoded());
    }

    @Test
    void xmppIdentitiesAreRequestedForCasThatIssueThem() throws Exception {
        PendingRequest request = flow.start(List.of("Example.org", "conference.example.org"), KeyType.EC_P256, true);

        GeneralNames requested = GeneralNames.fromExtensions(
                new PKCS10CertificationRequest(request.csr().der()).getRequestedExtensions(),
                Extension.subjectAlternativeName);
        long xmppAddrs = List.of(requested.getNames()).stream()
                .filter(name -> name.getTagNo() == GeneralName.otherName)
                .filter(name -> name.getName().toString().startsWith("[" + CsrBuilder.ID_ON_XMPP_ADDR)).count();
        assertEquals(2, xmppAddrs);
        assertEquals(List.of("example.org", "conference.example.org"), request.names());
        assertTrue(request.xmppIdentities());

        AcceptedCertificate accepted = flow.accept(request.id(),
                bytes(TestCertificateAuthority.pem(issueValidNow(request), ca.intermediate())));
        assertEquals(3, accepted.chain().size());
    }

    @Test
    void invalidNamesAreRefusedBeforeAnyKeyIsMade() {
        assertThrows(IllegalArgumentException.class, () -> flow.start(List.of("exa mple.org"), KeyType.EC_P256, false));
        assertThrows(IllegalArgumentException.class, () -> flow.start(List.of(), KeyType.EC_P256, false));
        assertEquals(List.of(), store.list());
    }
}
