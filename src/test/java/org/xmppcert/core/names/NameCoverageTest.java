package org.xmppcert.core.names;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
