package org.xmppcert.core.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * A certificate chain as concatenated PEM blocks, leaf first: the form chains are stored in, since
 * it is what every tool and admin reads. The counterpart of {@link KeyPairCodec} for the public half.
 */
public final class CertificateChainCodec {

    private CertificateChainCodec() {
    }

    public static String toPem(List<X509Certificate> chain) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : chain) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException if the text holds no certificate or an unreadable one */
    public static List<X509Certificate> fromPem(String pem) {
        try {
            List<X509Certificate> chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .stream().map(X509Certificate.class::cast).toList();
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("No certificate in the PEM text");
            }
            return chain;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("Not a readable PEM certificate chain: " + e.getMessage(), e);
        }
    }
}
