package org.xmppcert.core.challenge.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class Rfc2136SettingsTest {

    private static final String SECRET = "qWy4kMtdBmLvYOLvJc0ZW6S3xoQ2F3cHJm9oOjfw3kc=";

    @Test
    void toStringShowsWhereAndWhichKeyButNeverTheSecret() {
        Rfc2136Settings settings = Rfc2136Settings.of("ns1.example.org", 53, "xmpp-acme", TsigAlgorithm.HMAC_SHA256,
                SECRET);

        String shown = settings.toString();

        assertFalse(shown.contains(SECRET), shown);
        assertFalse(shown.contains(SECRET.substring(0, 8)), shown);
        assertTrue(shown.contains("ns1.example.org:53") && shown.contains("xmpp-acme")
                && shown.contains("hmac-sha256"), shown);
    }

    @Test
    void secretThatIsNotBase64IsRefusedWithoutQuotingIt() {
        String notBase64 = "my$ecret!pass";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rfc2136Settings.of("ns1.example.org", 53, "xmpp-acme", TsigAlgorithm.HMAC_SHA256, notBase64));

        assertTrue(e.getMessage().contains("'xmpp-acme' is not base64"), e.getMessage());
        assertFalse(e.getMessage().contains("$"), e.getMessage());
        assertFalse(e.getMessage().contains("pass"), e.getMessage());
    }

    @Test
    void defaultsAreTtlSixtySecondsAndZoneFoundByTheServer() {
        Rfc2136Settings settings = Rfc2136Settings.of("ns1.example.org", 53, "k", TsigAlgorithm.HMAC_SHA256, SECRET);

        assertEquals(Duration.ofSeconds(60), settings.ttl());
        assertNull(settings.zone());
        assertNull(settings.withZone("  ").zone());
        assertFalse(settings.tcp());
    }

    @Test
    void badPortAndZoneAreRefusedClearly() {
        assertThrows(IllegalArgumentException.class,
                () -> Rfc2136Settings.of("ns1.example.org", 0, "k", TsigAlgorithm.HMAC_SHA256, SECRET));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rfc2136Settings.of("ns1.example.org", 53, "k", TsigAlgorithm.HMAC_SHA256, SECRET)
                        .withZone("bad..zone"));
        assertTrue(e.getMessage().contains("zone 'bad..zone' is not a valid DNS name"), e.getMessage());
    }

    @Test
    void algorithmsAreReadAsWrittenInServerConfigurations() {
        assertEquals(TsigAlgorithm.HMAC_SHA512, TsigAlgorithm.fromLabel("HMAC-SHA512"));
        assertEquals(TsigAlgorithm.HMAC_SHA256, TsigAlgorithm.fromLabel("hmac-sha256."));
        assertEquals(TsigAlgorithm.HMAC_SHA384, TsigAlgorithm.fromLabel(" hmac-sha384 "));
        assertEquals(TsigAlgorithm.HMAC_SHA1, TsigAlgorithm.fromLabel("hmac-sha1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TsigAlgorithm.fromLabel("hmac-md5"));
        assertTrue(e.getMessage().contains("hmac-sha256"), e.getMessage());
    }
}
