package org.xmppcert.core.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CertificateNamesTest {

    private static CertificateNames namesFor(List<String> components, boolean wildcard) {
        return NameSelector.select(new ServerDescription("example.org", "", components, List.of()),
                new NamePolicy(Set.of(), Set.of(), wildcard));
    }

    @Test
    void aCertificateForEveryNameCoversThem() {
        CertificateNames names = namesFor(List.of("conference", "pubsub"), false);

        assertEquals(List.of(), names.notCoveredBy(
                List.of("pubsub.example.org", "example.org", "conference.example.org")));
    }

    @Test
    void aNewComponentIsNotCoveredByTheCurrentCertificate() {
        CertificateNames names = namesFor(List.of("conference", "upload"), false);

        assertEquals(List.of("upload.example.org"),
                names.notCoveredBy(List.of("example.org", "conference.example.org")));
    }

    @Test
    void aWildcardCertificateCoversNewComponentsOneLabelDeepOnly() {
        CertificateNames names = namesFor(List.of("upload", "files.upload.example.org"), false);

        assertEquals(List.of("files.upload.example.org"),
                names.notCoveredBy(List.of("example.org", "*.example.org")));
    }

    @Test
    void aWildcardDoesNotCoverTheDomainItself() {
        CertificateNames names = namesFor(List.of("conference"), false);

        assertEquals(List.of("example.org"), names.notCoveredBy(List.of("*.example.org")));
    }

    @Test
    void turningTheWildcardOnNeedsANewCertificateEvenIfEveryComponentIsListed() {
        CertificateNames names = namesFor(List.of("conference"), true);

        assertEquals(List.of("*.example.org"),
                names.notCoveredBy(List.of("example.org", "conference.example.org")));
        assertEquals(List.of(), names.notCoveredBy(List.of("EXAMPLE.org.", "*.Example.Org")));
    }

    @Test
    void onlyAWildcardRequestNeedsDns01() {
        assertTrue(namesFor(List.of(), true).requiresDns01());
        assertFalse(namesFor(List.of("conference"), false).requiresDns01());
    }

    @Test
    void isImmutable() {
        ArrayList<String> list = new ArrayList<>(List.of("example.org"));
        CertificateNames names = new CertificateNames("example.org", list, list, List.of());
        list.add("other.example.org");

        assertEquals(List.of("example.org"), names.names());
    }
}
