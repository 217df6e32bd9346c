package org.xmppcert.openfire.service;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xmppcert.core.challenge.dns.TsigAlgorithm;
import org.xmppcert.core.names.DnsNames;
import org.xmppcert.core.names.InvalidNameException;

/**
 * Checks every field of {@link CertificateSettings} before anything is saved, and says what is
 * wrong field by field, so a form can show each message next to its field. Messages never repeat a
 * secret.
 */
final class SettingsValidation {

    /** Deliberately loose: the CA decides what it accepts; this catches typing slips. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final Duration SHORTEST_CHECK_INTERVAL = Duration.ofHours(1);

    private SettingsValidation() {
    }

    /**
     * @param savedSecret whether a secret of that name is saved already (then the change may leave it out)
     * @return problems by field name, in form order; empty when everything is acceptable
     */
    static Map<String, String> problems(CertificateSettings settings, CertificateSettings.SecretChange secrets,
                                        Predicate<String> savedSecret) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (settings.ca() == null) {
            problems.put("ca", "Choose a certificate authority.");
            return problems;
        }
        boolean acme = settings.ca().isAcme();
        if (settings.ca() == CaPreset.CUSTOM) {
            Optional<URI> directory = settings.customDirectory();
            if (directory.isEmpty()) {
                problems.put("customDirectory", "Enter the ACME directory URL of your CA.");
            } else if (!"https".equalsIgnoreCase(directory.get().getScheme()) || directory.get().getHost() == null) {
                problems.put("customDirectory", "The ACME directory must be an https:// URL with a host name, such as"
                        + " https://acme.example.com/directory.");
            }
        }
        settings.customTrustAnchorPem().filter(pem -> !pem.isBlank()).ifPresent(pem -> {
            if (!parsesAsCertificates(pem)) {
                problems.put("customTrustAnchorPem", "The trusted root is not a PEM certificate (-----BEGIN CERTIFICATE-----"
                        + " ... -----END CERTIFICATE-----).");
            }
        });
        String email = settings.contactEmail() == null ? "" : settings.contactEmail().strip();
        if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
            problems.put("contactEmail", "'" + email + "' is not an email address.");
        }
        if (acme && !settings.termsAgreed()) {
            problems.put("termsAgreed", "The CA issues certificates only to accounts that agree to its terms of service.");
        }
        boolean keyIdGiven = settings.eabKeyId().filter(id -> !id.isBlank()).isPresent();
        boolean hmacGiven = given(secrets.eabHmacKey()) || savedSecret.test(SavedSettings.EAB_HMAC_KEY);
        if (acme && (settings.ca().requiresExternalAccountBinding() || keyIdGiven || given(secrets.eabHmacKey()))) {
            if (!keyIdGiven) {
                problems.put("eabKeyId", settings.ca().requiresExternalAccountBinding()
                        ? "This CA requires External Account Binding: enter the key ID from your account at the CA."
                        : "Enter the key ID that belongs to the HMAC key.");
            }
            if (!hmacGiven) {
                problems.put(SavedSettings.EAB_HMAC_KEY, "Enter the HMAC key from your account at the CA.");
            } else if (given(secrets.eabHmacKey()) && !isBase64(secrets.eabHmacKey().get())) {
                problems.put(SavedSettings.EAB_HMAC_KEY, "The HMAC key is not base64 text; copy it as the CA shows it.");
            }
        }
        if (settings.keyPolicy() == null) {
            problems.put("keyPolicy", "Choose a key type.");
        }
        if (settings.challengeType() == null) {
            problems.put("challengeType", "Choose http-01 or dns-01.");
        }
        settings.dnsUpdate().ifPresent(server -> checkDnsUpdate(server, secrets, savedSecret, problems));
        if (settings.namePolicy() == null) {
            problems.put("namePolicy", "The name policy is missing.");
        } else {
            checkNames("namePolicy.include", settings.namePolicy().include(), problems);
        }
        if (settings.checkInterval() == null || settings.checkInterval().compareTo(SHORTEST_CHECK_INTERVAL) < 0) {
            problems.put("checkInterval", "Check at most once an hour: checks ask the CA, which limits how often.");
        }
        checkWarningDays(settings.warningDays(), problems);
        if (settings.maintenanceTime() == null) {
            problems.put("maintenanceTime", "Choose the daily time at which keystore files may be written.");
        }
        return problems;
    }

    private static void checkDnsUpdate(CertificateSettings.DnsUpdateServer server,
                                       CertificateSettings.SecretChange secrets, Predicate<String> savedSecret,
                                       Map<String, String> problems) {
        if (server.host() == null || server.host().isBlank()) {
            problems.put("dnsUpdate.host", "Enter the DNS server that accepts dynamic updates.");
        }
        if (server.port() < 1 || server.port() > 65535) {
            problems.put("dnsUpdate.port", "The port must be between 1 and 65535 (DNS uses 53).");
        }
        server.zone().filter(zone -> !zone.isBlank()).ifPresent(zone -> {
            if (!isDnsName(zone)) {
                problems.put("dnsUpdate.zone", "'" + zone + "' is not a DNS zone name; leave it empty to ask the server.");
            }
        });
        if (server.keyName() == null || server.keyName().isBlank() || !isDnsName(server.keyName())) {
            problems.put("dnsUpdate.keyName", "Enter the TSIG key name as in the server's key statement.");
        }
        try {
            TsigAlgorithm.fromLabel(server.algorithm() == null ? "" : server.algorithm());
        } catch (IllegalArgumentException e) {
            problems.put("dnsUpdate.algorithm", e.getMessage());
        }
        if (!given(secrets.tsigSecret()) && !savedSecret.test(SavedSettings.TSIG_SECRET)) {
            problems.put(SavedSettings.TSIG_SECRET, "Enter the TSIG key's secret.");
        } else if (given(secrets.tsigSecret()) && !isBase64(secrets.tsigSecret().get())) {
            problems.put(SavedSettings.TSIG_SECRET, "The TSIG secret is not base64 text; copy it from the server's key"
                    + " statement.");
        }
    }

    private static void checkNames(String field, Iterable<String> names, Map<String, String> problems) {
        for (String name : names) {
            try {
                DnsNames.normalize(name);
            } catch (InvalidNameException e) {
                problems.put(field, "'" + name + "' cannot be certified: " + e.getMessage());
                return;
            }
        }
    }

    private static void checkWarningDays(List<Integer> days, Map<String, String> problems) {
        if (days == null || days.isEmpty()) {
            problems.put("warningDays", "Give at least one day before expiry at which to warn, such as 14, 7, 3, 1.");
            return;
        }
        for (int i = 0; i < days.size(); i++) {
            if (days.get(i) == null || days.get(i) < 1) {
                problems.put("warningDays", "Warning days must be whole numbers of days, 1 or more.");
                return;
            }
            if (i > 0 && days.get(i) >= days.get(i - 1)) {
                problems.put("warningDays", "List the warning days from the earliest to the last, such as 14, 7, 3, 1.");
                return;
            }
        }
    }

    private static boolean given(Optional<String> secret) {
        return secret.filter(value -> !value.isBlank()).isPresent();
    }

    /** CAs show EAB keys base64url-encoded, BIND shows TSIG secrets in standard base64: either is fine. */
    private static boolean isBase64(String value) {
        String text = value.strip();
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException standard) {
            try {
                Base64.getUrlDecoder().decode(text);
                return true;
            } catch (IllegalArgumentException url) {
                return false;
            }
        }
    }

    private static boolean isDnsName(String text) {
        try {
            Name.fromString(text.strip(), Name.root);
            return true;
        } catch (TextParseException e) {
            return false;
        }
    }

    static boolean parsesAsCertificates(String pem) {
        try {
            return !CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)))
                    .isEmpty();
        } catch (CertificateException | RuntimeException e) {
            return false;
        }
    }

    static X509Certificate firstCertificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)))
                    .iterator().next();
        } catch (CertificateException e) {
            throw new IllegalStateException("The saved trusted root no longer parses", e);
        }
    }
}
