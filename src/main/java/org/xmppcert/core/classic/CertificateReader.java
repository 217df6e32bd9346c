package org.xmppcert.core.classic;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.xmppcert.core.classic.ClassicCaException.Reason;

/**
 * Reads certificates in every shape classic CAs hand them out and admins paste or upload them:
 * <ul>
 *   <li>PEM, one or more {@code CERTIFICATE} blocks, with any text around them (CAs' web pages and
 *       mails put headings, "subject=" lines or instructions between the blocks);</li>
 *   <li>PKCS#7 ({@code .p7b}/{@code .p7c}), as PEM ({@code PKCS7} or {@code CMS}) or DER;</li>
 *   <li>a single DER certificate ({@code .cer}/{@code .crt} from Windows-minded CAs), also when its
 *       base64 was pasted without the PEM armour.</li>
 * </ul>
 * Other PEM blocks are skipped unread (a private key pasted by mistake is neither kept nor echoed);
 * the CSR pasted back instead of the certificate gets its own message, as that is the usual mix-up.
 */
final class CertificateReader {

    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final Pattern BARE_BASE64 = Pattern.compile("[A-Za-z0-9+/=\\s]+");
    private static final Set<String> CERTIFICATE_LABELS = Set.of("CERTIFICATE", "X509 CERTIFICATE");
    private static final Set<String> PKCS7_LABELS = Set.of("PKCS7", "CMS");
    private static final Set<String> CSR_LABELS = Set.of("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST");

    private CertificateReader() {
    }

    /**
     * @param what how the message names the input, e.g. "The CA's answer"
     * @return the certificates in input order, each once, never empty
     */
    static List<X509Certificate> read(byte[] input, String what) throws ClassicCaException {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN ")) {
            return readPem(text, what);
        }
        byte[] der = input;
        if (!text.isBlank() && BARE_BASE64.matcher(text).matches()) {
            der = decodeBase64(text, what);
        }
        return readDer(der, what);
    }

    private static List<X509Certificate> readPem(String text, String what) throws ClassicCaException {
        Set<X509Certificate> certificates = new LinkedHashSet<>();
        boolean sawRequest = false;
        Matcher block = PEM_BLOCK.matcher(text);
        while (block.find()) {
            String label = block.group(1);
            if (CERTIFICATE_LABELS.contains(label)) {
                certificates.add(parseCertificate(decodeBase64(block.group(2), what), what));
            } else if (PKCS7_LABELS.contains(label)) {
                certificates.addAll(parsePkcs7(decodeBase64(block.group(2), what), what));
            } else if (CSR_LABELS.contains(label)) {
                sawRequest = true;
            }
        }
        if (certificates.isEmpty()) {
            if (sawRequest) {
                throw new ClassicCaException(Reason.CSR_NOT_CERTIFICATE, List.of(), what + " is a certificate request (CSR), "
                        + "not a certificate: paste the certificate the CA issued for it.");
            }
            throw notACertificate(what);
        }
        return List.copyOf(certificates);
    }

    private static List<X509Certificate> readDer(byte[] der, String what) throws ClassicCaException {
        try {
            return List.of(parseCertificate(der, what));
        } catch (ClassicCaException notOneCertificate) {
            return parsePkcs7(der, what);
        }
    }

    private static X509Certificate parseCertificate(byte[] der, String what) throws ClassicCaException {
        try {
            return (X509Certificate) factory().generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw notACertificate(what);
        }
    }

    private static List<X509Certificate> parsePkcs7(byte[] der, String what) throws ClassicCaException {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : factory().generateCertPath(new ByteArrayInputStream(der), "PKCS7").getCertificates()) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new ClassicCaException(Reason.EMPTY_PKCS7, List.of(), what + " is a PKCS#7 file without certificates.");
            }
            return List.copyOf(new LinkedHashSet<>(certificates));
        } catch (CertificateException | RuntimeException e) {
            throw notACertificate(what);
        }
    }

    private static byte[] decodeBase64(String base64, String what) throws ClassicCaException {
        try {
            return Base64.getMimeDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new ClassicCaException(Reason.DAMAGED_PEM, List.of(), what
                    + " has a damaged PEM block (cut short or altered while copying?): not a certificate: "
                    + "expected PEM, PKCS#7 or DER.");
        }
    }

    private static ClassicCaException notACertificate(String what) {
        return new ClassicCaException(Reason.NOT_A_CERTIFICATE, List.of(),
                what + " is not a certificate: expected PEM, PKCS#7 or DER.");
    }

    private static CertificateFactory factory() throws CertificateException {
        return CertificateFactory.getInstance("X.509");
    }
}
