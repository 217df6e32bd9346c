package org.xmppcert.core.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmppcert.core.challenge.StandaloneHttp01Responder;
import org.xmppcert.core.issuance.InstallException;
import org.xmppcert.core.issuance.IssuedCertificate;
import org.xmppcert.core.keys.KeyPolicy;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.core.names.NameCoverage;
import org.xmppcert.core.renewal.ManagedCertificate;
import org.xmppcert.core.renewal.RenewalFailure;
import org.xmppcert.testing.Pebble;

/** Renewal through a real Pebble into an install step that the test controls. */
class AcmeRenewerTest {

    private static final String ID = "xmpp-domain";
    private static final List<String> NAMES = List.of("xmpp.example.org", "conference.xmpp.example.org");
    private static final KeyPolicy NEW_KEY = new KeyPolicy(KeyType.EC_P256, false);

    private final List<IssuedCertificate> installed = new ArrayList<>();
    private StandaloneHttp01Responder responder;
    private Pebble pebble;
    private AcmeIssuer issuer;

    @BeforeEach
    void startPebble() throws Exception {
        responder = StandaloneHttp01Responder.start(new InetSocketAddress("127.0.0.1", 0));
        pebble = Pebble.builder().http01Port(responder.address().getPort()).start();
        issuer = Engines.http01(pebble, responder);
    }

    @AfterEach
    void stopPebble() {
        issuer.close();
        pebble.close();
        responder.close();
    }

    @Test
    void renewsTheSameNamesWithANewKeyAndReportsTheInstalledCertificate() throws Exception {
        IssuedCertificate current = issuer.issue(NAMES, NEW_KEY, Optional.empty());
        AcmeRenewer renewer = new AcmeRenewer(issuer, NEW_KEY, certificate -> Optional.of(current.keyPair()),
                ManagedCertificate::names, (id, issued) -> installed.add(issued));

        ManagedCertificate renewed = renewer.renew(ManagedCertificate.issuedByAcme(ID, current));

        assertEquals(1, installed.size());
        IssuedCertificate now = installed.get(0);
        assertEquals(ManagedCertificate.issuedByAcme(ID, now), renewed);
        assertEquals(NAMES, renewed.names());
        assertNotEquals(current.leaf().getSerialNumber(), now.leaf().getSerialNumber());
        assertNotEquals(current.leaf().getPublicKey(), now.leaf().getPublicKey(), "a new key unless the admin keeps it");
    }

    /**
     * Pebble 2.4 offers no renewal information (no {@code renewalInfo} in its directory): the
     * check's question gets no window and no error, and a renewal that has the certificate it
     * replaces does not name it (acme4j would refuse {@code replaces} without renewal information).
     */
    @Test
    void atACaWithoutRenewalInformationTheCheckGetsNoWindowAndTheRenewalOrderIsPlain() throws Exception {
        IssuedCertificate current = issuer.issue(NAMES, NEW_KEY, Optional.empty());
        assertEquals(Optional.empty(), current.renewalWindow());
        assertEquals(Optional.empty(), issuer.currentRenewalWindow(current.leaf()));

        AcmeRenewer renewer = new AcmeRenewer(issuer, NEW_KEY, certificate -> Optional.empty(),
                ManagedCertificate::names, certificate -> Optional.of(current.leaf()), (id, issued) -> installed.add(issued));
        ManagedCertificate renewed = renewer.renew(ManagedCertificate.issuedByAcme(ID, current));

        assertEquals(Optional.empty(), renewed.ariWindow());
        assertNotEquals(current.leaf().getSerialNumber(), installed.get(0).leaf().getSerialNumber());
    }

