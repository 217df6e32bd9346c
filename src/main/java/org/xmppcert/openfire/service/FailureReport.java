package org.xmppcert.openfire.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.xmppcert.core.acme.IssuanceException;
import org.xmppcert.core.acme.IssuanceProblem;

/**
 * Why something asked of the CA failed, as facts rather than sentences: the console and the ad-hoc
 * commands each word its {@link #sentences()} in the reader's language. What the CA (or the local
 * check) said stays verbatim, as the CA's own words are not the plugin's to translate; the core's
 * English wording of the same failure is for the logs and the history.
 *
 * @param kind       what kind of failure
 * @param problem    for {@link Kind#ISSUANCE}, what went wrong in terms the admin can act on
 * @param names      for {@link Kind#ISSUANCE}, the names concerned
 * @param detail     what the CA or the local check said; for the other kinds the technical reason
 * @param retryAfter when the CA allows another attempt, if it said so
 */
public record FailureReport(Kind kind, Optional<IssuanceProblem> problem, List<String> names, Optional<String> detail,
                            Optional<Instant> retryAfter) {

    public FailureReport {
        Objects.requireNonNull(kind, "kind");
        names = List.copyOf(names);
        if ((kind == Kind.ISSUANCE) != problem.isPresent()) {
            throw new IllegalArgumentException("An issuance failure, and only that, has a problem: " + kind + " " + problem);
        }
    }

    public enum Kind {
        /** The request could not be handed to a background thread. Detail: why. */
        NOT_STARTED,
        /** An admin cancelled the request, or the plugin stopped while it ran. */
        CANCELLED,
        /** The CA refused, or the exchange with it failed: see {@link #problem()}. */
        ISSUANCE,
        /** Something nobody foresaw; the log has the stack trace. Detail: the exception's message. */
        UNEXPECTED
    }

    public static FailureReport notStarted(String reason) {
        return new FailureReport(Kind.NOT_STARTED, Optional.empty(), List.of(), Optional.of(reason), Optional.empty());
    }

    public static FailureReport cancelled() {
        return new FailureReport(Kind.CANCELLED, Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }

    public static FailureReport unexpected(String reason) {
        return new FailureReport(Kind.UNEXPECTED, Optional.empty(), List.of(), Optional.of(reason), Optional.empty());
    }

    public static FailureReport of(IssuanceException failure) {
        return new FailureReport(Kind.ISSUANCE, Optional.of(failure.problem()), failure.names(),
                failure.caDetail().filter(detail -> !detail.isBlank()), failure.retryAfter());
    }

    /**
     * What to tell the admin, in order: for an issuance failure {@code problem.<constant>} with the
     * names, then when to try again and last what the CA said, if known (its words need not end a
     * sentence); otherwise {@code failure.<kind>}.
     */
    public List<Sentence> sentences() {
        if (kind != Kind.ISSUANCE) {
            return List.of(new Sentence("failure." + kind, detail.stream().map(Object.class::cast).toList()));
        }
        List<Sentence> sentences = new ArrayList<>();
        sentences.add(Sentence.of("problem." + problem.orElseThrow(), String.join(", ", names)));
        retryAfter.ifPresent(when -> sentences.add(Sentence.of("failure.retry-after", when)));
        detail.ifPresent(said -> sentences.add(Sentence.of("failure.detail", said)));
        return List.copyOf(sentences);
    }
}
