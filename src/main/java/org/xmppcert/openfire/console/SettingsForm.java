package org.xmppcert.openfire.console;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.xmppcert.core.acme.ChallengeType;
import org.xmppcert.core.keys.KeyPolicy;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.core.names.DnsNames;
import org.xmppcert.core.names.InvalidNameException;
import org.xmppcert.core.names.NamePolicy;
import org.xmppcert.openfire.service.CaPreset;
import org.xmppcert.openfire.service.CertificateSettings;
import org.xmppcert.openfire.service.CertificateSettings.DnsUpdateServer;
import org.xmppcert.openfire.service.CertificateSettings.SecretChange;

/**
 * The settings form as text fields, both ways: {@link #valuesOf} fills the form from saved
 * settings, {@link #read} turns what the admin submitted into settings, or into a message per
 * field saying what is wrong with it. Only the form's own checks live here (does the text parse,
 * is what this CA needs filled in); the service judges the rest when saving. Secrets are never
 * among the values: their fields start empty, and an empty field keeps the saved secret.
 */
public final class SettingsForm {

    /** The TSIG algorithms dnsjava signs with, by the names RFC 8945 gives them. */
    public static final List<String> TSIG_ALGORITHMS = List.of("hmac-sha256", "hmac-sha384", "hmac-sha512");

    static final String CA = "ca";
    static final String CUSTOM_DIRECTORY = "customDirectory";
    static final String CUSTOM_TRUST_ANCHOR = "customTrustAnchorPem";
    static final String CONTACT_EMAIL = "contactEmail";
    static final String TERMS_AGREED = "termsAgreed";
    static final String EAB_KEY_ID = "eabKeyId";
    static final String EAB_HMAC_KEY = "eabHmacKey";
    static final String KEY_TYPE = "keyType";
    static final String KEEP_CURRENT_KEY = "keepCurrentKey";
    static final String CHALLENGE_TYPE = "challengeType";
    static final String DNS_HOST = "dnsHost";
    static final String DNS_PORT = "dnsPort";
    static final String DNS_ZONE = "dnsZone";
    static final String DNS_KEY_NAME = "dnsKeyName";
    static final String DNS_ALGORITHM = "dnsAlgorithm";
    static final String TSIG_SECRET = "tsigSecret";
    static final String INCLUDE_NAMES = "includeNames";
    static final String EXCLUDE_NAMES = "excludeNames";
    static final String WILDCARD = "wildcard";
    static final String XMPP_IDENTITIES = "xmppIdentities";
    static final String AUTOMATIC = "automatic";
    static final String CHECK_INTERVAL_HOURS = "checkIntervalHours";
    static final String WARNING_DAYS = "warningDays";
    static final String NOTIFY_BY_XMPP = "notifyByXmpp";
    static final String NOTIFY_BY_EMAIL = "notifyByEmail";
    static final String MAINTENANCE_TIME = "maintenanceTime";

    /** Every field of the form, in the order the page shows them; the secret fields included. */
    public static final List<String> FIELDS = List.of(CA, CUSTOM_DIRECTORY, CUSTOM_TRUST_ANCHOR, CONTACT_EMAIL,
            TERMS_AGREED, EAB_KEY_ID, EAB_HMAC_KEY, KEY_TYPE, KEEP_CURRENT_KEY, CHALLENGE_TYPE, DNS_HOST, DNS_PORT,
            DNS_ZONE, DNS_KEY_NAME, DNS_ALGORITHM, TSIG_SECRET, INCLUDE_NAMES, EXCLUDE_NAMES, WILDCARD,
            XMPP_IDENTITIES, AUTOMATIC, CHECK_INTERVAL_HOURS, WARNING_DAYS, NOTIFY_BY_XMPP, NOTIFY_BY_EMAIL,
            MAINTENANCE_TIME);

    /** The bundle keys of the messages this form can put beside a field. */
    public static final List<String> ERROR_KEYS = List.of("settings.error.ca", "settings.error.customDirectory",
            "settings.error.customDirectory.required", "settings.error.customTrustAnchorPem",
            "settings.error.contactEmail", "settings.error.termsAgreed", "settings.error.eabKeyId",
            "settings.error.eabHmacKey", "settings.error.eabHmacKey.required", "settings.error.keyType",
            "settings.error.challengeType", "settings.error.dnsPort", "settings.error.dnsKeyName",
            "settings.error.dnsAlgorithm", "settings.error.tsigSecret", "settings.error.tsigSecret.required",
            "settings.error.names", "settings.error.checkIntervalHours", "settings.error.warningDays",
            "settings.error.maintenanceTime");

