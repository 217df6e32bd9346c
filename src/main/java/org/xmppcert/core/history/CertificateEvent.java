package org.xmppcert.core.history;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One line of the certificate history: what happened, when, to which names, and who set it off.
 * The history answers the questions asked after the fact ("why did the certificate change last
 * night?", "which serial do we revoke?"), so failures are kept as well as successes.
 *
 * @param at          when it happened
 * @param type        what happened
 * @param actor       the admin's username, or {@link #SCHEDULER} for automatic renewals
 * @param names       the names of the certificate concerned, the XMPP domain first
 * @param certificate the certificate issued, renewed or revoked; {@code null} for a failure that produced none,
 *                    a settings change or another admin action
 * @param detail      free text for the admin, such as the CA's reason for a failure; never a secret; may be {@code null}
 */
public record CertificateEvent(Instant at, CertificateEventType type, String actor, List<String> names,
                               CertificateFacts certificate, String detail) {

    /** The actor of everything the plugin does on its own, such as renewals. */
    public static final String SCHEDULER = "scheduler";

    public CertificateEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("Every event names who started it");
        }
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("Every event concerns at least one name");
        }
        if (type.concernsACertificate() && certificate == null) {
            throw new IllegalArgumentException(type + " needs the certificate concerned");
        }
    }
}
