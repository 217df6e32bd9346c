package org.xmppcert.core.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.testing.TestCertificateAuthority;

class NameCoverageTest {

    @Test
    void wildcardCoversExactlyOneLeftMostLabel() {
        assertTrue(NameCoverage.covers("*.example.org", "conference.example.org"));
        assertFalse(NameCoverage.covers("*.example.org", "example.org"));
        assertFalse(NameCoverage.covers("*.example.org", "a.conference.example.org"));
        assertFalse(NameCoverage.covers("*.example.org", "conference.example.net"));
    }

    @Test
    void requestedWildcardNeedsTheSameWildcard() {
        assertTrue(NameCoverage.covers("*.example.org", "*.example.org"));
        assertFalse(NameCoverage.covers("conference.example.org", "*.example.org"));
    }

    @Test
    void namesCompareWithoutCaseTrailingDotOrUnicodeForm() {
        assertTrue(NameCoverage.covers("Example.ORG.", "example.org"));
        assertTrue(NameCoverage.covers("xn--bcher-kva.example", "bücher.example"));
    }

    @Test
    void missingNamesAreListedInRequestOrder() {
        Instant now = Instant.parse("2031-01-01T00:00:00Z");
        X509Certificate certificate = TestCertificateAuthority.create("Names", now).issue(
                KeyType.EC_P256.generate().getPublic(), List.of("*.example.org"), now, now.plus(Duration.ofDays(1)));

        assertEquals(List.of("example.org", "a.b.example.org"), NameCoverage.missing(certificate,
                List.of("example.org", "conference.example.org", "a.b.example.org", "upload.example.org")));
    }
}
