package org.xmppcert.core.names;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.testing.TestCertificateAuthority;

class NameCoverageTest {

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
            "example.org, example.org, true",
            "EXAMPLE.org., example.org, true",
            "example.org, conference.example.org, false",
            "*.example.org, conference.example.org, true",
            "*.Example.ORG, conference.example.org, true",
            "*.example.org, example.org, false",
            "*.example.org, a.b.example.org, false",
            "*.example.org, conference.example.net, false",
            "*.example.org, *.example.org, true",
            "*.b.example.org, *.example.org, false",
            "conference.example.org, *.example.org, false",
            "c*.example.org, conference.example.org, false",
            "*.org, example.org, true",
    })
    void followsTheTlsClientsWildcardRule(String certificateName, String name, boolean covered) {
        assertEquals(covered, NameCoverage.covers(certificateName, name));
    }

    @Test
    void missingNamesOfARealCertificateAreListedInRequestOrder() {
        Instant now = Instant.parse("2031-01-01T00:00:00Z");
        X509Certificate certificate = TestCertificateAuthority.create("Names", now).issue(
                KeyType.EC_P256.generate().getPublic(), List.of("*.example.org"), now, now.plus(Duration.ofDays(1)));

        assertEquals(List.of("example.org", "a.b.example.org"), NameCoverage.missing(certificate,
                List.of("example.org", "conference.example.org", "a.b.example.org", "upload.example.org")));
    }
}
