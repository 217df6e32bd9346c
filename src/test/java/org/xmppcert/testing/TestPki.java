package org.xmppcert.testing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for tests: issues real, currently valid leaf certificates with
 * dNSName SANs, signed by its own root, so chains look like a CA's.
 */
public final class TestPki {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair caKeys;
    private final X509Certificate caCertificate;

    public TestPki(String caName) {
        this.caKeys = ecKeyPair();
        this.caCertificate = sign(caKeys, new X500Name("CN=" + caName), caKeys.getPublic(), new X500Name("CN=" + caName),
                List.of(), true);
    }

    /** A key and a chain (leaf first, then this CA) for the given DNS names. */
    public Issued issue(String... dnsNames) {
        KeyPair keys = ecKeyPair();
        X509Certificate leaf = sign(caKeys, new X500Name(caCertificate.getSubjectX500Principal().getName()),
                keys.getPublic(), new X500Name("CN=" + dnsNames[0]), List.of(dnsNames), false);
        return new Issued(keys.getPrivate(), List.of(leaf, caCertificate));
    }

    /** A private key with its chain, leaf first. */
    public record Issued(PrivateKey key, List<X509Certificate> chain) {

        public X509Certificate leaf() {
            return chain.get(0);
        }

        /** Adds this as a key entry to a store, as an existing Openfire installation would hold it. */
        public void storeIn(KeyStore store, String alias, char[] password) throws GeneralSecurityException {
            store.setKeyEntry(alias, key, password, chain.toArray(new X509Certificate[0]));
        }
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(KeyPair issuerKeys, X500Name issuer, java.security.PublicKey subjectKey,
                                        X500Name subject, List<String> dnsNames, boolean ca) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(64, RANDOM).abs().add(BigInteger.ONE), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(90))), subject, subjectKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!dnsNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(dnsNames.stream()
                        .map(name -> new GeneralName(GeneralName.dNSName, name)).toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot issue a test certificate", e);
        }
    }
}
