package org.xmppcert.core.challenge.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xmppcert.core.challenge.ChallengeException;
import org.xmppcert.core.challenge.TxtRecord;
import org.xmppcert.testing.Bind9;

/** Dynamic updates against a real BIND 9 on loopback. */
class Rfc2136Dns01ResponderTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @RegisterExtension
    static final Bind9.PerTestClass BIND = new Bind9.PerTestClass();

    @Test
    void deployPublishesEveryRecordOfTheOrderWithOneUpdatePerZone() throws Exception {
        TxtRecord domain = new TxtRecord("deploy.example.test", digest());
        TxtRecord wildcard = new TxtRecord("*.deploy.example.test", digest());
        TxtRecord component = new TxtRecord("conference.deploy.example.test", digest());
        TxtRecord otherZone = new TxtRecord("deploy.acme.test", digest());
        long exampleSerial = serial("example.test");
        long acmeSerial = serial("acme.test");

        responder(settings()).deploy(List.of(domain, wildcard, component, otherZone));

        assertEquals(List.of(domain.value(), wildcard.value()).stream().sorted().toList(),
                BIND.server().txtValues("_acme-challenge.deploy.example.test").stream().sorted().toList());
        assertEquals(List.of(component.value()), BIND.server().txtValues("_acme-challenge.conference.deploy.example.test"));
        assertEquals(List.of(otherZone.value()), BIND.server().txtValues("_acme-challenge.deploy.acme.test"));
        // named bumps the serial once per update message: one update for the three example.test records.
        assertEquals(exampleSerial + 1, serial("example.test"));
        assertEquals(acmeSerial + 1, serial("acme.test"));
    }

    @Test
    void orderTooLargeForOneUdpDatagramStillGoesInOneUpdate() throws Exception {
        List<TxtRecord> records = IntStream.range(0, 30)
                .mapToObj(i -> new TxtRecord("c" + i + ".large.example.test", digest())).toList();
        long serial = serial("example.test");

        responder(settings()).deploy(records);

        for (TxtRecord record : records) {
            assertEquals(List.of(record.value()), BIND.server().txtValues(record.owner()));
        }
        assertEquals(serial + 1, serial("example.test"));
    }

    @Test
    void removeDeletesOnlyTheOrdersValuesAndKeepsOthersAtTheSameName() throws Exception {
        TxtRecord someoneElses = new TxtRecord("remove.example.test", digest());
        TxtRecord ours = new TxtRecord("remove.example.test", digest());
        TxtRecord oursElsewhere = new TxtRecord("remove.acme.test", digest());
        Rfc2136Dns01Responder responder = responder(settings());
        responder.deploy(List.of(someoneElses));
        responder.deploy(List.of(ours, oursElsewhere));

        responder.remove(List.of(ours, oursElsewhere));

        assertEquals(List.of(someoneElses.value()), BIND.server().txtValues("_acme-challenge.remove.example.test"));
        assertEquals(List.of(), BIND.server().txtValues("_acme-challenge.remove.acme.test"));
    }

    @Test
    void updatesAlsoGoOverTcpWithAConfiguredZone() throws Exception {
        TxtRecord record = new TxtRecord("tcp.example.test", digest());
        Rfc2136Dns01Responder responder = responder(settings().withTcp(true).withZone("example.test"));

        responder.deploy(List.of(record));
        assertEquals(List.of(record.value()), BIND.server().txtValues("_acme-challenge.tcp.example.test"));

        responder.remove(List.of(record));
        assertEquals(List.of(), BIND.server().txtValues("_acme-challenge.tcp.example.test"));
    }

    @Test
    void wrongSecretIsReportedWithoutRevealingAnySecret() throws Exception {
        String wrongSecret = Base64.getEncoder().encodeToString(new byte[32]);
        Rfc2136Settings settings = Rfc2136Settings.of(BIND.server().host(), BIND.server().port(), BIND.server().keyName(),
                TsigAlgorithm.HMAC_SHA256, wrongSecret).withZone("example.test");
        TxtRecord record = new TxtRecord("badsecret.example.test", digest());

        ChallengeException e = assertThrows(ChallengeException.class,
                () -> responder(settings).deploy(List.of(record)));

        assertTrue(e.getMessage().contains("_acme-challenge.badsecret.example.test"), e.getMessage());
        assertTrue(e.getMessage().contains("TSIG key '" + BIND.server().keyName() + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("check the secret"), e.getMessage());
        assertFalse(e.getMessage().contains(wrongSecret), e.getMessage());
        assertFalse(e.getMessage().contains(BIND.server().secret()), e.getMessage());
        assertEquals(List.of(), BIND.server().txtValues("_acme-challenge.badsecret.example.test"));
    }

    @Test
    void keyUnknownUnderThatAlgorithmIsReportedAsSuch() {
        Rfc2136Settings settings = Rfc2136Settings.of(BIND.server().host(), BIND.server().port(), BIND.server().keyName(),
                TsigAlgorithm.HMAC_SHA512, BIND.server().secret());

        ChallengeException e = assertThrows(ChallengeException.class,
                () -> responder(settings).deploy(List.of(new TxtRecord("badalg.example.test", digest()))));

        assertTrue(e.getMessage().contains("does not know TSIG key '" + BIND.server().keyName() + "' with algorithm hmac-sha512"),
                e.getMessage());
        assertFalse(e.getMessage().contains(BIND.server().secret()), e.getMessage());
    }

    @Test
    void zoneTheKeyMayNotUpdateIsReportedWithWhatToCheck() throws Exception {
        TxtRecord record = new TxtRecord("xmpp." + Bind9.LOCKED_ZONE, digest());

        ChallengeException e = assertThrows(ChallengeException.class,
                () -> responder(settings()).deploy(List.of(record)));

        assertTrue(e.getMessage().contains("updates to zone " + Bind9.LOCKED_ZONE + " are not allowed for TSIG key '"
                + BIND.server().keyName() + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("allow-update / update-policy"), e.getMessage());
        assertEquals(List.of(), BIND.server().txtValues("_acme-challenge.xmpp." + Bind9.LOCKED_ZONE));
    }

    @Test
    void failureInOneZoneWithdrawsWhatTheOrderAddedToTheOthers() throws Exception {
        TxtRecord allowed = new TxtRecord("partial.example.test", digest());
        TxtRecord refused = new TxtRecord("partial." + Bind9.LOCKED_ZONE, digest());

        assertThrows(ChallengeException.class, () -> responder(settings()).deploy(List.of(allowed, refused)));

        assertEquals(List.of(), BIND.server().txtValues("_acme-challenge.partial.example.test"));
    }

    @Test
    void nameOutsideTheServersZonesIsReported() {
        ChallengeException e = assertThrows(ChallengeException.class,
                () -> responder(settings()).deploy(List.of(new TxtRecord("xmpp.elsewhere.test", digest()))));

        assertTrue(e.getMessage().contains("does not serve a zone containing that name"), e.getMessage());
    }

    @Test
    void nameOutsideTheConfiguredZoneIsReported() {
        Rfc2136Dns01Responder responder = responder(settings().withZone("acme.test"));

        ChallengeException e = assertThrows(ChallengeException.class,
                () -> responder.deploy(List.of(new TxtRecord("xmpp.example.test", digest()))));

        assertTrue(e.getMessage().contains("is not inside the configured zone acme.test;"), e.getMessage());
    }

    @Test
    void serverDownIsReportedWithinTheTimeout() throws Exception {
        int silentPort = unusedPort();
        for (boolean tcp : new boolean[] {false, true}) {
            Rfc2136Settings settings = Rfc2136Settings.of("127.0.0.1", silentPort, BIND.server().keyName(),
                    TsigAlgorithm.HMAC_SHA256, BIND.server().secret()).withTimeout(Duration.ofSeconds(2)).withTcp(tcp);
            long start = System.nanoTime();

            ChallengeException e = assertThrows(ChallengeException.class,
                    () -> responder(settings).deploy(List.of(new TxtRecord("down.example.test", digest()))));

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(e.getMessage().contains("the DNS server at 127.0.0.1:" + silentPort), e.getMessage());
            assertTrue(e.getMessage().contains("check the server address and port"), e.getMessage());
            assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "took " + took);
        }
    }

    @Test
    void serverThatDropsUpdatesIsReportedAfterOneTimeout() throws Exception {
        try (DatagramSocket blackHole = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Rfc2136Settings settings = Rfc2136Settings.of("127.0.0.1", blackHole.getLocalPort(), BIND.server().keyName(),
                    TsigAlgorithm.HMAC_SHA256, BIND.server().secret()).withTimeout(Duration.ofSeconds(1));
            long start = System.nanoTime();

            ChallengeException e = assertThrows(ChallengeException.class,
                    () -> responder(settings).deploy(List.of(new TxtRecord("silent.example.test", digest()))));

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(e.getMessage().contains("did not answer within 1000 ms"), e.getMessage());
            assertTrue(took.compareTo(Duration.ofMillis(900)) > 0 && took.compareTo(Duration.ofSeconds(3)) < 0,
                    "took " + took);
        }
    }

    @Test
    void unsignedSuccessIsNotTakenForPublishedRecords() throws Exception {
        try (DatagramSocket impostor = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Thread answerer = new Thread(() -> answerEveryUpdateWithUnsignedSuccess(impostor));
            answerer.setDaemon(true);
            answerer.start();
            Rfc2136Settings settings = Rfc2136Settings.of("127.0.0.1", impostor.getLocalPort(), BIND.server().keyName(),
                    TsigAlgorithm.HMAC_SHA256, BIND.server().secret()).withZone("example.test");

            ChallengeException e = assertThrows(ChallengeException.class,
                    () -> responder(settings).deploy(List.of(new TxtRecord("impostor.example.test", digest()))));

            assertTrue(e.getMessage().contains("is not signed with TSIG key '" + BIND.server().keyName() + "'"), e.getMessage());
        }
    }

    @Test
    void removeNeverThrowsEvenWhenTheServerIsDown() throws Exception {
        Rfc2136Settings settings = Rfc2136Settings.of("127.0.0.1", unusedPort(), BIND.server().keyName(),
                TsigAlgorithm.HMAC_SHA256, BIND.server().secret()).withTimeout(Duration.ofMillis(500));

        responder(settings).remove(List.of(new TxtRecord("down.example.test", digest())));
    }

    /** Says NOERROR to whatever arrives, as a spoofer or a misconfigured middlebox might, without a signature. */
    private static void answerEveryUpdateWithUnsignedSuccess(DatagramSocket socket) {
        byte[] buffer = new byte[65535];
        while (!socket.isClosed()) {
            try {
                DatagramPacket request = new DatagramPacket(buffer, buffer.length);
                socket.receive(request);
                Message update = new Message(Arrays.copyOf(request.getData(), request.getLength()));
                Message answer = new Message(update.getHeader().getID());
                answer.getHeader().setOpcode(update.getHeader().getOpcode());
                answer.getHeader().setFlag(Flags.QR);
                answer.addRecord(update.getQuestion(), Section.ZONE);
                byte[] wire = answer.toWire();
                socket.send(new DatagramPacket(wire, wire.length, request.getSocketAddress()));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static Rfc2136Settings settings() {
        return Rfc2136Settings.of(BIND.server().host(), BIND.server().port(), BIND.server().keyName(), TsigAlgorithm.HMAC_SHA256, BIND.server().secret())
                .withTimeout(Duration.ofSeconds(5));
    }

    private static Rfc2136Dns01Responder responder(Rfc2136Settings settings) {
        return new Rfc2136Dns01Responder(settings);
    }

    private static long serial(String zone) throws IOException {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), BIND.server().port()));
        Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(zone, Name.root), Type.SOA,
                DClass.IN)));
        return ((SOARecord) answer.getSection(Section.ANSWER).get(0)).getSerial();
    }

    /** A value shaped like a real dns-01 digest (base64url of 32 bytes). */
    private static String digest() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int unusedPort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket tcp = new ServerSocket(0, 1, loopback);
                DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, tcp.getLocalPort()))) {
            return tcp.getLocalPort();
        }
    }
}
