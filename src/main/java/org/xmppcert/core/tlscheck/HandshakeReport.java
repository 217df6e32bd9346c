package org.xmppcert.core.tlscheck;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of checking every listener after an install.
 *
 * @param expectedFingerprint SHA-256 of the certificate the listeners should present
 * @param results             one per listener, in the order they were given
 * @param elapsed             wall-clock time the whole check took
 */
public record HandshakeReport(String expectedFingerprint, List<EndpointResult> results, Duration elapsed) {

    public HandshakeReport {
        results = List.copyOf(results);
    }

    /** True when every listener presents the expected certificate (vacuously true for no listeners). */
    public boolean allPresentExpected() {
        return results.stream().allMatch(EndpointResult::passed);
    }

    public List<EndpointResult> failures() {
        return results.stream().filter(result -> !result.passed()).toList();
    }

    /** Multi-line text for the status page and the admins' message. */
    public String describe() {
        return results.stream().map(EndpointResult::describe).collect(Collectors.joining("\n"));
    }
}
