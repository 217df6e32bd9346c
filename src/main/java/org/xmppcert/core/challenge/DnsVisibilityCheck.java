package org.xmppcert.core.challenge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Checks that dns-01 TXT records can be seen at every authoritative server of their zone before
 * the CA is asked to look. A CA that looks too early fails the authorization for good; asking
 * the zone's own servers (not a caching resolver) tells when the CA will find the records.
 *
 * <p>Normally the authoritative servers are found through a recursive resolver (the zone's SOA,
 * then its NS records, then their addresses). {@link #atServers} fixes them instead: for a hidden
 * primary, a split-horizon setup, or a test DNS server.
 */
public final class DnsVisibilityCheck {

    private static final Logger LOG = LoggerFactory.getLogger(DnsVisibilityCheck.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FIRST_DELAY = Duration.ofMillis(200);
    private static final Duration LONGEST_DELAY = Duration.ofSeconds(15);
    private static final int DNS_PORT = 53;

    private final InetSocketAddress recursiveResolver;
    private final List<InetSocketAddress> fixedServers;
    private final Duration limit;

    private DnsVisibilityCheck(InetSocketAddress recursiveResolver, List<InetSocketAddress> fixedServers, Duration limit) {
        this.recursiveResolver = recursiveResolver;
        this.fixedServers = fixedServers;
        this.limit = limit;
    }

    /** Finds the authoritative servers through the system's resolver. */
    public static DnsVisibilityCheck viaSystemResolver() {
        return viaResolver(ResolverConfig.getCurrentConfig().server());
    }

    /** Finds the authoritative servers through the given recursive resolver. */
    public static DnsVisibilityCheck viaResolver(InetSocketAddress resolver) {
        return new DnsVisibilityCheck(Objects.requireNonNull(resolver), List.of(), Duration.ofMinutes(10));
    }

    /** Asks exactly these servers, whatever the zone's NS records say. */
    public static DnsVisibilityCheck atServers(List<InetSocketAddress> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("At least one DNS server is needed");
        }
        return new DnsVisibilityCheck(null, List.copyOf(servers), Duration.ofMinutes(10));
    }

    /** The same check, giving up after {@code limit} (default 10 minutes) of waiting for propagation. */
    public DnsVisibilityCheck withTimeout(Duration newLimit) {
        return new DnsVisibilityCheck(recursiveResolver, fixedServers, newLimit);
    }

    /**
     * Returns once every record is visible at every authoritative server of its zone.
     *
     * @throws ChallengeException naming the records still missing, and where, when the limit passes
     */
    public void awaitVisible(List<TxtRecord> records) throws ChallengeException, InterruptedException {
        Map<TxtRecord, List<InetSocketAddress>> missing = new LinkedHashMap<>();
        for (TxtRecord record : records) {
            missing.put(record, authoritativeServers(record));
        }
        Instant deadline = Instant.now().plus(limit);
        long delay = FIRST_DELAY.toMillis();
        while (true) {
            missing.replaceAll((record, servers) -> servers.stream().filter(server -> !visibleAt(server, record)).toList());
            missing.values().removeIf(List::isEmpty);
            if (missing.isEmpty()) {
                return;
            }
            if (Instant.now().plusMillis(delay).isAfter(deadline)) {
                throw new ChallengeException(describeMissing(missing));
            }
            Thread.sleep(delay);
            delay = Math.min(LONGEST_DELAY.toMillis(), delay * 2);
        }
    }

    /** The servers that must show {@code record}: the fixed ones, or the NS of the zone holding its owner name. */
    List<InetSocketAddress> authoritativeServers(TxtRecord record) throws ChallengeException {
        if (!fixedServers.isEmpty()) {
            return fixedServers;
        }
        Name owner = name(record.owner());
        Name zone = zoneOf(owner, record);
        List<InetSocketAddress> servers = new ArrayList<>();
        for (Record ns : query(recursiveResolver, zone, Type.NS, true).getSection(Section.ANSWER)) {
            if (ns instanceof NSRecord nsRecord) {
                for (Record address : query(recursiveResolver, nsRecord.getTarget(), Type.A, true).getSection(Section.ANSWER)) {
                    if (address instanceof ARecord a) {
                        servers.add(new InetSocketAddress(a.getAddress(), DNS_PORT));
                    }
                }
            }
        }
        if (servers.isEmpty()) {
            throw new ChallengeException("No authoritative DNS server found for zone " + zone + " (holding "
                    + record.owner() + "): check the zone's NS records");
        }
        return servers;
    }

    private Name zoneOf(Name owner, TxtRecord record) throws ChallengeException {
        Message answer = query(recursiveResolver, owner, Type.SOA, true);
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
            for (Record soa : answer.getSection(section)) {
                if (soa instanceof SOARecord) {
                    return soa.getName();
                }
            }
        }
        throw new ChallengeException("Cannot find the DNS zone holding " + record.owner()
                + ": the resolver " + recursiveResolver + " returned no SOA record");
    }

    private boolean visibleAt(InetSocketAddress server, TxtRecord record) {
        try {
            Message answer = query(server, name(record.owner()), Type.TXT, false);
            for (Record found : answer.getSection(Section.ANSWER)) {
                if (found instanceof TXTRecord txt && txt.getStrings().contains(record.value())) {
                    return true;
                }
            }
            return false;
        } catch (ChallengeException e) {
            LOG.debug("Asking {} for {} failed: {}", server, record.owner(), e.getMessage());
            return false;
        }
    }

    private static Message query(InetSocketAddress server, Name name, int type, boolean recursive) throws ChallengeException {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(QUERY_TIMEOUT);
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        if (!recursive) {
            query.getHeader().unsetFlag(Flags.RD);
        }
        try {
            Message answer = resolver.send(query);
            int rcode = answer.getRcode();
            if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
                throw new ChallengeException("DNS server " + describe(server) + " answered " + Rcode.string(rcode)
                        + " for " + name + " " + Type.string(type));
            }
            return answer;
        } catch (IOException e) {
            throw new ChallengeException("DNS server " + describe(server) + " did not answer for " + name + ": " + e.getMessage(), e);
        }
    }

    private static Name name(String text) throws ChallengeException {
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            throw new ChallengeException("Not a DNS name: " + text, e);
        }
    }

    private static String describe(InetSocketAddress server) {
        InetAddress address = server.getAddress();
        return (address != null ? address.getHostAddress() : server.getHostString()) + ":" + server.getPort();
    }

    private static String describeMissing(Map<TxtRecord, List<InetSocketAddress>> missing) {
        StringBuilder text = new StringBuilder("These TXT records are not yet visible at every authoritative DNS server: ");
        missing.forEach((record, servers) -> text.append(record.owner()).append(" \"").append(record.value())
                .append("\" missing at ").append(servers.stream().map(DnsVisibilityCheck::describe).toList()).append("; "));
        text.append("check they were created in the right zone and that secondary servers have synchronised.");
        return text.toString();
    }
}
