package org.xmppcert.openfire.console;

import java.util.Date;
import java.util.List;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;

import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.openfire.service.CertificateService;
import org.xmppcert.openfire.service.Refusal;

/**
 * The bean behind certificate-revoke.jsp, the confirmation step of a revocation: a GET shows the
 * certificate (found in the history by its serial number, so an earlier certificate can be revoked
 * as well as the current one) and asks for an RFC 5280 reason; only a POST with the admin's
 * explicit confirmation revokes. Revocation cannot be undone, hence the extra step.
 */
public final class RevokePage {

    /** The reason codes ACME CAs accept (RFC 8555 section 7.6 defers to RFC 5280 section 5.3.1). */
    public static final List<String> REASONS = List.of("unspecified", "keyCompromise", "affiliationChanged",
            "superseded", "cessationOfOperation");

    static final String SERIAL = "serial";
    static final String REASON = "reason";
    static final String CONFIRMED = "confirmed";

    private final CertificateEvent issuance;
    private final String reason;
    private final List<Message> problem;
    private final String redirect;

    private RevokePage(CertificateEvent issuance, String reason, List<Message> problem, String redirect) {
        this.issuance = issuance;
        this.reason = reason;
        this.problem = problem;
        this.redirect = redirect;
    }

    public static RevokePage handle(HttpServletRequest request, CertificateService service) {
        String serial = request.getParameter(SERIAL);
        Optional<CertificateEvent> issuance = service.history(HistoryPage.LIMIT).stream()
                .filter(event -> event.type() == CertificateEventType.ISSUED
                        || event.type() == CertificateEventType.RENEWED)
                .filter(event -> event.certificate().serialNumber().equalsIgnoreCase(String.valueOf(serial)))
                .findFirst();
        if (issuance.isEmpty()) {
            return new RevokePage(null, REASONS.get(0), List.of(Message.key("revoke.error.unknown", serial)), null);
        }
        String reason = request.getParameter(REASON);
        if (!"POST".equals(request.getMethod())) {
            return new RevokePage(issuance.get(), REASONS.get(0), null, null);
        }
        if (!REASONS.contains(reason)) {
            return new RevokePage(issuance.get(), REASONS.get(0), List.of(Message.key("revoke.error.reason")), null);
        }
        if (!"true".equals(request.getParameter(CONFIRMED))) {
            return new RevokePage(issuance.get(), reason, List.of(Message.key("revoke.error.confirm")), null);
        }
        try {
            service.revoke(issuance.get().certificate().serialNumber(), reason, ConsoleContext.actor(request));
        } catch (Refusal e) {
            return new RevokePage(issuance.get(), reason, Message.of(e.reasons()), null);
        }
        Notice.add(request.getSession(), Notice.Kind.SUCCESS,
                Message.key("revoke.done", issuance.get().certificate().serialNumber()));
        return new RevokePage(issuance.get(), reason, null, HistoryPage.PAGE);
    }

    /** Where to send the browser instead of showing the page, or null. */
    public String getRedirect() {
        return redirect;
    }

    /** Whether the serial number named a certificate this plugin obtained. */
    public boolean isFound() {
        return issuance != null;
    }

    public String getSerialNumber() {
        return issuance.certificate().serialNumber();
    }

    public List<String> getNames() {
        return issuance.names();
    }

    public String getIssuer() {
        return issuance.certificate().issuer();
    }

    public Date getNotBefore() {
        return Date.from(issuance.certificate().notBefore());
    }

    public Date getNotAfter() {
        return Date.from(issuance.certificate().notAfter());
    }

    public List<String> getReasons() {
        return REASONS;
    }

    /** The reason selected: the admin's choice when the page is shown again. */
    public String getReason() {
        return reason;
    }

    /** Why the revocation was refused, sentence by sentence, or null. */
    public List<Message> getProblem() {
        return problem;
    }
}
