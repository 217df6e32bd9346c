package org.xmppcert.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.xmppcert.core.keys.KeyType;

/** Real X.509 certificates and key stores for tests, built with BouncyCastle. */
public final class TestCertificates {

    private static final AtomicLong SERIALS = new AtomicLong(1);

    private TestCertificates() {
    }

    /** A certificate and its private key, as a key store entry holds them. */
    public record Issued(X509Certificate certificate, KeyPair keyPair) {
    }

    /**
     * A certificate for the given DNS names, signed by a throw-away key under the given issuer
     * name, valid from {@code notBefore} to {@code notAfter}. The issuer name is read in encoding
     * order, as CAs write it ("C=US,O=...,CN=..."); Java prints it the other way round.
     */
    public static Issued issue(String issuerDn, List<String> dnsNames, Instant notBefore, Instant notAfter) {
        try {
            KeyPair subjectKeys = KeyType.EC_P256.generate();
            KeyPair issuerKeys = KeyType.EC_P256.generate();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    new X500Name(issuerDn), BigInteger.valueOf(SERIALS.getAndIncrement()),
                    Date.from(notBefore), Date.from(notAfter),
                    new X500Name("CN=" + dnsNames.get(0)), subjectKeys.getPublic());
            GeneralName[] names = dnsNames.stream()
                    .map(name -> new GeneralName(GeneralName.dNSName, name))
                    .toArray(GeneralName[]::new);
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
            return new Issued(certificate, subjectKeys);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An empty in-memory PKCS#12 key store. */
    public static KeyStore emptyKeyStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds a private key entry, as Openfire's identity stores hold them. */
    public static void addKeyEntry(KeyStore store, String alias, Issued issued, char[] password) {
        try {
            store.setKeyEntry(alias, issued.keyPair().getPrivate(), password,
                    new X509Certificate[] {issued.certificate()});
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the key store to a file. */
    public static Path write(KeyStore store, Path file, char[] password) {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
