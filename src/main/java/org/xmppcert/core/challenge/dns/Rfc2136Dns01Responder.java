package org.xmppcert.core.challenge.dns;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;
import org.xmppcert.core.challenge.ChallengeException;
import org.xmppcert.core.challenge.Dns01Responder;
import org.xmppcert.core.challenge.TxtRecord;

/**
 * Publishes dns-01 records by RFC 2136 dynamic update, signed with a TSIG key (RFC 8945), at the
 * zone's primary server. This is what lets renewals run unattended for names whose DNS the XMPP
 * admin controls but cannot serve HTTP on.
 *
 * <p>All records of a zone go in one update message: the server applies it atomically, so a
 * validation never sees half of an order's records, and the zone's serial (and its transfer to the
 * secondaries the CA may ask) moves once. Removal deletes exactly the values that were added, never
 * the whole TXT set, because other ACME clients or an admin may keep their own values at the name.
 *
 * <p>Every answer must carry a valid TSIG signature from the same key; an unsigned "success" could
 * come from anything on the path and would send the engine to wait for records that do not exist.
 */
public final class Rfc2136Dns01Responder implements Dns01Responder {

    private static final Logger LOG = LoggerFactory.getLogger(Rfc2136Dns01Responder.class);

    private final Rfc2136Settings settings;

    public Rfc2136Dns01Responder(Rfc2136Settings settings) {
        this.settings = settings;
    }

    public Rfc2136Settings settings() {
        return settings;
    }

    @Override
    public void deploy(List<TxtRecord> records) throws ChallengeException {
        if (records.isEmpty()) {
            return;
        }
        SimpleResolver server = connect("add the dns-01 TXT records " + owners(records));
        Map<Name, List<TxtRecord>> byZone = groupByZone(server, records);
        List<Map.Entry<Name, List<TxtRecord>>> added = new ArrayList<>();
        for (Map.Entry<Name, List<TxtRecord>> zone : byZone.entrySet()) {
            try {
                update(server, zone.getKey(), zone.getValue(), true);
            } catch (ChallengeException e) {
                // Other zones of the order already hold their records; leave no half-done order behind.
                added.forEach(done -> removeQuietly(server, done.getKey(), done.getValue()));
                throw e;
            }
            added.add(zone);
            LOG.info("Added dns-01 TXT records {} to zone {} at {}", owners(zone.getValue()), shown(zone.getKey()),
                    settings.serverAddress());
        }
    }

