package org.xmppcert.openfire.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.xmppcert.core.challenge.TxtRecord;
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

        assertEquals("{\"ticket\":\"t-1\",\"phase\":\"AWAITING_DNS_RECORDS\",\"finished\":false,\"failure\":null,"
                + "\"installed\":false,\"installText\":null,\"csrf\":\"tok\",\"names\":[{\"name\":\"example.org\",\"state\":\"PENDING\","
                + "\"detail\":null}],\"dnsRecords\":[{\"domain\":\"*.example.org\",\"owner\":\"_acme-challenge.example.org\","
                + "\"value\":\"abc-_123\"}]}", new ProgressView(progress).toJson("tok", null));
    }

    /** A CA's reason is text from outside: it must neither break the JSON nor end up as markup. */
    @Test
    void aCasReasonIsEscaped() {
        OrderProgress progress = new OrderProgress("t-2", "admin", Instant.EPOCH, Phase.FAILED,
                List.of(new NameProgress("example.org", NameState.INVALID,
                        Optional.of("\"quoted\" \\ </script><img src=x onerror=alert(1)>\n\u2028"))),
                List.of(), Optional.of("failed & stopped"), Optional.empty());

        String json = new ProgressView(progress).toJson(null, null);

        assertTrue(json.contains("\"detail\":\"\\\"quoted\\\" \\\\ \\u003c/script\\u003e\\u003cimg src=x "
                + "onerror=alert(1)\\u003e\\n\\u2028\""), json);
        assertTrue(json.contains("\"failure\":\"failed \\u0026 stopped\""), json);
        assertTrue(json.contains("\"csrf\":null"));
        assertFalse(json.contains("<"));
    }
}
