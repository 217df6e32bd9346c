package org.xmppcert.openfire.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.xmppcert.core.acme.IssuanceProblem;
import org.xmppcert.core.challenge.TxtRecord;
import org.xmppcert.openfire.service.FailureReport;
import org.xmppcert.openfire.service.OrderProgress;
import org.xmppcert.openfire.service.OrderProgress.NameProgress;
import org.xmppcert.openfire.service.OrderProgress.NameState;
import org.xmppcert.openfire.service.OrderProgress.Phase;

class ProgressViewTest {

    @Test
    void theJsonCarriesEveryNameRecordAndTheNewToken() {
        OrderProgress progress = new OrderProgress("t-1", "admin", Instant.EPOCH, Phase.AWAITING_DNS_RECORDS,
                List.of(new NameProgress("example.org", NameState.PENDING, Optional.empty())),
                List.of(new TxtRecord("*.example.org", "abc-_123")), Optional.empty(), Optional.empty());

        assertEquals("{\"ticket\":\"t-1\",\"phase\":\"AWAITING_DNS_RECORDS\",\"finished\":false,\"failed\":false,"
                + "\"installed\":false,\"outcome\":\"\",\"csrf\":\"tok\",\"names\":[{\"name\":\"example.org\",\"state\":\"PENDING\","
                + "\"detail\":null}],\"dnsRecords\":[{\"domain\":\"*.example.org\",\"owner\":\"_acme-challenge.example.org\","
                + "\"value\":\"abc-_123\"}]}", new ProgressView(progress).toJson("tok", ""));
    }

    /** A CA's reason is text from outside: it must neither break the JSON nor end up as markup. */
    @Test
    void aCasReasonIsEscaped() {
        OrderProgress progress = new OrderProgress("t-2", "admin", Instant.EPOCH, Phase.FAILED,
                List.of(new NameProgress("example.org", NameState.INVALID,
                        Optional.of("\"quoted\" \\ </script><img src=x onerror=alert(1)>\n\u2028"))),
                List.of(), Optional.of(FailureReport.unexpected("failed & stopped")), Optional.empty());

        String json = new ProgressView(progress).toJson(null, "Something unexpected went wrong: failed & stopped");

        assertTrue(json.contains("\"detail\":\"\\\"quoted\\\" \\\\ \\u003c/script\\u003e\\u003cimg src=x "
                + "onerror=alert(1)\\u003e\\n\\u2028\""), json);
        assertTrue(json.contains("\"failed\":true"), json);
        assertTrue(json.contains("\"outcome\":\"Something unexpected went wrong: failed \\u0026 stopped\""), json);
        assertTrue(json.contains("\"csrf\":null"));
        assertFalse(json.contains("<"));
    }

    /**
     * The view words nothing itself: a failed request's outcome is what the CA refused, when to try
     * again and the CA's words, as keys for the page to word in the admin's language, the time as a
     * date it formats in the admin's locale.
     */
    @Test
    void aFailedRequestsOutcomeIsTheFailureSentenceBySentence() {
        Instant retryAfter = Instant.parse("2025-06-01T12:00:00Z");
        OrderProgress progress = new OrderProgress("t-3", "admin", Instant.EPOCH, Phase.FAILED,
                List.of(new NameProgress("example.org", NameState.PENDING, Optional.empty())), List.of(),
                Optional.of(new FailureReport(FailureReport.Kind.ISSUANCE, Optional.of(IssuanceProblem.RATE_LIMITED),
                        List.of("example.org", "conference.example.org"), Optional.of("too many certificates"),
                        Optional.of(retryAfter))), Optional.empty());

        ProgressView view = new ProgressView(progress);

        assertTrue(view.isFailed());
        assertFalse(view.isInstalled());
        assertEquals(List.of(Message.key("problem.RATE_LIMITED", "example.org, conference.example.org"),
                Message.key("failure.retry-after", Date.from(retryAfter)),
                Message.key("failure.detail", "too many certificates")), view.getOutcome());
    }
}
