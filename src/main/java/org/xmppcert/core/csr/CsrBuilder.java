package org.xmppcert.core.csr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.core.names.CertificateNames;
import org.xmppcert.core.names.RejectedName;

/**
 * Builds the PKCS#10 request for a server certificate: subject CN = the XMPP domain, one dNSName
 * per name and, for XMPP-aware CAs, the RFC 6120 identities as otherName entries.
 *
 * <p>TLS clients match names against the subjectAltName only (RFC 6125); the CN is there for
 * classic CAs' web forms and old tools. RFC 5280 caps a CN at 64 characters, and CAs refuse a
 * longer one, so a longer domain gets an empty subject instead, and the subjectAltName is then
 * marked critical as RFC 5280 section 4.2.1.6 requires of a certificate without a subject.
 */
public final class CsrBuilder {

    /** id-on-xmppAddr, RFC 6120 section 13.7.1.4. */
    public static final ASN1ObjectIdentifier ID_ON_XMPP_ADDR = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.5");
    /** id-on-dnsSRV (SRVName), RFC 4985. */
    public static final ASN1ObjectIdentifier ID_ON_DNS_SRV = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.7");

    /** ub-common-name, RFC 5280 appendix A.1. */
    static final int MAX_COMMON_NAME_LENGTH = 64;

    private CsrBuilder() {
    }

    /**
     * The request for a selection of names: CN and first dNSName are the XMPP domain when it is
     * certified (else the first name), and the XMPP identities are derived from the same names.
     *
     * @param withXmppIdentities whether the CA takes XmppAddr and SRVName entries
     * @throws IllegalArgumentException if no name can be requested; the message lists why each was left out
     */
    public static CertificateSigningRequest build(KeyPair keyPair, KeyType keyType, CertificateNames names,
                                                  boolean withXmppIdentities) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("No name can be certified: " + names.rejected().stream()
                    .map(RejectedName::explanation).toList());
        }
        return build(keyPair, keyType, names.names().get(0), names.names(),
                withXmppIdentities ? XmppIdentities.of(names) : null);
    }

    /**
     * @param commonName the XMPP domain, which also heads {@code dnsNames}
     * @param identities the XMPP identities to add, or {@code null} for a CA that only takes dNSNames
     * @throws IllegalArgumentException if there are no names or the CN is not one of them, which CAs refuse
     */
    public static CertificateSigningRequest build(KeyPair keyPair, KeyType keyType, String commonName,
                                                  List<String> dnsNames, XmppIdentities identities) {
        if (dnsNames.isEmpty()) {
            throw new IllegalArgumentException("A certificate request needs at least one name");
        }
        if (!dnsNames.contains(commonName)) {
            throw new IllegalArgumentException("The common name " + commonName + " is not among the names " + dnsNames);
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
                altNames.add(otherName(ID_ON_DNS_SRV, new DERIA5String(srvName, true)));
            }
        }
        boolean subjectFits = commonName.length() <= MAX_COMMON_NAME_LENGTH;
        X500Name subject = subjectFits
                ? new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build()
                : new X500Name(new RDN[0]);
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, !subjectFits,
                    new GeneralNames(altNames.toArray(GeneralName[]::new)));
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new JcaContentSignerBuilder(keyType.signatureAlgorithm()).build(keyPair.getPrivate()));
            return new CertificateSigningRequest(request.getEncoded(), dnsNames);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("Cannot sign a request with a " + keyType + " key", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GeneralName [0] otherName, whose value OtherName wraps as [0] EXPLICIT (RFC 5280 section 4.2.1.6). */
    private static GeneralName otherName(ASN1ObjectIdentifier typeId, ASN1Encodable value) {
        return new GeneralName(GeneralName.otherName, new OtherName(typeId, value));
    }
}
