package org.xmppcert.openfire.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.xmppcert.core.acme.ChallengeType;
import org.xmppcert.core.keys.KeyPolicy;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.core.names.NamePolicy;
import org.xmppcert.openfire.service.CaPreset;
import org.xmppcert.openfire.service.CertificateSettings;
import org.xmppcert.openfire.service.CertificateSettings.DnsUpdateServer;

class SettingsFormTest {

    private static final CertificateSettings SAVED = new CertificateSettings(CaPreset.CUSTOM,
            Optional.of(URI.create("https://ca.example.net/acme/directory")), Optional.empty(), "admin@example.org",
            true, Optional.of("kid-7"), new KeyPolicy(KeyType.RSA_3072, true), ChallengeType.DNS_01,
            Optional.of(new DnsUpdateServer("ns1.example.org", 5353, Optional.of("example.org"), "acme-key",
                    "hmac-sha512")),
            new NamePolicy(Set.of("web.example.org"), Set.of("proxy.example.org"), true), true, false,
            Duration.ofHours(12), List.of(14, 3), false, true, LocalTime.of(4, 15));

    @Test
    void theSavedSettingsComeBackUnchangedThroughTheForm() {
        Map<String, String> form = SettingsForm.valuesOf(SAVED);

        SettingsForm.Outcome outcome = SettingsForm.read(form::get, secret -> true);

        assertEquals(Map.of(), outcome.problems());
        assertEquals(SAVED, outcome.settings());
        assertEquals(CertificateSettings.SecretChange.NONE, outcome.secrets(), "empty secret fields keep the saved ones");
    }

    @Test
    void secretsAreNeverAmongTheValuesShown() {
        Map<String, String> submitted = new HashMap<>(SettingsForm.valuesOf(SAVED));
        submitted.put("eabHmacKey", "c2VjcmV0");
        submitted.put("tsigSecret", "dHNpZw==");

        Map<String, String> shownAgain = SettingsForm.submittedValues(submitted::get);

        assertFalse(SettingsForm.valuesOf(SAVED).containsKey("eabHmacKey"));
        assertFalse(shownAgain.containsValue("c2VjcmV0"));
        assertFalse(shownAgain.containsValue("dHNpZw=="));
    }

    @Test
    void aCaWithExternalAccountBindingNeedsItsKeysUnlessTheHmacKeyIsSaved() {
        Map<String, String> form = new HashMap<>(SettingsForm.valuesOf(SAVED));
        form.put("ca", "GOOGLE_TRUST_SERVICES");
        form.put("eabKeyId", "");

        Map<String, Message> problems = SettingsForm.read(form::get, secret -> false).problems();
        assertEquals(Message.key("settings.error.eabKeyId"), problems.get("eabKeyId"));
        assertEquals(Message.key("settings.error.eabHmacKey.required"), problems.get("eabHmacKey"));

        form.put("eabKeyId", "kid-9");
        assertTrue(SettingsForm.read(form::get, secret -> true).valid());
    }

    @Test
    void everyBrokenFieldIsReportedAtOnce() {
        Map<String, String> form = new HashMap<>(SettingsForm.valuesOf(SAVED));
        form.put("customDirectory", "http://ca.example.net/directory");
        form.put("customTrustAnchorPem", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----");
        form.put("dnsPort", "70000");
        form.put("dnsAlgorithm", "hmac-md5");
        form.put("termsAgreed", null);
        form.put("maintenanceTime", "25:00");
        form.put("excludeNames", "192.0.2.1");

        SettingsForm.Outcome outcome = SettingsForm.read(form::get, secret -> true);

        assertEquals(Set.of("customDirectory", "customTrustAnchorPem", "dnsPort", "dnsAlgorithm", "termsAgreed",
                "maintenanceTime", "excludeNames"), outcome.problems().keySet());
        assertEquals(null, outcome.settings(), "nothing to save while anything is wrong");
    }
}
