package org.xmppcert.openfire.adhoc;

import java.util.List;
import java.util.Optional;

import org.dom4j.Element;
import org.jivesoftware.openfire.commands.SessionData;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmppcert.core.challenge.TxtRecord;
import org.xmppcert.openfire.service.CertificateService;
import org.xmppcert.openfire.service.OrderProgress;
import org.xmppcert.openfire.service.Refusal;

/**
 * dns-01 by hand: shows the TXT records the running request waits for, each as its name and value,
 * and lets the admin confirm they are in place, after which the CA validates them. The request is named in a hidden field,
 * so a confirmation never applies to a request the admin was not shown.
 */
final class ConfirmDnsCommand extends FormCommand {

    private final OrderWatcher watcher;

    ConfirmDnsCommand(CertificateService service, AuditLog audit, OrderWatcher watcher) {
        super(service, audit, 1);
        this.watcher = watcher;
    }

    @Override
    String name() {
        return "confirm-dns";
    }

    @Override
    boolean hasWork() {
        return waitingOrder().isPresent();
    }

    private Optional<OrderProgress> waitingOrder() {
        return service.latestOrder().filter(order -> order.phase() == OrderProgress.Phase.AWAITING_DNS_RECORDS);
    }

    @Override
    protected void addStageInformation(SessionData data, Element command) {
        Texts texts = Texts.forRequester(data.getOwner());
        Optional<OrderProgress> waiting = waitingOrder();
        if (waiting.isEmpty()) {
            note(command, NoteType.warn, texts.get("adhoc.confirm-dns.nothing"));
            return;
        }
        OrderProgress order = waiting.get();
        DataForm form = form(DataForm.Type.form, texts.get("adhoc.confirm-dns.title"),
                texts.get("adhoc.confirm-dns.instructions", String.join(", ", order.names().stream()
                        .map(OrderProgress.NameProgress::name).toList())));
        form.addField("ticket", null, FormField.Type.hidden).addValue(order.ticket());
        List<TxtRecord> records = order.dnsRecords();
        for (int i = 0; i < records.size(); i++) {
            // Fields rather than fixed text: clients keep a field's value on one line and let the admin
            // select and copy it, where Gajim and Psi wrap fixed text and do not let it be selected.
            // Name and value apart, as DNS providers' forms ask for them and as Gajim's label column,
            // which does not break an unspaced name, keeps its width.
            String record = "record-" + (i + 1);
            field(form, record + "-name", FormField.Type.text_single,
                    texts.get("adhoc.confirm-dns.record.name", i + 1), false).addValue(records.get(i).owner());
            field(form, record + "-value", FormField.Type.text_single,
                    texts.get("adhoc.confirm-dns.record.value", i + 1), false).addValue(records.get(i).value());
        }
        field(form, "confirmed", FormField.Type.boolean_type, texts.get("adhoc.confirm-dns.confirmed"), true);
        command.add(form.getElement());
    }

    @Override
    String complete(SessionData data, Element command, Texts texts) {
        Optional<String> ticket = value(data, "ticket");
        Optional<OrderProgress> order = ticket.flatMap(service::progress)
                .filter(progress -> progress.phase() == OrderProgress.Phase.AWAITING_DNS_RECORDS);
        if (order.isEmpty()) {
            note(command, NoteType.error, texts.get("adhoc.confirm-dns.gone"));
            return "not confirmed: request " + ticket.orElse("(none)") + " no longer waits for DNS records";
        }
        if (!flag(data, "confirmed").orElse(false)) {
            note(command, NoteType.warn, texts.get("adhoc.confirm-dns.not-confirmed"));
            return "not confirmed by the admin: request " + ticket.get();
        }
        List<TxtRecord> records = order.get().dnsRecords();
        try {
            service.confirmDnsRecords(ticket.get(), actor(data.getOwner()));
        } catch (Refusal e) {
            // The request moved on between the look above and the confirmation.
            note(command, NoteType.error, texts.get("adhoc.confirm-dns.gone"));
            return "not confirmed: " + Texts.serverLanguage().words(e.reasons());
        }
        watcher.watch(ticket.get(), data.getOwner(), records);
        note(command, NoteType.info, texts.get("adhoc.confirm-dns.done"));
        return "DNS records confirmed for request " + ticket.get() + ": " + OrderWatcher.zoneFileLines(records);
    }
}
