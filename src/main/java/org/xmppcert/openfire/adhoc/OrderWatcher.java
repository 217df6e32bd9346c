package org.xmppcert.openfire.adhoc;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.jivesoftware.openfire.XMPPServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmppcert.core.challenge.TxtRecord;
import org.xmppcert.openfire.service.CertificateService;
import org.xmppcert.openfire.service.OrderProgress;

/**
 * Tells the admin who started a certificate request, by message, how it ended. A request takes
 * from seconds to hours (dns-01 by hand waits for the admin), far longer than a client waits for
 * a command's answer, so the command answers at once and this watcher follows the request.
 *
 * <p>The message goes to the full JID that ran the command, from the server's JID, like Openfire's
 * own notices to admins; if that client is gone, Openfire delivers it as it does any message. A
 * request that stops to wait for dns-01 records gets a message listing them, once per set of records.
 */
public final class OrderWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(OrderWatcher.class);

    private record Watch(String ticket, JID requester) {
    }

    private final CertificateService service;
    /** Each watch, with the dns-01 records its requester has already been shown. */
    private final Map<Watch, List<TxtRecord>> watches = new ConcurrentHashMap<>();

    public OrderWatcher(CertificateService service) {
        this.service = service;
    }

    /**
     * @param recordsShown the dns-01 records the requester has just seen, which are not sent again
     */
    void watch(String ticket, JID requester, List<TxtRecord> recordsShown) {
        watches.put(new Watch(ticket, requester), List.copyOf(recordsShown));
    }

    /** One look at every watched request; the plugin calls this every few seconds. */
    public void checkAll() {
        watches.forEach((watch, recordsShown) -> {
            try {
                check(watch, recordsShown);
            } catch (RuntimeException e) {
                LOG.warn("Could not tell {} about certificate request {}; trying again", watch.requester(),
                        watch.ticket(), e);
            }
        });
    }

    private void check(Watch watch, List<TxtRecord> recordsShown) {
        Optional<OrderProgress> found = service.progress(watch.ticket());
        if (found.isEmpty()) {
            LOG.debug("Certificate request {} is no longer known; {} is not told its outcome", watch.ticket(),
                    watch.requester());
            watches.remove(watch);
            return;
        }
        OrderProgress progress = found.get();
        Texts texts = Texts.forRequester(watch.requester());
        if (progress.phase().finished()) {
            send(watch.requester(), texts.get(progress.phase() == OrderProgress.Phase.DONE ? "adhoc.message.done"
                    : "adhoc.message.failed", progress.ticket(), texts.words(progress.outcome())));
            watches.remove(watch);
        } else if (progress.phase() == OrderProgress.Phase.AWAITING_DNS_RECORDS
                && !progress.dnsRecords().equals(recordsShown)) {
            send(watch.requester(), texts.get("adhoc.message.dns-records", progress.ticket(),
                    zoneFileLines(progress.dnsRecords()), Texts.serverLanguage().get("adhoc.confirm-dns.label")));
            watches.replace(watch, recordsShown, progress.dnsRecords());
        }
    }

    /** The records as a DNS admin pastes them into a zone file. */
    static String zoneFileLines(List<TxtRecord> records) {
        return records.stream()
                .map(record -> record.owner() + ". IN TXT \"" + record.value() + "\"")
                .collect(Collectors.joining("\n"));
    }

    private static void send(JID to, String body) {
        Message message = new Message();
        // Openfire's own domain is prepared already.
        message.setFrom(new JID(null, XMPPServer.getInstance().getServerInfo().getXMPPDomain(), null, true));
        message.setTo(to);
        message.setBody(body);
        XMPPServer.getInstance().getMessageRouter().route(message);
    }
}
