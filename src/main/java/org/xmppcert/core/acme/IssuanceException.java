package org.xmppcert.core.acme;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An issuance failed. The message is complete for an admin who reads English, as logs and the
 * history do: which names, which challenge, what the CA said and what to do next. The parts are
 * also available one by one, for a user interface that words them in its reader's language. It
 * never contains key material.
 */
public class IssuanceException extends Exception {

    private final IssuanceProblem problem;
    private final List<String> names;
    private final String challengeType;
    private final String caDetail;
    private final Instant retryAfter;

    /**
     * @param names         the names concerned (all the order's when the failure is not specific to one)
     * @param challengeType "http-01" or "dns-01" when a validation failed, else {@code null}
     * @param caDetail      what the CA (or the local check) said, or {@code null}
     * @param retryAfter    when the CA allows another attempt, or {@code null}
     */
    public IssuanceException(IssuanceProblem problem, List<String> names, String challengeType, String caDetail,
                             Instant retryAfter, Throwable cause) {
        super(summarize(problem, names, challengeType, caDetail) + " " + problem.advice()
                + (retryAfter != null ? " Retry after " + retryAfter + "." : ""), cause);
        this.problem = problem;
        this.names = List.copyOf(names);
        this.challengeType = challengeType;
        this.caDetail = caDetail;
        this.retryAfter = retryAfter;
    }

    public IssuanceProblem problem() {
        return problem;
    }

    public List<String> names() {
        return names;
    }

    public Optional<String> challengeType() {
        return Optional.ofNullable(challengeType);
    }

    public Optional<String> caDetail() {
        return Optional.ofNullable(caDetail);
    }

    public String advice() {
        return problem.advice();
    }

    /** Not before this instant may the request be repeated, when the CA said so. */
    public Optional<Instant> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * What failed, for which names and what the CA said, without the advice: for callers that show
     * the {@link #advice()} apart, such as renewal messages.
     */
    public String summary() {
        return summarize(problem, names, challengeType, caDetail);
    }

    private static String summarize(IssuanceProblem problem, List<String> names, String challengeType,
                                    String caDetail) {
        StringBuilder message = new StringBuilder();
        message.append(challengeType != null ? "Validation by " + challengeType + " failed for " : "Certificate request failed for ");
        message.append(names.size() <= 5 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more");
        message.append(" (").append(problem.name().toLowerCase().replace('_', ' ')).append(')');
        if (caDetail != null && !caDetail.isBlank()) {
            message.append(": ").append(caDetail);
        }
        return message.append('.').toString();
    }
}
