package org.xmppcert.core.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URL;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSON;

/**
 * Every ACME problem type the admin may meet, including those Pebble cannot be made to send (rate
 * limits, CAA, compound problems), and network failures, as the admin reads them.
 */
class AcmeFailuresTest {

    private static final List<String> NAMES = List.of("example.org", "conference.example.org");

    @Test
    void aRateLimitSaysWhenToTryAgain() throws Exception {
        Instant retryAfter = Instant.parse("2030-01-01T10:00:00Z");
        IssuanceException failure = AcmeFailures.of(new AcmeRateLimitedException(problem("""
                {"type":"urn:ietf:params:acme:error:rateLimited","detail":"too many certificates for example.org"}"""),
                retryAfter, List.of()), NAMES);

        assertEquals(IssuanceProblem.RATE_LIMITED, failure.problem());
        assertEquals(retryAfter, failure.retryAfter().orElseThrow());
        assertEquals("Certificate request failed for example.org, conference.example.org (rate limited): too many "
                + "certificates for example.org. " + IssuanceProblem.RATE_LIMITED.advice() + " Retry after 2030-01-01T10:00:00Z.",
                failure.getMessage());
    }

    /** A challenge's error, as the engine reads it from a failed authorization: one name, one challenge, one next step. */
    @ParameterizedTest
    @CsvSource({
            "unauthorized, UNAUTHORIZED, http-01",
            "incorrectResponse, INCORRECT_RESPONSE, http-01",
            "rejectedIdentifier, REJECTED_IDENTIFIER, dns-01",
            "caa, CAA, dns-01",
            "dns, DNS, dns-01",
            "connection, CONNECTION, http-01",
            "malformed, MALFORMED, http-01",
            "serverInternal, SERVER_INTERNAL, http-01",
            "badNonce, BAD_NONCE, http-01",
    })
    void eachAcmeProblemNamesTheNameAndChallengeAndSaysWhatToDo(String acmeType, IssuanceProblem expected,
                                                               String challenge) throws Exception {
        IssuanceException failure = AcmeFailures.ofProblem(problem("{\"type\":\"urn:ietf:params:acme:error:" + acmeType
                + "\",\"detail\":\"the CA's words\",\"identifier\":{\"type\":\"dns\",\"value\":\"conference.example.org\"}}"),
                NAMES, challenge, null);

        assertEquals(expected, failure.problem());
        assertEquals(List.of("conference.example.org"), failure.names());
        assertTrue(failure.getMessage().startsWith("Validation by " + challenge + " failed for conference.example.org ("),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("the CA's words"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith(expected.advice()), failure.getMessage());
    }

    /** An order-level refusal, such as a rejected identifier at order creation, concerns every name asked for. */
    @Test
    void aRefusalOfTheWholeOrderNamesEveryNameAndNoChallenge() throws Exception {
        IssuanceException failure = AcmeFailures.of(new AcmeServerException(problem("""
                {"type":"urn:ietf:params:acme:error:rejectedIdentifier","detail":"policy forbids"}""")), NAMES);

        assertEquals(IssuanceProblem.REJECTED_IDENTIFIER, failure.problem());
        assertEquals(NAMES, failure.names());
        assertTrue(failure.challengeType().isEmpty());
        assertTrue(failure.getMessage().startsWith("Certificate request failed for example.org, conference.example.org"),
                failure.getMessage());
    }

    @Test
    void aCompoundProblemNamesTheNamesItConcerns() throws Exception {
        IssuanceException failure = AcmeFailures.of(new AcmeServerException(problem("""
                {"type":"urn:ietf:params:acme:error:compound","detail":"several problems","subproblems":[
                 {"type":"urn:ietf:params:acme:error:caa","detail":"CAA forbids issuance",
                  "identifier":{"type":"dns","value":"conference.example.org"}}]}""")), NAMES);

        assertEquals(IssuanceProblem.CAA, failure.problem());
        assertEquals(List.of("conference.example.org"), failure.names());
        assertTrue(failure.getMessage().contains("CAA record"), failure.getMessage());
    }

    @Test
    void anUnreachableCaIsANetworkProblemWithItsCause() {
        IssuanceException failure = AcmeFailures.of(new AcmeNetworkException(new ConnectException("Connection refused")), NAMES);

        assertEquals(IssuanceProblem.NETWORK, failure.problem());
        assertTrue(failure.getMessage().contains("the CA could not be reached (connect: Connection refused)"), failure.getMessage());
        assertTrue(failure.getMessage().contains("Check the directory URL"), failure.getMessage());
    }

    private static Problem problem(String json) throws IOException {
        return new Problem(JSON.parse(json), new URL("https://ca.example/acme/order/1"));
    }
}
