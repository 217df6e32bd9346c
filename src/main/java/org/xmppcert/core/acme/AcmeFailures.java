package org.xmppcert.core.acme;

import java.util.List;
import java.util.Locale;

import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.exception.AcmeUserActionRequiredException;

/** Turns acme4j's exceptions and ACME problem documents into {@link IssuanceException}s an admin can act on. */
final class AcmeFailures {

    private AcmeFailures() {
    }

    /** A failed exchange with the CA, concerning {@code names}. */
    static IssuanceException of(Exception failure, List<String> names) {
        Throwable cause = failure;
        if (cause instanceof AcmeLazyLoadingException lazy && lazy.getCause() instanceof AcmeException inner) {
            cause = inner;
        }
        if (cause instanceof AcmeRateLimitedException rateLimited) {
            return new IssuanceException(IssuanceProblem.RATE_LIMITED, names, null, detail(rateLimited.getProblem()),
                    rateLimited.getRetryAfter().orElse(null), failure);
        }
        if (cause instanceof AcmeUserActionRequiredException action) {
            String detail = detail(action.getProblem())
                    + action.getTermsOfServiceUri().map(tos -> " (terms of service: " + tos + ")").orElse("");
            return new IssuanceException(IssuanceProblem.USER_ACTION_REQUIRED, names, null, detail, null, failure);
        }
        if (cause instanceof AcmeServerException server) {
            return ofProblem(server.getProblem(), names, null, failure);
        }
        if (cause instanceof AcmeNetworkException network) {
            String why = describe(network.getCause());
            return new IssuanceException(IssuanceProblem.NETWORK, names, null,
                    "the CA could not be reached" + (why != null ? " (" + why + ")" : ""), null, failure);
        }
        if (cause instanceof AcmeProtocolException protocol) {
            return new IssuanceException(IssuanceProblem.MALFORMED, names, null,
                    "the CA's answer was not understood: " + protocol.getMessage(), null, failure);
        }
        // acme4j reports a non-ACME HTTP error (a proxy's 502, an HTML error page) as a plain AcmeException.
        return new IssuanceException(IssuanceProblem.NETWORK, names, null, describe(cause), null, failure);
    }

    /**
     * A problem document, e.g. a challenge's error. A problem naming an identifier is about that
     * name only; a compound problem is told by its first sub-problem, with the names of all of them.
     */
    static IssuanceException ofProblem(Problem problem, List<String> names, String challengeType, Throwable cause) {
        Problem telling = problem;
        List<String> concerned = names;
        if (!problem.getSubProblems().isEmpty()) {
            telling = problem.getSubProblems().get(0);
            List<String> identified = problem.getSubProblems().stream()
                    .flatMap(sub -> sub.getIdentifier().stream())
                    .map(identifier -> identifier.getValue())
                    .distinct()
                    .toList();
            if (!identified.isEmpty()) {
                concerned = identified;
            }
        } else if (problem.getIdentifier().isPresent()) {
            concerned = List.of(problem.getIdentifier().get().getValue());
        }
        return new IssuanceException(IssuanceProblem.ofAcmeType(telling.getType()), concerned, challengeType,
                detail(problem), null, cause);
    }

    private static String detail(Problem problem) {
        return problem.toString();
    }

    private static String describe(Throwable failure) {
        if (failure == null) {
            return null;
        }
        String message = failure.getMessage();
        String kind = failure.getClass().getSimpleName().replaceAll("(Exception|Error)$", "")
                .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }
}
