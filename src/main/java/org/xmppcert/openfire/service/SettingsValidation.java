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
 * wrong field by field, so a form can show each message next to its field. The messages are the
 * console form's own ({@code settings.error.*}), so a problem reads the same whichever check found
 * it; they never repeat a secret.
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
    static Map<String, Sentence> problems(CertificateSettings settings, CertificateSettings.SecretChange secrets,
                                          Predicate<String> savedSecret) {
        Map<String, Sentence> problems = new LinkedHashMap<>();
        if (settings.ca() == null) {
            problems.put("ca", Sentence.of("settings.error.ca"));
            return problems;
        }
        boolean acme = settings.ca().isAcme();
        if (settings.ca() == CaPreset.CUSTOM) {
            Optional<URI> directory = settings.customDirectory();
            if (directory.isEmpty()) {
                problems.put("customDirectory", Sentence.of("settings.error.customDirectory.required"));
            } else if (!"https".equalsIgnoreCase(directory.get().getScheme()) || directory.get().getHost() == null) {
                problems.put("customDirectory", Sentence.of("settings.error.customDirectory"));
            }
        }
        settings.customTrustAnchorPem().filter(pem -> !pem.isBlank()).ifPresent(pem -> {
            if (!parsesAsCertificates(pem)) {
                problems.put("customTrustAnchorPem", Sentence.of("settings.error.customTrustAnchorPem"));
            }
        });
        String email = settings.contactEmail() == null ? "" : settings.contactEmail().strip();
        if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
            problems.put("contactEmail", Sentence.of("settings.error.contactEmail"));
        }
        if (acme && !settings.termsAgreed()) {
            problems.put("termsAgreed", Sentence.of("settings.error.termsAgreed"));
        }
        boolean keyIdGiven = settings.eabKeyId().filter(id -> !id.isBlank()).isPresent();
        boolean hmacGiven = given(secrets.eabHmacKey()) || savedSecret.test(SavedSettings.EAB_HMAC_KEY);
        if (acme && (settings.ca().requiresExternalAccountBinding() || keyIdGiven || given(secrets.eabHmacKey()))) {
            if (!keyIdGiven) {
                problems.put("eabKeyId", Sentence.of(settings.ca().requiresExternalAccountBinding()
                        ? "settings.error.eabKeyId" : "settings.error.eabKeyId.forHmacKey"));
            }
            if (!hmacGiven) {
                problems.put(SavedSettings.EAB_HMAC_KEY, Sentence.of("settings.error.eabHmacKey.required"));
            } else if (given(secrets.eabHmacKey()) && !isBase64(secrets.eabHmacKey().get())) {
                problems.put(SavedSettings.EAB_HMAC_KEY, Sentence.of("settings.error.eabHmacKey"));
            }
        }
        if (settings.keyPolicy() == null) {
            problems.put("keyPolicy", Sentence.of("settings.error.keyType"));
        }
        if (settings.challengeType() == null) {
            problems.put("challengeType", Sentence.of("settings.error.challengeType"));
        }
        settings.dnsUpdate().ifPresent(server -> checkDnsUpdate(server, secrets, savedSecret, problems));
        if (settings.namePolicy() == null) {
            problems.put("namePolicy", Sentence.of("settings.error.namePolicy"));
        } else {
            checkNames("namePolicy.include", settings.namePolicy().include(), problems);
        }
        if (settings.checkInterval() == null || settings.checkInterval().compareTo(SHORTEST_CHECK_INTERVAL) < 0) {
            problems.put("checkInterval", Sentence.of("settings.error.checkIntervalHours"));
        }
        checkWarningDays(settings.warningDays(), problems);
        if (settings.maintenanceTime() == null) {
            problems.put("maintenanceTime", Sentence.of("settings.error.maintenanceTime"));
        }
        return problems;
    }

    private static void checkDnsUpdate(CertificateSettings.DnsUpdateServer server,
                                       CertificateSettings.SecretChange secrets, Predicate<String> savedSecret,
                                       Map<String, Sentence> problems) {
        if (server.host() == null || server.host().isBlank()) {
            problems.put("dnsUpdate.host", Sentence.of("settings.error.dnsHost"));
        }
        if (server.port() < 1 || server.port() > 65535) {
            problems.put("dnsUpdate.port", Sentence.of("settings.error.dnsPort"));
        }
        server.zone().filter(zone -> !zone.isBlank()).ifPresent(zone -> {
            if (!isDnsName(zone)) {
                problems.put("dnsUpdate.zone", Sentence.of("settings.error.dnsZone", zone));
            }
        });
        if (server.keyName() == null || server.keyName().isBlank() || !isDnsName(server.keyName())) {
            problems.put("dnsUpdate.keyName", Sentence.of("settings.error.dnsKeyName"));
        }
        try {
            TsigAlgorithm.fromLabel(server.algorithm() == null ? "" : server.algorithm());
        } catch (IllegalArgumentException e) {
            problems.put("dnsUpdate.algorithm", Sentence.of("settings.error.dnsAlgorithm"));
        }
        if (!given(secrets.tsigSecret()) && !savedSecret.test(SavedSettings.TSIG_SECRET)) {
            problems.put(SavedSettings.TSIG_SECRET, Sentence.of("settings.error.tsigSecret.required"));
        } else if (given(secrets.tsigSecret()) && !isBase64(secrets.tsigSecret().get())) {
            problems.put(SavedSettings.TSIG_SECRET, Sentence.of("settings.error.tsigSecret"));
        }
    }

    private static void checkNames(String field, Iterable<String> names, Map<String, Sentence> problems) {
        for (String name : names) {
            try {
                DnsNames.normalize(name);
            } catch (InvalidNameException e) {
                problems.put(field, Sentence.of("settings.error.names", name));
                return;
            }
        }
    }

    private static void checkWarningDays(List<Integer> days, Map<String, Sentence> problems) {
        if (days == null || days.isEmpty() || days.stream().anyMatch(day -> day == null || day < 1)) {
            problems.put("warningDays", Sentence.of("settings.error.warningDays"));
            return;
        }
        for (int i = 1; i < days.size(); i++) {
            if (days.get(i) >= days.get(i - 1)) {
                problems.put("warningDays", Sentence.of("settings.error.warningDays.order"));
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
