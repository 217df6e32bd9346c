package org.xmppcert.openfire.notify;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jivesoftware.openfire.security.SecurityAuditManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.history.CertificateFacts;
import org.xmppcert.core.history.CertificateHistory;
import org.xmppcert.core.issuance.CertificateInstaller;
import org.xmppcert.core.issuance.IssuedCertificate;
import org.xmppcert.core.renewal.RenewalEvent;
import org.xmppcert.core.renewal.RenewalListener;

/**
 * The one place where what happens to the server's certificates is recorded: every issuance,
 * renewal, revocation, failed attempt, settings change and admin action goes to the plugin's
 * {@link CertificateHistory} (the plugin's history page, with the certificates themselves) and to
 * Openfire's Security Audit Log (where admins already look for who changed what), under the
 * admin's username or {@link CertificateEvent#SCHEDULER}. Recording through this class, and only
 * through it, keeps the two in step and each event recorded once.
 *
 * <p>As a {@link RenewalListener} it records failed renewal attempts. A successful renewal is
 * recorded at its install ({@link #recordingRenewals}), because only the installer has the
 * certificate itself; expiry warnings and classic reminders change nothing and are messages, not
 * records.
 *
 * <p>Recording never fails the action it records: the action has happened, so a database or audit
 * log failure is logged and the rest goes on.
 *
 * <p>The details are recorded in English, as the core and the service word them: a record, like a
 * log, is written once for whoever reads it later, not in one reader's language. What pages and
 * commands tell an admin at the moment comes from the bundles instead
 * ({@link org.xmppcert.openfire.service.Sentence}).
 */
public final class AuditTrail implements RenewalListener {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final String PREFIX = "Certificate Manager: ";

    private final CertificateHistory history;
    private final SecurityAuditManager auditLog;
    private final Supplier<String> xmppDomain;
    private final Clock clock;

    /**
     * @param auditLog   in the server {@code SecurityAuditManager.getInstance()}
     * @param xmppDomain the name settings changes and admin actions are filed under, read when one is recorded
     */
    public AuditTrail(CertificateHistory history, SecurityAuditManager auditLog, Supplier<String> xmppDomain,
                      Clock clock) {
        this.history = Objects.requireNonNull(history, "history");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.xmppDomain = Objects.requireNonNull(xmppDomain, "xmppDomain");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A certificate for names the server had none for was obtained and installed. */
    public void issued(String actor, List<String> names, List<X509Certificate> chain, String detail) {
        record(new CertificateEvent(clock.instant(), CertificateEventType.ISSUED, actor, names,
                CertificateFacts.of(chain), detail));
    }

    /** A certificate replaced the one in service for the same names. */
    public void renewed(String actor, List<String> names, List<X509Certificate> chain, String detail) {
        record(new CertificateEvent(clock.instant(), CertificateEventType.RENEWED, actor, names,
                CertificateFacts.of(chain), detail));
    }

    public void revoked(String actor, List<String> names, CertificateFacts certificate, String reason) {
        record(new CertificateEvent(clock.instant(), CertificateEventType.REVOKED, actor, names, certificate, reason));
    }

    /**
     * An attempt to issue, renew, install or revoke failed; {@code reason} says what and why, never a secret.
     *
     * @param certificate the certificate concerned (one obtained but not installed, one not revoked), or null
     */
    public void failed(String actor, List<String> names, CertificateFacts certificate, String reason) {
        record(new CertificateEvent(clock.instant(), CertificateEventType.FAILED, actor, names, certificate, reason));
    }

    /** @param changes which settings changed and how; a secret is named, never shown */
    public void settingsChanged(String actor, String changes) {
        record(new CertificateEvent(clock.instant(), CertificateEventType.SETTINGS_CHANGED, actor,
                List.of(xmppDomain.get()), null, changes));
    }

    /** @param action what the admin did, such as "Cancelled the certificate request" */
    public void adminAction(String actor, String action) {
        Objects.requireNonNull(action, "action");
        record(new CertificateEvent(clock.instant(), CertificateEventType.ADMIN_ACTION, actor,
                List.of(xmppDomain.get()), null, action));
    }

    /**
     * For what changes nothing the history keeps, such as an admin reading the status by ad-hoc
     * command: Openfire's security audit log only.
     *
     * @param summary one line; never a secret
     * @param details more, or null; never a secret
     */
    public void logOnly(String actor, String summary, String details) {
        try {
            auditLog.logEvent(actor, summary, details);
        } catch (RuntimeException e) {
            LOG.error("Could not add \"{}\" by {} to the security audit log", summary, actor, e);
        }
    }

    /**
     * The install step of automatic renewal, recording each certificate it installs as renewed by the scheduler.
     *
     * @param detail what the history keeps with each renewal, such as the CA it came from and the
     *               renewal window the CA gave
     */
    public CertificateInstaller recordingRenewals(CertificateInstaller installer,
                                                  Function<IssuedCertificate, String> detail) {
        Objects.requireNonNull(installer, "installer");
        Objects.requireNonNull(detail, "detail");
        return (certificateId, issued) -> {
            installer.install(certificateId, issued);
            renewed(CertificateEvent.SCHEDULER, issued.names(), issued.chain(), detail.apply(issued));
        };
    }

    @Override
    public void onEvent(RenewalEvent event) {
        if (event instanceof RenewalEvent.Failed failed) {
            record(new CertificateEvent(failed.at(), CertificateEventType.FAILED, CertificateEvent.SCHEDULER,
                    failed.names(), null, "Renewal attempt " + failed.consecutiveFailures() + " failed: "
                    + failed.reason() + " Next attempt: " + failed.nextAttempt() + "."));
        }
    }

    private void record(CertificateEvent event) {
        try {
            history.append(event);
        } catch (RuntimeException e) {
            LOG.error("Could not add {} of {} to the certificate history", event.type(), event.names(), e);
        }
        logOnly(event.actor(), summary(event), details(event));
    }

    private static String summary(CertificateEvent event) {
        String names = String.join(", ", event.names());
        return PREFIX + switch (event.type()) {
            case ISSUED -> "certificate issued for " + names;
            case RENEWED -> "certificate renewed for " + names;
            case REVOKED -> "certificate revoked for " + names;
            case FAILED -> "failed for " + names;
            case SETTINGS_CHANGED -> "settings changed";
            case ADMIN_ACTION -> event.detail();
        };
    }

    private static String details(CertificateEvent event) {
        StringBuilder details = new StringBuilder();
        CertificateFacts certificate = event.certificate();
        if (certificate != null) {
            details.append("Serial ").append(certificate.serialNumber()).append(", issuer ").append(certificate.issuer())
                    .append(", valid ").append(certificate.notBefore()).append(" to ").append(certificate.notAfter())
                    .append('.');
        }
        if (event.detail() != null && event.type() != CertificateEventType.ADMIN_ACTION) {
            details.append(details.isEmpty() ? "" : " ").append(event.detail());
        }
        return details.isEmpty() ? null : details.toString();
    }
}
