package org.xmppcert.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA and the certificate Pebble's HTTPS listener presents, made fresh for every Pebble
 * so that clients connect by trusting {@link #trustAnchor()}, exactly as they would trust a private
 * CA, and never by switching certificate checks off.
 */
final class PebbleCertificates {

    private final X509Certificate trustAnchor;
    private final Path certificateFile;
    private final Path privateKeyFile;

    private PebbleCertificates(X509Certificate trustAnchor, Path certificateFile, Path privateKeyFile) {
        this.trustAnchor = trustAnchor;
        this.certificateFile = certificateFile;
        this.privateKeyFile = privateKeyFile;
    }

    /** Writes {@code listener-cert.pem} and {@code listener-key.pem} (for 127.0.0.1 and localhost) into {@code directory}. */
    static PebbleCertificates create(Path directory) {
        try {
            KeyPair caKey = ecKeyPair();
            X500Name caName = new X500Name("CN=Pebble listener test CA");
            Instant now = Instant.now();
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE,
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(7))),
                    caName, caKey.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate caCert = sign(ca, caKey);

            KeyPair listenerKey = ecKeyPair();
            X509v3CertificateBuilder listener = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO,
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(7))),
                    new X500Name("CN=localhost"), listenerKey.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost")}));
            X509Certificate listenerCert = sign(listener, caKey);

            Path certificateFile = directory.resolve("listener-cert.pem");
            Path privateKeyFile = directory.resolve("listener-key.pem");
            Files.writeString(certificateFile, pem(listenerCert) + pem(caCert));
            // PKCS#8, which Go's TLS loader reads for every key type.
            Files.writeString(privateKeyFile, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(listenerKey.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            return new PebbleCertificates(caCert, certificateFile, privateKeyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot make Pebble's listener certificate", e);
        }
    }

    X509Certificate trustAnchor() {
        return trustAnchor;
    }

    Path certificateFile() {
        return certificateFile;
    }

    Path privateKeyFile() {
        return privateKeyFile;
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
