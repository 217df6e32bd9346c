package org.xmppcert.openfire.adhoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmppcert.core.challenge.TxtRecord;
import org.xmppcert.openfire.service.OrderProgress;
import org.xmppcert.openfire.service.FailureReport;
import org.xmppcert.openfire.service.Refusal;
import org.xmppcert.openfire.service.Sentence;

/** dns-01 by hand: the records to create, the admin's confirmation, then the outcome by message. */
class ConfirmDnsCommandTest {

    private static final JID ADMIN = CommandHarness.jid("admin@example.org/Conversations.x7Rq");
    private static final List<TxtRecord> RECORDS = List.of(
            new TxtRecord("example.org", "LPsIwTo7o8BoG0-vjCyGQGBWSVIPxI-i_X336eUOQZo"),
            new TxtRecord("*.example.org", "9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI"));

    private final CommandHarness server = new CommandHarness();

    @BeforeEach
    void anAdmin() {
        server.admins.add("admin@example.org");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void withoutARequestWaitingForRecordsItSaysSoAtOnce() {
        when(server.service.latestOrder()).thenReturn(Optional.of(
                Fixtures.order("order-1", OrderProgress.Phase.VALIDATING, List.of())));

        CommandReply reply = server.start(ADMIN, "confirm-dns");

        assertEquals("completed", reply.status());
        assertEquals(List.of("No certificate request is waiting for DNS records."), reply.notes("info"));
        assertEquals("nothing to do", server.audit.get(0).details());
    }

    @Test
    void theFormShowsTheRecordsAndAConfirmationTheAdminMustTick() {
        waitingForRecords();

        CommandReply form = server.start(ADMIN, "confirm-dns");

        assertEquals("executing", form.status());
        assertEquals(List.of("complete"), form.actions());
        assertEquals(List.of("The request for example.org waits for the TXT records below, each with its name and"
                + " value. Create them and wait until every name server of the zone answers with them. Then confirm: the"
                + " CA checks them at once, and a record it cannot find fails the request."),
                form.requireForm().getInstructions());
        assertEquals("Record 1: name", form.field("record-1-name").getLabel());
        assertEquals(List.of("_acme-challenge.example.org"), form.field("record-1-name").getValues());
        assertEquals("Record 1: value", form.field("record-1-value").getLabel());
        assertEquals(List.of("LPsIwTo7o8BoG0-vjCyGQGBWSVIPxI-i_X336eUOQZo"), form.field("record-1-value").getValues());
        assertEquals(List.of("_acme-challenge.example.org"), form.field("record-2-name").getValues());
        assertEquals(List.of("9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI"), form.field("record-2-value").getValues());
        assertEquals(List.of(), form.fixedTexts());
        assertEquals(FormField.Type.hidden, form.field("ticket").getType());
        FormField confirmed = form.field("confirmed");
        assertEquals(FormField.Type.boolean_type, confirmed.getType());
        assertTrue(confirmed.isRequired());
        assertEquals("The records are in place", confirmed.getLabel());
    }

    @Test
    void confirmingLetsValidationGoOnAndTheOutcomeComesByMessageWithoutTheRecordsAgain() {
        waitingForRecords();
        CommandReply form = server.start(ADMIN, "confirm-dns");

        CommandReply done = server.send(ADMIN, form, null, Map.of("FORM_TYPE", List.of(CommandHarness.node("confirm-dns")),
                "ticket", List.of("order-2"), "confirmed", List.of("1")));

        assertEquals("completed", done.status());
        assertEquals(List.of("Confirmed. The CA now validates the records; you will get a message when the request"
                + " finishes."), done.notes("info"));
        verify(server.service).confirmDnsRecords("order-2", "admin");
        server.watcher.checkAll();
        assertEquals(List.of(), server.messagesSent(), "the records just confirmed are not sent again");
        when(server.service.progress("order-2")).thenReturn(Optional.of(Fixtures.done("order-2")));
        server.watcher.checkAll();
        assertEquals(List.of("Certificate request order-2 is done. Installed the certificate (SHA-256 AB:CD) in 1 identity"
                + " store(s); 2 listener(s) present it. The keystore files are written."),
                server.messagesSent().stream().map(Message::getBody).toList());
        assertTrue(server.audit.get(0).details().startsWith("DNS records confirmed for request order-2"));
    }

    @Test
    void anUntickedConfirmationConfirmsNothing() {
        waitingForRecords();
        CommandReply form = server.start(ADMIN, "confirm-dns");

        CommandReply done = server.send(ADMIN, form, "complete", Map.of("ticket", List.of("order-2"),
                "confirmed", List.of("0")));

        assertEquals(List.of("Nothing was confirmed; the request keeps waiting for the records."), done.notes("warn"));
        verify(server.service, never()).confirmDnsRecords(anyString(), anyString());
    }

    @Test
    void aRequestThatMovedOnMeanwhileIsNotConfirmed() {
        waitingForRecords();
        CommandReply form = server.start(ADMIN, "confirm-dns");
        when(server.service.progress("order-2")).thenReturn(Optional.of(Fixtures.failed("order-2", FailureReport.cancelled())));

        CommandReply done = server.send(ADMIN, form, "complete", Map.of("ticket", List.of("order-2"),
                "confirmed", List.of("1")));

        assertEquals(List.of("That certificate request no longer waits for DNS records. Nothing was confirmed."),
                done.notes("error"));
        verify(server.service, never()).confirmDnsRecords(anyString(), anyString());
    }

    @Test
    void aRequestThatMovesOnAtTheMomentOfConfirmingIsReportedAsGone() {
        waitingForRecords();
        CommandReply form = server.start(ADMIN, "confirm-dns");
        doThrow(new Refusal(Sentence.of("refused.not-awaiting-dns")))
                .when(server.service).confirmDnsRecords("order-2", "admin");

        CommandReply done = server.send(ADMIN, form, "complete", Map.of("ticket", List.of("order-2"),
                "confirmed", List.of("1")));

        assertEquals(List.of("That certificate request no longer waits for DNS records. Nothing was confirmed."),
                done.notes("error"));
    }

    private void waitingForRecords() {
        OrderProgress waiting = Fixtures.order("order-2", OrderProgress.Phase.AWAITING_DNS_RECORDS, RECORDS);
        when(server.service.latestOrder()).thenReturn(Optional.of(waiting));
        when(server.service.progress("order-2")).thenReturn(Optional.of(waiting));
    }
}
