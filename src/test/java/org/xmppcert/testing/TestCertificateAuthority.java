package org.xmppcert.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.xmppcert.core.csr.CertificateSigningRequest;
import org.xmppcert.core.keys.KeyType;

/**
 * A real two-tier CA (root, intermediate) built with BouncyCastle, the one issuer of every test
 * certificate that is not Pebble's. It plays a classic CA (signs a CSR's public key with the CSR's
 * subjectAltName, as the XMPP ICA, StartCom or CAcert did), issues keys with their chains for
 * identity stores and TLS listeners, and hands certificates out in the formats such CAs use.
 * {@link #selfSigned} makes the certificate Openfire generates for itself on first start.
 */
public final class TestCertificateAuthority {

    private static final AtomicLong SERIALS = new AtomicLong(1000);

    private final X509Certificate root;
    private final KeyPair intermediateKeys;
    private final X509Certificate intermediate;

    private TestCertificateAuthority(X509Certificate root, KeyPair intermediateKeys, X509Certificate intermediate) {
        this.root = root;
        this.intermediateKeys = intermediateKeys;
        this.intermediate = intermediate;
    }

    /** A root and an intermediate named after {@code name}, valid from a year before {@code now} for ten years. */
    public static TestCertificateAuthority create(String name, Instant now) {
        return create(new X500Name("O=Test, CN=" + name + " Root"),
                new X500Name("O=Test, CN=" + name + " Intermediate"), now);
    }

    /**
     * As {@link #create(String, Instant)}, with the intermediate, which is the issuer of what this CA
     * issues, named exactly {@code issuerName}. The name is read in encoding order, as CAs write it
     * ("C=US,O=...,CN=..."); Java prints it the other way round.
     */
    public static TestCertificateAuthority withIssuerName(String issuerName, Instant now) {
        return create(new X500Name("O=Test, CN=Test Root"), new X500Name(issuerName), now);
    }

    private static TestCertificateAuthority create(X500Name rootName, X500Name intermediateName, Instant now) {
        Instant notBefore = now.minus(Duration.ofDays(365));
        Instant notAfter = now.plus(Duration.ofDays(3650));
        KeyPair rootKeys = KeyType.EC_P256.generate();
        X509Certificate root = sign(rootKeys, caCertificate(rootName, rootKeys.getPublic(), rootName,
                notBefore, notAfter, 1));
        KeyPair intermediateKeys = KeyType.EC_P256.generate();
        X509Certificate intermediate = sign(rootKeys, caCertificate(rootName, intermediateKeys.getPublic(),
                intermediateName, notBefore, notAfter, 0));
        return new TestCertificateAuthority(root, intermediateKeys, intermediate);
    }

    public X509Certificate root() {
        return root;
    }

    public X509Certificate intermediate() {
        return intermediate;
    }

    /** Issues for the CSR's key every subjectAltName the CSR asks for, dNSNames and XMPP identities alike. */
    public X509Certificate issue(CertificateSigningRequest csr, Instant notBefore, Instant notAfter) {
        PKCS10CertificationRequest request;
        try {
            request = new PKCS10CertificationRequest(csr.der());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Extensions requested = request.getRequestedExtensions();
        return issue(publicKey(request), GeneralNames.fromExtensions(requested, Extension.subjectAlternativeName),
                notBefore, notAfter);
    }

    /** Issues for {@code key} with exactly {@code names} (DNS names, or IP literals such as 127.0.0.1), whatever was asked for. */
    public X509Certificate issue(PublicKey key, List<String> names, Instant notBefore, Instant notAfter) {
        return issue(key, altNames(names), notBefore, notAfter);
    }

    /** A new EC P-256 key with a certificate for {@code names} and its chain, as a server installs them. */
    public Issued issueWithNewKey(List<String> names, Instant notBefore, Instant notAfter) {
        KeyPair keys = KeyType.EC_P256.generate();
        return new Issued(keys.getPrivate(), List.of(issue(keys.getPublic(), names, notBefore, notAfter), intermediate));
    }

    /** As {@link #issueWithNewKey(List, Instant, Instant)}, valid from an hour ago for 90 days, as a fresh ACME certificate. */
    public Issued issueWithNewKey(String... names) {
        Instant now = Instant.now();
        return issueWithNewKey(List.of(names), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(90)));
    }

