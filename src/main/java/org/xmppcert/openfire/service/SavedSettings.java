package org.xmppcert.openfire.service;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jivesoftware.util.SystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppcert.core.acme.ChallengeType;
import org.xmppcert.core.keys.KeyPolicy;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.core.names.NamePolicy;
import org.xmppcert.core.secrets.SecretSealer;
import org.xmppcert.openfire.install.KeystoreFileSync;
import org.xmppcert.openfire.storage.JdbcSettingStore;

/**
 * Where {@link CertificateSettings} live: small values as the plugin's Openfire properties (so
 * they show on the server's system properties page and follow it across a cluster), the trust
 * anchor in the plugin's setting table (a PEM bundle exceeds what some databases allow for a
 * property), and the two secrets sealed in that table, never in a property, a page or a log.
 *
 * <p>Values are kept as text: an admin who edits one by hand and gets it wrong sees the default
 * come back and a warning in the log, not a plugin that cannot start.
 */
public final class SavedSettings {

    private static final Logger LOG = LoggerFactory.getLogger(SavedSettings.class);

    /** Prefix of every property, the plugin's canonical name. */
    public static final String PREFIX = "certificatemanager.";
    /** The External Account Binding HMAC key, for {@link CertificateService#hasSecret}. */
    public static final String EAB_HMAC_KEY = "eabHmacKey";
    /** The RFC 2136 TSIG secret, for {@link CertificateService#hasSecret}. */
    public static final String TSIG_SECRET = "tsigSecret";
    private static final Set<String> SECRETS = Set.of(EAB_HMAC_KEY, TSIG_SECRET);
    private static final String TRUST_ANCHOR = "customTrustAnchorPem";

    /** What a fresh install starts with: Let's Encrypt by http-01, automatic, nothing agreed on the admin's behalf. */
    public static final CertificateSettings DEFAULTS = new CertificateSettings(CaPreset.LETS_ENCRYPT, Optional.empty(),
            Optional.empty(), "", false, Optional.empty(), KeyPolicy.DEFAULT, ChallengeType.HTTP_01, Optional.empty(),
            NamePolicy.DEFAULT, false, true, Duration.ofHours(6), List.of(14, 7, 3, 1), true, false,
            KeystoreFileSync.DEFAULT_MAINTENANCE_TIME);

    private enum Key {
        CA("ca"), CUSTOM_DIRECTORY("acme.directory"), CONTACT_EMAIL("acme.contact"), TERMS_AGREED("acme.terms-agreed"),
        EAB_KEY_ID("acme.eab.key-id"), KEY_TYPE("key.type"), KEEP_KEY("key.keep-current"), CHALLENGE("challenge"),
        DNS_HOST("dns-update.host"), DNS_PORT("dns-update.port"), DNS_ZONE("dns-update.zone"),
        DNS_KEY_NAME("dns-update.key-name"), DNS_ALGORITHM("dns-update.algorithm"), NAMES_INCLUDE("names.include"),
        NAMES_EXCLUDE("names.exclude"), NAMES_WILDCARD("names.wildcard"), XMPP_IDENTITIES("names.xmpp-identities"),
        AUTOMATIC("automatic"), CHECK_INTERVAL("renewal.check-interval"), WARNING_DAYS("renewal.warning-days"),
        NOTIFY_XMPP("notify.xmpp"), NOTIFY_EMAIL("notify.email"), MAINTENANCE_TIME("maintenance-time");

        private final String property;

        Key(String suffix) {
            this.property = PREFIX + suffix;
        }
    }

    private final Map<Key, SystemProperty<String>> properties;
    private final JdbcSettingStore table;
    private final SecretSealer sealer;

    private SavedSettings(Map<Key, SystemProperty<String>> properties, JdbcSettingStore table, SecretSealer sealer) {
        this.properties = properties;
        this.table = table;
        this.sealer = sealer;
    }

