package org.xmppcert.core.tlscheck;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** SHA-256 over a certificate's DER encoding, the identity the handshake check compares. */
public final class CertificateFingerprint {

    private CertificateFingerprint() {
    }

    /** Lower-case hex, colon separated, as administrators see it in browsers and {@code keytool}. */
    public static String sha256(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").formatHex(digest);
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint certificate " + certificate.getSubjectX500Principal(), e);
        }
    }
}
