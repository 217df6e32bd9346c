package org.xmppcert.openfire.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.admin.AdminManager;
import org.jivesoftware.openfire.user.User;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.openfire.user.UserNotFoundException;
import org.jivesoftware.util.EmailService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmppcert.core.renewal.RenewalEvent;
import org.xmppcert.core.renewal.RenewalListener;

/**
 * Tells the admins what happened to the server's certificates: by XMPP message to every admin
 * (Openfire delivers it later to one who is offline) and by email to each admin account of this
 * server that has an address, each channel switched on or off by the admin.
 *
 * <p>Every message says what happened, why, and what to do, in the texts of the plugin's bundle.
 * {@link RenewalEvent}s arrive once each, but the same news can still come in bursts (a CA that is
 * down fails every retry for the same reason; an install that rolls back on every attempt), so a
 * message on a {@link AdminMessage#topic() topic} already sent within the quiet period is dropped:
 * the admins hear of a failure, then again only if it persists past the quiet period.
 */
public final class AdminNotifier implements RenewalListener {

    private static final Logger LOG = LoggerFactory.getLogger(AdminNotifier.class);

    /** Long enough that retries of one failure (5 minutes, doubling) make a message or two a day, not dozens. */
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofHours(6);

    /** Unambiguous for admins in any time zone, and what the CA's and Openfire's logs show. */
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /**
     * How messages go out, as the admin set it; read for every message.
     *
     * @param senderAddress the From address of the emails
     */
    public record Delivery(boolean byXmpp, boolean byEmail, String senderAddress) {
    }

    private final XMPPServer server;
    private final AdminManager admins;
    private final UserManager users;
    private final EmailService email;
    private final Texts texts;
    private final Supplier<Delivery> delivery;
    private final Clock clock;
    private final Duration quietPeriod;
    private final Map<String, Instant> lastSent = new LinkedHashMap<>();

    public AdminNotifier(XMPPServer server, AdminManager admins, UserManager users, EmailService email, Texts texts,
                         Supplier<Delivery> delivery, Clock clock, Duration quietPeriod) {
        this.server = Objects.requireNonNull(server, "server");
        this.admins = Objects.requireNonNull(admins, "admins");
        this.users = Objects.requireNonNull(users, "users");
        this.email = Objects.requireNonNull(email, "email");
        this.texts = Objects.requireNonNull(texts, "texts");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.quietPeriod = Objects.requireNonNull(quietPeriod, "quietPeriod");
    }

    @Override
    public void onEvent(RenewalEvent event) {
        send(compose(event));
    }

    /**
     * For texts made elsewhere, such as the installer's report of a rollback: the first line is the
     * subject and the rest the body (the subject already heads the XMPP message), and the whole text
     * is its own topic.
     */
    public void tell(String text) {
        int endOfLine = text.indexOf('\n');
        send(endOfLine < 0 ? new AdminMessage(text, text, "")
                : new AdminMessage(text, text.substring(0, endOfLine), text.substring(endOfLine + 1)));
    }

    /** Sends the message on every channel the admin enabled, unless its topic was sent within the quiet period. */
    public void send(AdminMessage message) {
        if (!firstInQuietPeriod(message.topic())) {
            LOG.debug("Not repeating to the admins within {}: {}", quietPeriod, message.subject());
            return;
        }
        Delivery channels = delivery.get();
        if (channels.byXmpp()) {
            try {
                server.sendMessageToAdmins(message.body().isEmpty() ? message.subject()
                        : message.subject() + "\n\n" + message.body());
            } catch (RuntimeException e) {
                LOG.error("Could not message the admins: {}", message.subject(), e);
            }
        }
        if (channels.byEmail()) {
            mailAdmins(message, channels.senderAddress());
        }
        if (!channels.byXmpp() && !channels.byEmail()) {
            LOG.info("Admin notifications are off; not sent: {}", message.subject());
        }
    }

    private synchronized boolean firstInQuietPeriod(String topic) {
        Instant now = clock.instant();
        Instant quietSince = now.minus(quietPeriod);
        for (Iterator<Instant> sent = lastSent.values().iterator(); sent.hasNext(); ) {
            if (!sent.next().isAfter(quietSince)) {
                sent.remove();
            }
        }
        return lastSent.putIfAbsent(topic, now) == null;
    }

    private void mailAdmins(AdminMessage message, String senderAddress) {
        String domain = server.getServerInfo().getXMPPDomain();
        String fromName = texts.get("notify.sender-name");
        for (JID admin : admins.getAdminAccounts()) {
            // An admin of another domain is no user here; a local user of the same name would be someone else.
            if (admin.getNode() == null || !domain.equals(admin.getDomain())) {
                continue;
            }
            User user;
            try {
                user = users.getUser(admin.getNode());
            } catch (UserNotFoundException e) {
                LOG.debug("Admin {} is not a user of this server; no email", admin);
                continue;
            }
            String address = user.getEmail();
            if (address == null || address.isBlank()) {
                LOG.debug("Admin {} has no email address", admin);
                continue;
            }
            String name = user.getName() == null || user.getName().isBlank() ? admin.getNode() : user.getName();
            try {
                email.sendMessage(name, address, fromName, senderAddress, message.subject(), message.body(), null);
            } catch (RuntimeException e) {
                LOG.error("Could not email {}: {}", address, message.subject(), e);
            }
        }
    }

    private AdminMessage compose(RenewalEvent event) {
        String names = String.join(", ", event.names());
        if (event instanceof RenewalEvent.Renewed renewed) {
            String explanation = renewed.explanation()
                    .map(uri -> "\n\n" + texts.get("notify.renewed.explanation", uri.toString())).orElse("");
            return new AdminMessage(topic(event, renewed.newNotAfter().toString()),
                    texts.get("notify.renewed.subject", names),
                    texts.get("notify.renewed.body", names, renewed.reason().description(), when(renewed.newNotAfter()))
                            + explanation);
        }
        if (event instanceof RenewalEvent.Failed failed) {
            // The advice names the kind of failure; the reason also carries its changing details
            // (which connection broke, how), and a new wording of the same outage is no new news.
            return new AdminMessage(topic(event, failed.advice()),
                    texts.get("notify.failed.subject", names),
                    texts.get("notify.failed.body", names, failed.consecutiveFailures(), failed.reason(), failed.advice(),
                            when(failed.nextAttempt()), when(failed.notAfter()), daysLeft(failed.at(), failed.notAfter())));
        }
        if (event instanceof RenewalEvent.ExpiryWarning warning) {
            return new AdminMessage(topic(event, Integer.toString(warning.thresholdDays())),
                    texts.get("notify.expiry.subject", names, warning.thresholdDays()),
                    texts.get("notify.expiry.body", names, warning.thresholdDays(), when(warning.notAfter()),
                            warning.lastError(), warning.advice()));
        }
        RenewalEvent.ClassicReminder reminder = (RenewalEvent.ClassicReminder) event;
        return new AdminMessage(topic(event, Integer.toString(reminder.thresholdDays())),
                texts.get("notify.classic.subject", names, reminder.thresholdDays()),
                texts.get("notify.classic.body", names, reminder.thresholdDays(), when(reminder.notAfter()),
                        reminder.wizard().toString()));
    }

    private static String topic(RenewalEvent event, String what) {
        return event.getClass().getSimpleName() + "|" + event.certificateId() + "|" + what;
    }

    private static String when(Instant instant) {
        return WHEN.format(instant);
    }

    private static long daysLeft(Instant now, Instant notAfter) {
        return Math.max(0, Duration.between(now, notAfter).toDays());
    }
}