    /**
     * Defines the plugin's settings properties. Openfire allows each key to be defined once per
     * load: they go away with the plugin's other properties when it is unloaded.
     *
     * @param plugin the canonical name the properties belong to
     */
    public static SavedSettings define(String plugin, JdbcSettingStore table, SecretSealer sealer) {
        Map<String, String> defaults = write(DEFAULTS);
        Map<Key, SystemProperty<String>> properties = new LinkedHashMap<>();
        for (Key key : Key.values()) {
            properties.put(key, SystemProperty.Builder.ofType(String.class)
                    .setKey(key.property)
                    .setDefaultValue(defaults.getOrDefault(key.property, ""))
                    .setDynamic(true)
                    .setPlugin(plugin)
                    .build());
        }
        return new SavedSettings(properties, table, sealer);
    }

    /** The property keys, for the plugin's i18n descriptions and its tests. */
    public static List<String> propertyKeys() {
        return Arrays.stream(Key.values()).map(key -> key.property).toList();
    }

    public CertificateSettings load() {
        CertificateSettings d = DEFAULTS;
        Optional<CertificateSettings.DnsUpdateServer> dnsUpdate = text(Key.DNS_HOST).map(host ->
                new CertificateSettings.DnsUpdateServer(host, parsed(Key.DNS_PORT, Integer::parseInt, 53),
                        text(Key.DNS_ZONE), text(Key.DNS_KEY_NAME).orElse(""), text(Key.DNS_ALGORITHM).orElse("")));
        return new CertificateSettings(
                parsed(Key.CA, CaPreset::valueOf, d.ca()),
                parsed(Key.CUSTOM_DIRECTORY, value -> Optional.of(URI.create(value)), Optional.empty()),
                table.get(TRUST_ANCHOR),
                text(Key.CONTACT_EMAIL).orElse(""),
                flag(Key.TERMS_AGREED),
                text(Key.EAB_KEY_ID),
                new KeyPolicy(parsed(Key.KEY_TYPE, KeyType::valueOf, d.keyPolicy().type()), flag(Key.KEEP_KEY)),
                parsed(Key.CHALLENGE, ChallengeType::valueOf, d.challengeType()),
                dnsUpdate,
                namePolicy(),
                flag(Key.XMPP_IDENTITIES),
                automatic(),
                parsed(Key.CHECK_INTERVAL, Duration::parse, d.checkInterval()),
                parsed(Key.WARNING_DAYS, value -> Arrays.stream(value.split(",")).map(String::strip)
                        .map(Integer::valueOf).toList(), d.warningDays()),
                flag(Key.NOTIFY_XMPP),
                flag(Key.NOTIFY_EMAIL),
                maintenanceTime());
    }

    /** {@link CertificateSettings#namePolicy()} alone, read without touching the database. */
    public NamePolicy namePolicy() {
        return new NamePolicy(list(Key.NAMES_INCLUDE), list(Key.NAMES_EXCLUDE), flag(Key.NAMES_WILDCARD));
    }

    /** {@link CertificateSettings#automatic()} alone, read without touching the database. */
    public boolean automatic() {
        return flag(Key.AUTOMATIC);
    }

    /** {@link CertificateSettings#maintenanceTime()} alone, read without touching the database. */
    public LocalTime maintenanceTime() {
        return parsed(Key.MAINTENANCE_TIME, LocalTime::parse, DEFAULTS.maintenanceTime());
    }

    /** Saves settings already validated, and replaces the secrets given. */
    public void save(CertificateSettings settings, CertificateSettings.SecretChange secrets) {
        write(settings).forEach((property, value) -> properties.get(keyOf(property)).setValue(value));
        settings.customTrustAnchorPem().filter(pem -> !pem.isBlank())
                .ifPresentOrElse(pem -> table.put(TRUST_ANCHOR, pem), () -> table.remove(TRUST_ANCHOR));
        secrets.eabHmacKey().filter(value -> !value.isBlank()).ifPresent(value -> putSecret(EAB_HMAC_KEY, value));
        secrets.tsigSecret().filter(value -> !value.isBlank()).ifPresent(value -> putSecret(TSIG_SECRET, value));
    }

    public boolean hasSecret(String name) {
        requireSecretName(name);
        return table.get(name).isPresent();
    }

