package org.xmppcert.core.csr;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A PKCS#10 request as sent to a CA: its DER encoding, which ACME finalizes with, and its PEM
 * form, which an admin pastes into a classic CA's web form.
 *
 * @param dnsNames the dNSName entries it requests, the XMPP domain first
 */
public record CertificateSigningRequest(byte[] der, List<String> dnsNames) {

    public CertificateSigningRequest {
        der = der.clone();
        dnsNames = List.copyOf(dnsNames);
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    public String pem() {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new PKCS10CertificationRequest(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

}