    @Test
    void aCertificateLackingANewComponentIsRenewedForTheNamesWantedNowAndAnOldUninstalledOneIsNotReused()
            throws Exception {
        IssuedCertificate current = issuer.issue(NAMES, NEW_KEY, Optional.empty());
        List<String> wanted = new ArrayList<>(NAMES);
        List<IssuedCertificate> offered = new ArrayList<>();
        AcmeRenewer renewer = new AcmeRenewer(issuer, NEW_KEY, certificate -> Optional.empty(),
                certificate -> List.copyOf(wanted), (id, issued) -> {
                    offered.add(issued);
                    if (offered.size() == 1) {
                        throw new InstallException("the listener did not present it");
                    }
                    installed.add(issued);
                });
        ManagedCertificate lacksUpload = ManagedCertificate.issuedByAcme(ID, current).withCoversRequiredNames(false);
        assertThrows(RenewalFailure.class, () -> renewer.renew(lacksUpload));

        wanted.add("upload.xmpp.example.org");
        ManagedCertificate renewed = renewer.renew(lacksUpload);

        List<String> withUpload = List.of("xmpp.example.org", "conference.xmpp.example.org", "upload.xmpp.example.org");
        assertEquals(withUpload, renewed.names());
        assertEquals(withUpload, installed.get(0).names());
        assertEquals(Set.copyOf(withUpload), Set.copyOf(NameCoverage.dnsNames(installed.get(0).leaf())),
                "the CA certified the new name");
        assertNotEquals(offered.get(0).leaf().getSerialNumber(), installed.get(0).leaf().getSerialNumber(),
                "the certificate obtained for the old names is not installed");
    }

    @Test
    void aCertificateThatCouldNotBeInstalledIsInstalledAtTheNextAttemptWithoutTheCa() throws Exception {
        IssuedCertificate current = issuer.issue(NAMES, NEW_KEY, Optional.empty());
        List<IssuedCertificate> offered = new ArrayList<>();
        AcmeRenewer renewer = new AcmeRenewer(issuer, NEW_KEY, certificate -> Optional.empty(),
                ManagedCertificate::names, (id, issued) -> {
            offered.add(issued);
            if (offered.size() == 1) {
                throw new InstallException("port 5223 still presented the previous certificate; it was put back");
            }
            installed.add(issued);
        });
        ManagedCertificate inService = ManagedCertificate.issuedByAcme(ID, current);

        RenewalFailure failure = assertThrows(RenewalFailure.class, () -> renewer.renew(inService));
        assertEquals("A new certificate for xmpp.example.org, conference.xmpp.example.org was obtained but could not"
                + " be installed: port 5223 still presented the previous certificate; it was put back", failure.reason());
        assertEquals("The certificate in service stays in service. The next attempt installs the new certificate"
                + " without asking the CA again; if it keeps failing, fix what the reason names.", failure.advice());
        assertEquals(Optional.empty(), failure.retryAfter());
        assertEquals(List.of(), installed);

        pebble.stop();
        ManagedCertificate renewed = renewer.renew(inService);

        assertEquals(List.of(offered.get(0)), installed);
        assertEquals(offered.get(0), offered.get(1));
        assertEquals(ManagedCertificate.issuedByAcme(ID, offered.get(0)), renewed);
    }

    @Test
    void aCaRefusalReachesTheAdminsWithTheCasWordsItsAdviceAndItsRetryAfter() {
        Instant retryAfter = Instant.parse("2026-03-02T10:00:00Z");
        IssuanceException refused = new IssuanceException(IssuanceProblem.RATE_LIMITED, NAMES, null,
                "too many certificates (5) already issued for this exact set of identifiers in the last 168h0m0s",
                retryAfter, null);

        RenewalFailure failure = AcmeRenewer.failure(refused);

        assertEquals("Certificate request failed for xmpp.example.org, conference.xmpp.example.org (rate limited):"
                + " too many certificates (5) already issued for this exact set of identifiers in the last 168h0m0s.",
                failure.reason());
        assertEquals(IssuanceProblem.RATE_LIMITED.advice(), failure.advice());
        assertEquals(Optional.of(retryAfter), failure.retryAfter());
    }
}
