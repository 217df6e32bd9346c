package org.xmppcert.core.csr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.core.names.CertificateNames;
import org.xmppcert.core.names.NamePolicy;
import org.xmppcert.core.names.NameSelector;
import org.xmppcert.core.names.ServerDescription;

class CsrBuilderTest {

    private static final ServerDescription SERVER = new ServerDescription("example.org", "xmpp.example.org",
            List.of("conference", "upload.files.example.org"), List.of("gateway"));

    /** A decoded otherName: its type, the universal tag of its value and the value's text. */
    private record OtherNameEntry(ASN1ObjectIdentifier type, int valueTag, String value) {
    }

    private static CertificateNames names(ServerDescription server, boolean wildcard) {
        return NameSelector.select(server, new NamePolicy(Set.of(), Set.of(), wildcard));
    }

    private static PKCS10CertificationRequest parseAndVerify(CertificateSigningRequest csr, KeyPair keyPair)
            throws Exception {
        PKCS10CertificationRequest request = new PKCS10CertificationRequest(csr.der());
        assertTrue(request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(keyPair.getPublic())),
                "signed by the key");
        assertArrayEquals(SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded()).getEncoded(),
                request.getSubjectPublicKeyInfo().getEncoded(), "requests a certificate for the key");
        return request;
    }

    private static Extension subjectAltName(PKCS10CertificationRequest request) {
        return request.getRequestedExtensions().getExtension(Extension.subjectAlternativeName);
    }

    private static List<String> dnsNames(PKCS10CertificationRequest request) {
        List<String> names = new ArrayList<>();
        for (GeneralName name : GeneralNames.getInstance(subjectAltName(request).getParsedValue()).getNames()) {
            if (name.getTagNo() == GeneralName.dNSName) {
                names.add(((ASN1IA5String) name.getName()).getString());
            }
        }
        return names;
    }

    /**
     * Decodes each otherName by hand rather than through BouncyCastle's OtherName, so that a wrong
     * tagging (IMPLICIT, or no [0] at all) shows up instead of being accepted.
     */
    private static List<OtherNameEntry> otherNames(PKCS10CertificationRequest request) throws Exception {
        List<OtherNameEntry> entries = new ArrayList<>();
        for (GeneralName name : GeneralNames.getInstance(subjectAltName(request).getParsedValue()).getNames()) {
            if (name.getTagNo() != GeneralName.otherName) {
                continue;
            }
            ASN1Sequence sequence = ASN1Sequence.getInstance(name.getName());
            assertEquals(2, sequence.size());
            ASN1TaggedObject wrapper = (ASN1TaggedObject) sequence.getObjectAt(1);
            byte[] wrapperDer = wrapper.getEncoded("DER");
            assertEquals(0xA0, wrapperDer[0] & 0xFF, "value is [0] EXPLICIT, i.e. context-specific, constructed");
            ASN1Encodable value = wrapper.getExplicitBaseObject();
            int valueTag = value.toASN1Primitive().getEncoded("DER")[0];
            String text = value instanceof ASN1UTF8String utf8 ? utf8.getString() : ((ASN1IA5String) value).getString();
            entries.add(new OtherNameEntry((ASN1ObjectIdentifier) sequence.getObjectAt(0), valueTag, text));
        }
        return entries;
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "EC_P384", "RSA_2048"})
    void requestsEveryNameAndEveryXmppIdentitySignedByTheKey(KeyType keyType) throws Exception {
        KeyPair keyPair = keyType.generate();
        CertificateNames names = names(SERVER, true);

        CertificateSigningRequest csr = CsrBuilder.build(keyPair, keyType, names, true);

        PKCS10CertificationRequest request = parseAndVerify(csr, keyPair);
        assertEquals("example.org", request.getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue().toString());
        List<String> expectedDnsNames = List.of("example.org", "*.example.org", "upload.files.example.org");
        assertEquals(expectedDnsNames, dnsNames(request));
        assertEquals(expectedDnsNames, csr.dnsNames());
        assertEquals(List.of(
                new OtherNameEntry(CsrBuilder.ID_ON_XMPP_ADDR, BERTags.UTF8_STRING, "example.org"),
                new OtherNameEntry(CsrBuilder.ID_ON_XMPP_ADDR, BERTags.UTF8_STRING, "conference.example.org"),
                new OtherNameEntry(CsrBuilder.ID_ON_XMPP_ADDR, BERTags.UTF8_STRING, "upload.files.example.org"),
                new OtherNameEntry(CsrBuilder.ID_ON_XMPP_ADDR, BERTags.UTF8_STRING, "gateway.example.org"),
                new OtherNameEntry(CsrBuilder.ID_ON_DNS_SRV, BERTags.IA5_STRING, "_xmpp-client.example.org"),
                new OtherNameEntry(CsrBuilder.ID_ON_DNS_SRV, BERTags.IA5_STRING, "_xmpp-server.example.org")),
                otherNames(request));
        assertFalse(subjectAltName(request).isCritical());
    }

    @Test
    void aRequestForAPublicAcmeCaCarriesOnlyDnsNames() throws Exception {
        KeyPair keyPair = KeyType.RSA_4096.generate();

        CertificateSigningRequest csr = CsrBuilder.build(keyPair, KeyType.RSA_4096, names(SERVER, false), false);

        PKCS10CertificationRequest request = parseAndVerify(csr, keyPair);
        assertEquals(List.of("example.org", "xmpp.example.org", "conference.example.org",
                "upload.files.example.org", "gateway.example.org"), dnsNames(request));
        assertEquals(List.of(), otherNames(request));
    }

    @Test
    void internationalizedNamesAreALabelsInDnsAndSrvNamesAndULabelsInXmppAddresses() throws Exception {
        KeyPair keyPair = KeyType.EC_P256.generate();
        CertificateNames names = names(new ServerDescription("b\u00fccher.de", "", List.of("konferenz"), List.of()),
                false);

        PKCS10CertificationRequest request = parseAndVerify(
                CsrBuilder.build(keyPair, KeyType.EC_P256, names, true), keyPair);

        assertEquals(List.of("xn--bcher-kva.de", "konferenz.xn--bcher-kva.de"), dnsNames(request));
        assertEquals(Map.of("b\u00fccher.de", CsrBuilder.ID_ON_XMPP_ADDR,
                        "konferenz.b\u00fccher.de", CsrBuilder.ID_ON_XMPP_ADDR,
                        "_xmpp-client.xn--bcher-kva.de", CsrBuilder.ID_ON_DNS_SRV,
                        "_xmpp-server.xn--bcher-kva.de", CsrBuilder.ID_ON_DNS_SRV),
                otherNames(request).stream().collect(java.util.stream.Collectors.toMap(
                        OtherNameEntry::value, OtherNameEntry::type)));
    }

    @Test
    void aDomainTooLongForACommonNameLeavesTheSubjectEmptyAndMarksTheNamesCritical() throws Exception {
        String longDomain = "a".repeat(40) + "." + "b".repeat(30) + ".example.org";
        KeyPair keyPair = KeyType.EC_P256.generate();

        PKCS10CertificationRequest request = parseAndVerify(
                CsrBuilder.build(keyPair, KeyType.EC_P256, names(ServerDescription.of(longDomain, ""), false), false),
                keyPair);

        assertEquals(0, request.getSubject().getRDNs().length);
        assertEquals(List.of(longDomain), dnsNames(request));
        assertTrue(subjectAltName(request).isCritical());
    }

    @Test
    void aCommonNameOf64CharactersStillFits() throws Exception {
        String domain = "a".repeat(52) + ".example.org";
        KeyPair keyPair = KeyType.EC_P256.generate();

        PKCS10CertificationRequest request = parseAndVerify(
                CsrBuilder.build(keyPair, KeyType.EC_P256, names(ServerDescription.of(domain, ""), false), false),
                keyPair);

        assertEquals(64, domain.length());
        assertEquals(domain, request.getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue().toString());
    }

    @Test
    void refusesToBuildARequestWhenNoNameCanBeCertifiedAndSaysWhy() {
        CertificateNames names = names(ServerDescription.of("localhost", "myhost"), false);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CsrBuilder.build(KeyType.EC_P256.generate(), KeyType.EC_P256, names, false));

        assertTrue(error.getMessage().contains("localhost is a local or reserved name"), error.getMessage());
        assertTrue(error.getMessage().contains("myhost is a single-label name"), error.getMessage());
    }

    @Test
    void refusesACommonNameThatIsNotAmongTheNames() {
        assertThrows(IllegalArgumentException.class, () -> CsrBuilder.build(KeyType.EC_P256.generate(),
                KeyType.EC_P256, "example.org", List.of("other.example.org"), null));
    }

    @Test
    void thePemFormIsWhatClassicCaFormsExpect() {
        KeyPair keyPair = KeyType.EC_P256.generate();
        CertificateSigningRequest csr = CsrBuilder.build(keyPair, KeyType.EC_P256, names(SERVER, false), false);

        assertTrue(csr.pem().startsWith("-----BEGIN CERTIFICATE REQUEST-----"), csr.pem());
        assertTrue(csr.pem().strip().endsWith("-----END CERTIFICATE REQUEST-----"), csr.pem());
    }
}