    /** A certificate for {@code name} signed by its own new key, as Openfire generates on first start. */
    public static Issued selfSigned(String name, Instant notBefore, Instant notAfter) {
        KeyPair keys = KeyType.EC_P256.generate();
        X500Name subject = new X500Name("CN=" + name);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    BigInteger.valueOf(SERIALS.getAndIncrement()), Date.from(notBefore), Date.from(notAfter),
                    subject, keys.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, altNames(List.of(name)));
            return new Issued(keys.getPrivate(), List.of(sign(keys, builder)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A private key with its chain, leaf first. */
    public record Issued(PrivateKey key, List<X509Certificate> chain) {

        public X509Certificate leaf() {
            return chain.get(0);
        }

        /** Adds this as a key entry to a store, as an Openfire identity store holds it. */
        public void storeIn(KeyStore store, String alias, char[] password) {
            try {
                store.setKeyEntry(alias, key, password, chain.toArray(new X509Certificate[0]));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The key as a PKCS#8 PEM block ({@code -----BEGIN PRIVATE KEY-----}), which every TLS server reads. */
        public String keyPem() {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(new JcaPKCS8Generator(key, null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        }
    }

    private X509Certificate issue(PublicKey key, GeneralNames altNames, Instant notBefore, Instant notAfter) {
        try {
            X500Name issuer = X500Name.getInstance(intermediate.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIALS.getAndIncrement()), Date.from(notBefore), Date.from(notAfter),
                    new X500Name("CN=" + firstName(altNames)), key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false, altNames);
            return sign(intermediateKeys, builder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PEM blocks, one after another, as most CAs' "full chain" downloads. */
    public static String pem(X509Certificate... certificates) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A certificates-only PKCS#7 SignedData, the {@code .p7b} of Windows-minded CAs, in DER. */
    public static byte[] pkcs7(X509Certificate... certificates) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addCertificates(new JcaCertStore(List.of(certificates)));
            return generator.generate(new CMSAbsentContent()).getEncoded();
        } catch (GeneralSecurityException | CMSException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same PKCS#7 in PEM ({@code -----BEGIN PKCS7-----}), as {@code openssl crl2pkcs7} writes it. */
    public static String pkcs7Pem(X509Certificate... certificates) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new PemObject("PKCS7", pkcs7(certificates)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static X509v3CertificateBuilder caCertificate(X500Name issuer, PublicKey key, X500Name subject,
                                                          Instant notBefore, Instant notAfter, int pathLength) {
        try {
            return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.getAndIncrement()),
                    Date.from(notBefore), Date.from(notAfter), subject, key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509Certificate sign(KeyPair issuerKeys, X509v3CertificateBuilder builder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A name with only digits and dots, or with a colon, is an IP address; any other a DNS name. */
    private static GeneralNames altNames(List<String> names) {
        return new GeneralNames(names.stream()
                .map(name -> new GeneralName(name.matches("[0-9.]+|.*:.*") ? GeneralName.iPAddress : GeneralName.dNSName,
                        name))
                .toArray(GeneralName[]::new));
    }

    private static PublicKey publicKey(PKCS10CertificationRequest request) {
        try {
            return new JcaPKCS10CertificationRequest(request).getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstName(GeneralNames altNames) {
        for (GeneralName name : altNames.getNames()) {
            if (name.getTagNo() == GeneralName.dNSName) {
                return name.getName().toString();
            }
        }
        return "no DNS name";
    }
}