    private static final int MAX_CHECK_INTERVAL_HOURS = 7 * 24;
    private static final int MAX_WARNING_DAYS = 90;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_=-]+");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[\\s,;]+");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final String CHECKED = "true";

    /** What {@link #read} made of a submitted form: settings and secrets, or the problems by field. */
    public record Outcome(CertificateSettings settings, SecretChange secrets, Map<String, Message> problems) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private SettingsForm() {
    }

    /** The form filled from saved settings; secret fields are left out. */
    public static Map<String, String> valuesOf(CertificateSettings settings) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(CA, settings.ca().name());
        values.put(CUSTOM_DIRECTORY, settings.customDirectory().map(URI::toString).orElse(""));
        values.put(CUSTOM_TRUST_ANCHOR, settings.customTrustAnchorPem().orElse(""));
        values.put(CONTACT_EMAIL, nullToEmpty(settings.contactEmail()));
        values.put(TERMS_AGREED, checkbox(settings.termsAgreed()));
        values.put(EAB_KEY_ID, settings.eabKeyId().orElse(""));
        values.put(KEY_TYPE, settings.keyPolicy().type().name());
        values.put(KEEP_CURRENT_KEY, checkbox(settings.keyPolicy().keepCurrentKey()));
        values.put(CHALLENGE_TYPE, settings.challengeType().name());
        settings.dnsUpdate().ifPresentOrElse(server -> {
            values.put(DNS_HOST, server.host());
            values.put(DNS_PORT, String.valueOf(server.port()));
            values.put(DNS_ZONE, server.zone().orElse(""));
            values.put(DNS_KEY_NAME, server.keyName());
            values.put(DNS_ALGORITHM, server.algorithm());
        }, () -> {
            values.put(DNS_HOST, "");
            values.put(DNS_PORT, "53");
            values.put(DNS_ZONE, "");
            values.put(DNS_KEY_NAME, "");
            values.put(DNS_ALGORITHM, TSIG_ALGORITHMS.get(0));
        });
        values.put(INCLUDE_NAMES, String.join("\n", settings.namePolicy().include()));
        values.put(EXCLUDE_NAMES, String.join("\n", settings.namePolicy().exclude()));
        values.put(WILDCARD, checkbox(settings.namePolicy().wildcard()));
        values.put(XMPP_IDENTITIES, checkbox(settings.xmppIdentities()));
        values.put(AUTOMATIC, checkbox(settings.automatic()));
        values.put(CHECK_INTERVAL_HOURS, String.valueOf(settings.checkInterval().toHours()));
        values.put(WARNING_DAYS, settings.warningDays().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        values.put(NOTIFY_BY_XMPP, checkbox(settings.notifyByXmpp()));
        values.put(NOTIFY_BY_EMAIL, checkbox(settings.notifyByEmail()));
        values.put(MAINTENANCE_TIME, settings.maintenanceTime().format(TIME));
        return values;
    }

    /**
     * Reads a submitted form.
     *
     * @param parameter the submitted value of a field, or null when absent (an unticked checkbox)
     * @param hasSecret whether a secret by that name ({@code eabHmacKey}, {@code tsigSecret}) is saved
     */
    public static Outcome read(Function<String, String> parameter, Function<String, Boolean> hasSecret) {
        return new Reading(parameter, hasSecret).outcome();
    }

    /** The submitted values to show again beside their problems; secrets are never echoed. */
    public static Map<String, String> submittedValues(Function<String, String> parameter) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : FIELDS) {
            if (!field.equals(EAB_HMAC_KEY) && !field.equals(TSIG_SECRET)) {
                values.put(field, nullToEmpty(parameter.apply(field)));
            }
        }
        return values;
    }

    private static final class Reading {

        private final Function<String, String> parameter;
        private final Function<String, Boolean> hasSecret;
        private final Map<String, Message> problems = new LinkedHashMap<>();

        Reading(Function<String, String> parameter, Function<String, Boolean> hasSecret) {
            this.parameter = parameter;
            this.hasSecret = hasSecret;
        }

        Outcome outcome() {
            CaPreset ca = enumValue(CA, CaPreset.class, CaPreset.LETS_ENCRYPT);
            Optional<URI> customDirectory = customDirectory(ca);
            Optional<String> trustAnchor = trustAnchor();
            String contactEmail = text(CONTACT_EMAIL);
            if (!contactEmail.isEmpty() && !EMAIL.matcher(contactEmail).matches()) {
                problems.put(CONTACT_EMAIL, Message.key("settings.error.contactEmail"));
            }
            boolean termsAgreed = checked(TERMS_AGREED);
            if (ca.isAcme() && !termsAgreed) {
                problems.put(TERMS_AGREED, Message.key("settings.error.termsAgreed"));
            }
            Optional<String> eabKeyId = optionalText(EAB_KEY_ID);
            Optional<String> eabHmacKey = secret(EAB_HMAC_KEY, "settings.error.eabHmacKey");
            if (ca.requiresExternalAccountBinding()) {
                if (eabKeyId.isEmpty()) {
                    problems.put(EAB_KEY_ID, Message.key("settings.error.eabKeyId"));
                }
                requireSecret(EAB_HMAC_KEY, eabHmacKey, "settings.error.eabHmacKey.required");
            }
            KeyType keyType = enumValue(KEY_TYPE, KeyType.class, KeyType.DEFAULT);
            ChallengeType challengeType = enumValue(CHALLENGE_TYPE, ChallengeType.class, ChallengeType.HTTP_01);
            Optional<String> tsigSecret = secret(TSIG_SECRET, "settings.error.tsigSecret");
            Optional<DnsUpdateServer> dnsUpdate = dnsUpdate(tsigSecret);
            Set<String> include = names(INCLUDE_NAMES);
            Set<String> exclude = names(EXCLUDE_NAMES);
            Duration checkInterval = Duration.ofHours(number(CHECK_INTERVAL_HOURS, 1, MAX_CHECK_INTERVAL_HOURS, 6,
                    "settings.error.checkIntervalHours"));
            List<Integer> warningDays = warningDays();
            LocalTime maintenanceTime = maintenanceTime();

            if (!problems.isEmpty()) {
                return new Outcome(null, null, Map.copyOf(problems));
            }
            CertificateSettings settings = new CertificateSettings(ca, customDirectory, trustAnchor, contactEmail,
                    termsAgreed, eabKeyId, new KeyPolicy(keyType, checked(KEEP_CURRENT_KEY)), challengeType, dnsUpdate,
                    new NamePolicy(include, exclude, checked(WILDCARD)), checked(XMPP_IDENTITIES), checked(AUTOMATIC),
                    checkInterval, warningDays, checked(NOTIFY_BY_XMPP), checked(NOTIFY_BY_EMAIL), maintenanceTime);
            return new Outcome(settings, new SecretChange(eabHmacKey, tsigSecret), Map.of());
        }

        private Optional<URI> customDirectory(CaPreset ca) {
            String text = text(CUSTOM_DIRECTORY);
            if (text.isEmpty()) {
                if (ca == CaPreset.CUSTOM) {
                    problems.put(CUSTOM_DIRECTORY, Message.key("settings.error.customDirectory.required"));
                }
                return Optional.empty();
            }
            try {
                URI uri = new URI(text);
                if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                    return Optional.of(uri);
                }
            } catch (URISyntaxException e) {
                // reported below, like a URL of the wrong scheme
            }
            problems.put(CUSTOM_DIRECTORY, Message.key("settings.error.customDirectory"));
            return Optional.empty();
        }

        private Optional<String> trustAnchor() {
            Optional<String> pem = optionalText(CUSTOM_TRUST_ANCHOR);
            if (pem.isPresent()) {
                try {
                    if (CertificateFactory.getInstance("X.509").generateCertificates(
                            new ByteArrayInputStream(pem.get().getBytes(StandardCharsets.US_ASCII))).isEmpty()) {
                        throw new CertificateException("no certificate");
                    }
                } catch (CertificateException e) {
                    problems.put(CUSTOM_TRUST_ANCHOR, Message.key("settings.error.customTrustAnchorPem"));
                }
            }
            return pem;
        }

        private Optional<DnsUpdateServer> dnsUpdate(Optional<String> tsigSecret) {
            String host = text(DNS_HOST);
            if (host.isEmpty()) {
                return Optional.empty();
            }
            int port = number(DNS_PORT, 1, 65535, 53, "settings.error.dnsPort");
            String keyName = text(DNS_KEY_NAME);
            if (keyName.isEmpty()) {
                problems.put(DNS_KEY_NAME, Message.key("settings.error.dnsKeyName"));
            }
            String algorithm = text(DNS_ALGORITHM);
            if (!TSIG_ALGORITHMS.contains(algorithm)) {
                problems.put(DNS_ALGORITHM, Message.key("settings.error.dnsAlgorithm"));
            }
            requireSecret(TSIG_SECRET, tsigSecret, "settings.error.tsigSecret.required");
            return Optional.of(new DnsUpdateServer(host, port, optionalText(DNS_ZONE), keyName, algorithm));
        }

        /** A secret typed in, checked to be base64 as both EAB and TSIG keys are; empty keeps the saved one. */
        private Optional<String> secret(String field, String malformedKey) {
            Optional<String> secret = Optional.ofNullable(parameter.apply(field)).map(String::strip)
                    .filter(value -> !value.isEmpty());
            if (secret.isPresent() && !BASE64.matcher(secret.get()).matches()) {
                problems.put(field, Message.key(malformedKey));
            }
            return secret;
        }

        private void requireSecret(String field, Optional<String> typed, String missingKey) {
            if (typed.isEmpty() && !Boolean.TRUE.equals(hasSecret.apply(field))) {
                problems.putIfAbsent(field, Message.key(missingKey));
            }
        }

        private Set<String> names(String field) {
            Set<String> names = new LinkedHashSet<>();
            List<String> invalid = new ArrayList<>();
            for (String name : LIST_SEPARATOR.split(text(field))) {
                if (name.isEmpty()) {
                    continue;
                }
                try {
                    names.add(DnsNames.normalize(name));
                } catch (InvalidNameException e) {
                    invalid.add(name);
                }
            }
            if (!invalid.isEmpty()) {
                problems.put(field, Message.key("settings.error.names", String.join(", ", invalid)));
            }
            return names;
        }

        private List<Integer> warningDays() {
            List<Integer> days = new ArrayList<>();
            for (String day : LIST_SEPARATOR.split(text(WARNING_DAYS))) {
                if (day.isEmpty()) {
                    continue;
                }
                try {
                    int value = Integer.parseInt(day);
                    if (value < 1 || value > MAX_WARNING_DAYS) {
                        throw new NumberFormatException(day);
                    }
                    days.add(value);
                } catch (NumberFormatException e) {
                    problems.put(WARNING_DAYS, Message.key("settings.error.warningDays"));
                    return List.of();
                }
            }
            return days.stream().distinct().sorted((a, b) -> b - a).toList();
        }

        private LocalTime maintenanceTime() {
            try {
                return LocalTime.parse(text(MAINTENANCE_TIME), TIME);
            } catch (DateTimeParseException e) {
                problems.put(MAINTENANCE_TIME, Message.key("settings.error.maintenanceTime"));
                return LocalTime.MIDNIGHT;
            }
        }

        private int number(String field, int min, int max, int fallback, String problemKey) {
            try {
                int value = Integer.parseInt(text(field));
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below, like a number out of range
            }
            problems.put(field, Message.key(problemKey));
            return fallback;
        }

        private <E extends Enum<E>> E enumValue(String field, Class<E> type, E fallback) {
            String text = text(field);
            return Arrays.stream(type.getEnumConstants()).filter(value -> value.name().equals(text)).findFirst()
                    .orElseGet(() -> {
                        problems.put(field, Message.key("settings.error." + field));
                        return fallback;
                    });
        }

        private boolean checked(String field) {
            return CHECKED.equals(parameter.apply(field));
        }

        private Optional<String> optionalText(String field) {
            String text = text(field);
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }

        private String text(String field) {
            return nullToEmpty(parameter.apply(field)).strip();
        }
    }

    private static String checkbox(boolean checked) {
        return checked ? CHECKED : "";
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