    /** The secret in clear, for the CA or DNS server only; never for a page, message or log. */
    Optional<String> secret(String name) {
        requireSecretName(name);
        return table.get(name).map(sealed -> new String(sealer.open(sealed), StandardCharsets.UTF_8));
    }

    private void putSecret(String name, String value) {
        table.put(name, sealer.seal(value.strip().getBytes(StandardCharsets.UTF_8)));
    }

    private static void requireSecretName(String name) {
        if (!SECRETS.contains(name)) {
            throw new IllegalArgumentException("No secret is called " + name + "; there are " + SECRETS);
        }
    }

    private static Map<String, String> write(CertificateSettings s) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(Key.CA.property, s.ca().name());
        values.put(Key.CUSTOM_DIRECTORY.property, s.customDirectory().map(URI::toString).orElse(""));
        values.put(Key.CONTACT_EMAIL.property, s.contactEmail().strip());
        values.put(Key.TERMS_AGREED.property, Boolean.toString(s.termsAgreed()));
        values.put(Key.EAB_KEY_ID.property, s.eabKeyId().map(String::strip).orElse(""));
        values.put(Key.KEY_TYPE.property, s.keyPolicy().type().name());
        values.put(Key.KEEP_KEY.property, Boolean.toString(s.keyPolicy().keepCurrentKey()));
        values.put(Key.CHALLENGE.property, s.challengeType().name());
        values.put(Key.DNS_HOST.property, s.dnsUpdate().map(server -> server.host().strip()).orElse(""));
        values.put(Key.DNS_PORT.property, s.dnsUpdate().map(server -> Integer.toString(server.port())).orElse("53"));
        values.put(Key.DNS_ZONE.property, s.dnsUpdate().flatMap(CertificateSettings.DnsUpdateServer::zone)
                .map(String::strip).orElse(""));
        values.put(Key.DNS_KEY_NAME.property, s.dnsUpdate().map(server -> server.keyName().strip()).orElse(""));
        values.put(Key.DNS_ALGORITHM.property, s.dnsUpdate().map(server -> server.algorithm().strip()).orElse(""));
        values.put(Key.NAMES_INCLUDE.property, String.join(",", s.namePolicy().include()));
        values.put(Key.NAMES_EXCLUDE.property, String.join(",", s.namePolicy().exclude()));
        values.put(Key.NAMES_WILDCARD.property, Boolean.toString(s.namePolicy().wildcard()));
        values.put(Key.XMPP_IDENTITIES.property, Boolean.toString(s.xmppIdentities()));
        values.put(Key.AUTOMATIC.property, Boolean.toString(s.automatic()));
        values.put(Key.CHECK_INTERVAL.property, s.checkInterval().toString());
        values.put(Key.WARNING_DAYS.property, s.warningDays().stream().map(String::valueOf)
                .collect(Collectors.joining(",")));
        values.put(Key.NOTIFY_XMPP.property, Boolean.toString(s.notifyByXmpp()));
        values.put(Key.NOTIFY_EMAIL.property, Boolean.toString(s.notifyByEmail()));
        values.put(Key.MAINTENANCE_TIME.property, s.maintenanceTime().toString());
        return values;
    }

    private static Key keyOf(String property) {
        return Arrays.stream(Key.values()).filter(key -> key.property.equals(property)).findFirst().orElseThrow();
    }

    private Optional<String> text(Key key) {
        String value = properties.get(key).getValue();
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private boolean flag(Key key) {
        return text(key).map(value -> value.toLowerCase(Locale.ROOT).equals("true")).orElse(false);
    }

    private Set<String> list(Key key) {
        return text(key).map(value -> Arrays.stream(value.split(",")).map(String::strip).filter(name -> !name.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new))).orElseGet(LinkedHashSet::new);
    }

    private <T> T parsed(Key key, java.util.function.Function<String, T> parser, T fallback) {
        Optional<String> value = text(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return parser.apply(value.get());
        } catch (RuntimeException e) {
            LOG.warn("Property {} holds '{}', which is not a valid value; using {} instead", key.property, value.get(),
                    fallback);
            return fallback;
        }
    }
}
