package org.xmppcert.core.csr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.xmppcert.core.keys.KeyType;

/**
 * Builds the PKCS#10 request for a server certificate: subject CN = the XMPP domain, one dNSName
 * per name and, for XMPP-aware CAs, the RFC 6120 identities as otherName entries.
 */
public final class CsrBuilder {

    /** id-on-xmppAddr, RFC 6120 section 13.7.1.4. */
    public static final ASN1ObjectIdentifier ID_ON_XMPP_ADDR = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.5");
    /** id-on-dnsSRV (SRVName), RFC 4985. */
    public static final ASN1ObjectIdentifier ID_ON_DNS_SRV = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.7");

    private CsrBuilder() {
    }

    /**
     * @param commonName the XMPP domain, which also heads {@code dnsNames}
     * @param identities the XMPP identities to add, or {@code null} for a CA that only takes dNSNames
     */
    public static CertificateSigningRequest build(KeyPair keyPair, KeyType keyType, String commonName,
                                                  List<String> dnsNames, XmppIdentities identities) {
        if (dnsNames.isEmpty()) {
            throw new IllegalArgumentException("A certificate request needs at least one name");
        }
        List<GeneralName> altNames = new ArrayList<>();
        for (String name : dnsNames) {
            altNames.add(new GeneralName(GeneralName.dNSName, name));
        }
        if (identities != null) {
            for (String address : identities.xmppAddresses()) {
                altNames.add(otherName(ID_ON_XMPP_ADDR, new DERUTF8String(address)));
            }
            for (String srvName : identities.srvNames()) {
                altNames.add(otherName(ID_ON_DNS_SRV, new DERIA5String(srvName)));
            }
        }
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(altNames.toArray(GeneralName[]::new)));
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                    new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build(),
                    keyPair.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new JcaContentSignerBuilder(keyType.signatureAlgorithm()).build(keyPair.getPrivate()));
            return new CertificateSigningRequest(request.getEncoded(), dnsNames);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("Cannot sign a request with a " + keyType + " key", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** otherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY }, as GeneralName [0]. */
    private static GeneralName otherName(ASN1ObjectIdentifier typeId, org.bouncycastle.asn1.ASN1Encodable value) {
        ASN1EncodableVector sequence = new ASN1EncodableVector();
        sequence.add(typeId);
        sequence.add(new DERTaggedObject(true, 0, value));
        return new GeneralName(GeneralName.otherName, new DERSequence(sequence));
    }
}