    @Override
    public void remove(List<TxtRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            SimpleResolver server = connect("remove the dns-01 TXT records " + owners(records));
            groupByZone(server, records).forEach((zone, inZone) -> removeQuietly(server, zone, inZone));
        } catch (ChallengeException e) {
            LOG.warn("{}. Those of them that were added stay in DNS until removed by hand; they do no harm.", e.getMessage());
        }
    }

    private void removeQuietly(SimpleResolver server, Name zone, List<TxtRecord> records) {
        try {
            update(server, zone, records, false);
            LOG.info("Removed dns-01 TXT records {} from zone {} at {}", owners(records), shown(zone),
                    settings.serverAddress());
        } catch (ChallengeException e) {
            LOG.warn("{}. Those of them that were added stay in DNS until removed by hand; they do no harm.", e.getMessage());
        }
    }

    private void update(SimpleResolver server, Name zone, List<TxtRecord> records, boolean add)
            throws ChallengeException {
        String task = (add ? "Could not add the dns-01 TXT records " : "Could not remove the dns-01 TXT records ")
                + owners(records) + (add ? " to zone " : " from zone ") + shown(zone);
        Update update = new Update(zone);
        for (TxtRecord record : records) {
            TXTRecord txt = new TXTRecord(ownerName(record, task), DClass.IN, settings.ttl().getSeconds(),
                    record.value());
            if (add) {
                update.add(txt);
            } else {
                // A delete of one RR (class NONE) keeps the other values at the name (RFC 2136 section 2.5.4).
                update.delete(txt);
            }
        }
        Message answer = exchange(server, update, task);
        if (answer.getRcode() != Rcode.NOERROR) {
            throw new ChallengeException(task + ": " + refusal(answer, zone));
        }
    }

    /**
     * Asks the server which of its zones holds each record's name. An authoritative server names
     * the zone in the SOA it returns: in the answer if the name is the apex, in the authority
     * section otherwise (also when the name does not exist yet, as {@code _acme-challenge} names
     * normally do not).
     */
    private Map<Name, List<TxtRecord>> groupByZone(SimpleResolver server, List<TxtRecord> records)
            throws ChallengeException {
        Map<Name, List<TxtRecord>> byZone = new LinkedHashMap<>();
        Map<Name, Name> zoneOfOwner = new LinkedHashMap<>();
        for (TxtRecord record : records) {
            Name owner = ownerName(record, "Could not place the dns-01 TXT record " + record.owner());
            Name zone = zoneOfOwner.get(owner);
            if (zone == null) {
                zone = zoneOf(server, owner);
                zoneOfOwner.put(owner, zone);
            }
            byZone.computeIfAbsent(zone, z -> new ArrayList<>()).add(record);
        }
        return byZone;
    }

    private Name zoneOf(SimpleResolver server, Name owner) throws ChallengeException {
        if (settings.zone() != null) {
            Name zone = Rfc2136Settings.dnsName(settings.zone(), "zone");
            if (!owner.subdomain(zone)) {
                throw new ChallengeException("The dns-01 TXT record " + shown(owner) + " is not inside the configured zone "
                        + shown(zone) + "; set the zone that holds it, or leave the zone empty to ask the server");
            }
            return zone;
        }
        String task = "Could not find the zone of the dns-01 TXT record " + shown(owner) + " at " + settings.serverAddress();
        Message query = Message.newQuery(Record.newRecord(owner, Type.SOA, DClass.IN));
        query.getHeader().unsetFlag(Flags.RD);
        Message answer = exchange(server, query, task);
        int rcode = answer.getRcode();
        if (rcode == Rcode.REFUSED) {
            throw new ChallengeException(task + ": the server does not serve a zone containing that name (REFUSED); "
                    + "point the settings at the primary server of the zone, or set the zone");
        }
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            throw new ChallengeException(task + ": " + refusal(answer, null));
        }
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
            for (Record record : answer.getSection(section)) {
                if (record instanceof SOARecord && owner.subdomain(record.getName())) {
                    return record.getName();
                }
            }
        }
        throw new ChallengeException(task + ": the server is not authoritative for that name (its answer names no "
                + "zone); point the settings at the primary server of the zone, or set the zone");
    }

    private SimpleResolver connect(String task) throws ChallengeException {
        InetSocketAddress address = new InetSocketAddress(settings.server(), settings.port());
        if (address.isUnresolved()) {
            throw new ChallengeException("Could not " + task + ": the DNS server name '" + settings.server()
                    + "' does not resolve; check the server setting");
        }
        SimpleResolver resolver = new SimpleResolver(address);
        resolver.setTimeout(settings.timeout());
        resolver.setTCP(settings.tcp());
        resolver.setTSIGKey(new TSIG(settings.algorithm().dnsName(), settings.keyName(), settings.secret()));
        return resolver;
    }

    private Message exchange(SimpleResolver server, Message request, String task) throws ChallengeException {
        Message answer;
        try {
            answer = server.send(request);
        } catch (IOException e) {
            throw new ChallengeException(task + ": " + unreachable(e), e);
        }
        // A TSIG error is answered unsigned (RFC 8945 section 5.3.2); its rcode explains more than "unsigned".
        if (answer.getRcode() == Rcode.NOERROR && !answer.isVerified()) {
            throw new ChallengeException(task + ": the answer from " + settings.serverAddress()
                    + " is not signed with TSIG key '" + settings.keyName() + "', so it may not come from the server;"
                    + " check that nothing else answers DNS at that address");
        }
        return answer;
    }

    private String unreachable(IOException e) {
        String where = "the DNS server at " + settings.serverAddress();
        String advice = "; check the server address and port, that the server runs, and that no firewall blocks DNS"
                + (settings.tcp() ? " over TCP" : "");
        if (e instanceof SocketTimeoutException || e.getCause() instanceof TimeoutException) {
            return where + " did not answer within " + settings.timeout().toMillis() + " ms" + advice;
        }
        if (e instanceof ConnectException || e instanceof PortUnreachableException) {
            return where + " is unreachable (connection refused)" + advice;
        }
        return where + " is unreachable (" + e.getMessage() + ")" + advice;
    }

    /** Why the server said no, in the terms of its configuration, so the admin knows what to change. */
    private String refusal(Message answer, Name zone) {
        String server = "the DNS server at " + settings.serverAddress();
        String key = "TSIG key '" + settings.keyName() + "'";
        TSIGRecord tsig = answer.getTSIG();
        int tsigError = tsig == null ? Rcode.NOERROR : tsig.getError();
        if (tsigError == Rcode.BADKEY) {
            return server + " does not know " + key + " with algorithm " + settings.algorithm()
                    + " (BADKEY); check the key name and algorithm against the server's key statement";
        }
        if (tsigError == Rcode.BADSIG) {
            return server + " refused " + key + " (BADSIG: the signature does not match); check the secret";
        }
        if (tsigError == Rcode.BADTIME) {
            return server + " refused " + key + " because this machine's clock and the server's differ by more than "
                    + "5 minutes (BADTIME); correct the time";
        }
        int rcode = answer.getRcode();
        String inZone = zone == null ? "" : " for zone " + shown(zone);
        if (rcode == Rcode.NOTAUTH) {
            return server + " refused " + key + inZone + " (NOTAUTH); check the key name, algorithm and secret, "
                    + "and that the zone allows updates by that key";
        }
        if (rcode == Rcode.REFUSED) {
            return "updates to zone " + shown(zone) + " are not allowed for " + key + " at " + settings.serverAddress()
                    + " (REFUSED); check the zone's allow-update / update-policy";
        }
        if (rcode == Rcode.NOTZONE) {
            return "the records are not inside zone " + shown(zone) + " (NOTZONE); check the zone setting";
        }
        if (rcode == Rcode.NOTIMP) {
            return server + " does not accept dynamic updates (NOTIMP); use the zone's primary server";
        }
        if (rcode == Rcode.SERVFAIL) {
            return server + " failed to apply the change" + inZone + " (SERVFAIL); its log says why, often a zone "
                    + "file or journal it may not write";
        }
        return server + " answered " + Rcode.string(rcode);
    }

    private static Name ownerName(TxtRecord record, String task) throws ChallengeException {
        try {
            return Name.fromString(record.owner(), Name.root);
        } catch (TextParseException e) {
            throw new ChallengeException(task + ": '" + record.owner() + "' is not a valid DNS name ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Names as admins write them in settings, without the root's trailing dot. */
    private static String shown(Name name) {
        return name.toString(true);
    }

    private static String owners(List<TxtRecord> records) {
        return records.stream().map(TxtRecord::owner).distinct().collect(Collectors.joining(", "));
    }
}
