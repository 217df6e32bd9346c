package org.xmppcert.core.tlscheck;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The outcome of checking every listener after an install.
 *
 * @param expectedFingerprint SHA-256 of the certificate the listeners should present
 * @param results             one per listener checked, in the order they were given
 * @param notChecked          listeners left out because they answered no handshake before the install either
 * @param elapsed             wall-clock time the whole check took
 */
public record HandshakeReport(String expectedFingerprint, List<EndpointResult> results,
                              List<EndpointResult> notChecked, Duration elapsed) {

    public HandshakeReport {
        results = List.copyOf(results);
        notChecked = List.copyOf(notChecked);
    }

    /** True when every listener checked presents the expected certificate (vacuously true for none). */
    public boolean allPresentExpected() {
        return results.stream().allMatch(EndpointResult::passed);
    }

    public List<EndpointResult> failures() {
        return results.stream().filter(result -> !result.passed()).toList();
    }

    /** Multi-line text for the status page and the admins' message. */
    public String describe() {
        return Stream.concat(results.stream().map(EndpointResult::describe),
                notChecked.stream().map(skipped -> skipped.endpoint() + ": not checked, it answered no handshake before"
                        + " the install either: " + skipped.failure()))
                .collect(Collectors.joining("\n"));
    }
}
