package org.xmppcert.openfire.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;

import org.xmppcert.openfire.service.CaPreset;
import org.xmppcert.openfire.service.CertificateService;
import org.xmppcert.openfire.service.ClassicInstallReport;
import org.xmppcert.openfire.service.ClassicRequestView;
import org.xmppcert.openfire.service.OrderProgress;
import org.xmppcert.openfire.service.Refusal;

/**
 * The bean behind certificate-request.jsp, the request wizard. With an ACME CA it starts an order
 * and shows its progress (the page's script then follows it through the progress endpoint); with a
 * classic CA it makes the CSR, shows where the CA will mail its code, and takes the certificate the
 * CA returns. Every action is a POST answered by a redirect to a GET of the page, so a reload never
 * repeats it; a refused action shows the page again with the reason and what was entered.
 */
public final class RequestPage {

    static final String PAGE = "certificate-request.jsp";

    /** Form fields of the classic flow. */
    static final String REQUEST_ID = "requestId";
    static final String CERTIFICATE_TEXT = "certificateText";
    static final String CERTIFICATE_FILE = "certificateFile";
    static final String CA_CERTIFICATES_TEXT = "caCertificatesText";

    private final boolean acme;
    private final List<String> requiredNames;
    private final ProgressView progress;
    private final List<ClassicRequest> classicRequests;
    private final ClassicRequest renewable;
    private final List<Message> problem;
    private final String problemRequestId;
    private final String redirect;
    private final HttpServletRequest request;

    private RequestPage(boolean acme, List<String> requiredNames, ProgressView progress,
                        List<ClassicRequest> classicRequests, ClassicRequest renewable, List<Message> problem,
                        String problemRequestId, String redirect, HttpServletRequest request) {
        this.acme = acme;
        this.requiredNames = requiredNames;
        this.progress = progress;
        this.classicRequests = classicRequests;
        this.renewable = renewable;
        this.problem = problem;
        this.problemRequestId = problemRequestId;
        this.redirect = redirect;
        this.request = request;
    }

    public static RequestPage handle(HttpServletRequest request, CertificateService service) {
        String action = "POST".equals(request.getMethod()) ? request.getParameter("action") : null;
        String ticket = request.getParameter("ticket");
        if (action != null) {
            String actor = ConsoleContext.actor(request);
            try {
                switch (action) {
                    case "start" -> {
                        return redirectTo(request, PAGE + "?ticket=" + encode(service.requestCertificate(actor)));
                    }
                    case "confirmDns" -> {
                        service.confirmDnsRecords(ticket, actor);
                        return redirectTo(request, PAGE + "?ticket=" + encode(ticket));
                    }
                    case "cancel" -> {
                        service.cancel(ticket, actor);
                        return redirectTo(request, PAGE + "?ticket=" + encode(ticket));
                    }
                    case "classicStart" -> {
                        ClassicRequestView started = service.startClassicRequest(actor);
                        return redirectTo(request, PAGE + "#request-" + encode(started.id()));
                    }
                    case "classicRenew" -> {
                        ClassicRequestView renewal = service.renewClassicRequest(actor);
                        return redirectTo(request, PAGE + "#request-" + encode(renewal.id()));
                    }
                    case "classicAccept" -> {
                        return acceptClassic(request, service, actor);
                    }
                    default -> {
                        return show(request, service, ticket, null, null);
                    }
                }
            } catch (Refusal e) {
                return show(request, service, ticket, Message.of(e.reasons()), null);
            }
        }
        return show(request, service, ticket, null, null);
    }

    private static RequestPage acceptClassic(HttpServletRequest request, CertificateService service, String actor) {
        String requestId = request.getParameter(REQUEST_ID);
        byte[] certificate = certificateBytes(request);
        if (certificate.length == 0) {
            return show(request, service, null, List.of(Message.key("request.classic.error.empty")), requestId);
        }
        byte[] caCertificates = text(request, CA_CERTIFICATES_TEXT).getBytes(StandardCharsets.UTF_8);
        ClassicInstallReport result;
        try {
            result = service.acceptClassicCertificate(requestId, certificate, caCertificates, actor);
        } catch (Refusal e) {
            return show(request, service, null, Message.of(e.reasons()), requestId);
        }
        // The certificates left out are worth a warning of their own; a failed install leaves the request pending here.
        Notice.Kind kind = result.installed() ? Notice.Kind.SUCCESS : Notice.Kind.ERROR;
        List<Message> sentences = Message.of(result.sentences());
        Notice.add(request.getSession(), kind, sentences.get(0));
        sentences.subList(1, sentences.size())
                .forEach(note -> Notice.add(request.getSession(), Notice.Kind.WARNING, note));
        return redirectTo(request, result.installed() ? StatusPage.PAGE : PAGE + "#request-" + encode(requestId));
    }

    /**
     * What the CA returned: a file the admin picked (which the page's script sends as base64, since
     * Openfire's plugin servlet reads no multipart form) wins over text pasted into the field.
     */
    private static byte[] certificateBytes(HttpServletRequest request) {
        String file = text(request, CERTIFICATE_FILE);
        if (!file.isEmpty()) {
            try {
                return Base64.getDecoder().decode(file);
            } catch (IllegalArgumentException e) {
                return new byte[0];
            }
        }
        return text(request, CERTIFICATE_TEXT).strip().getBytes(StandardCharsets.UTF_8);
    }

    private static RequestPage redirectTo(HttpServletRequest request, String target) {
        return new RequestPage(true, List.of(), null, List.of(), null, null, null, target, request);
    }

    private static RequestPage show(HttpServletRequest request, CertificateService service, String ticket,
                                    List<Message> problem, String problemRequestId) {
        boolean acme = service.settings().ca() != CaPreset.CLASSIC;
        Optional<OrderProgress> progress = ticket == null || ticket.isBlank()
                ? service.latestOrder() : service.progress(ticket);
        List<ClassicRequest> classic = service.pendingClassicRequests().stream().map(ClassicRequest::new).toList();
        ClassicRequest renewable = acme ? null : service.renewableClassicRequest().map(ClassicRequest::new).orElse(null);
        return new RequestPage(acme, service.status().requiredNames(), progress.map(ProgressView::new).orElse(null),
                classic, renewable, problem, problemRequestId, null, request);
    }

    private static String text(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null ? "" : value;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Where to send the browser instead of showing the page, or null. */
    public String getRedirect() {
        return redirect;
    }

    /** The CA speaks ACME; otherwise the page offers the classic flow. */
    public boolean isAcme() {
        return acme;
    }

    /** The names a new certificate is requested for. */
    public List<String> getRequiredNames() {
        return requiredNames;
    }

    /** The request asked for, or the latest one; null if there was none. */
    public ProgressView getProgress() {
        return progress;
    }

    public boolean isRunning() {
        return progress != null && !progress.isFinished();
    }

    public List<ClassicRequest> getClassicRequests() {
        return classicRequests;
    }

    /**
     * The request of the classic certificate installed last, whose CSR can be given to the CA again
     * to renew it; null when there is none or the CA speaks ACME.
     */
    public ClassicRequest getRenewable() {
        return renewable;
    }

    /** Why the last action was refused, sentence by sentence, or null. */
    public List<Message> getProblem() {
        return problem;
    }

    /** The classic request whose certificate was refused, whose fields show the admin's input again. */
    public String getProblemRequestId() {
        return problemRequestId;
    }

    /** The certificate text the admin pasted, shown again after a refusal so nothing is lost. */
    public String getSubmittedCertificateText() {
        return problemRequestId == null ? "" : text(request, CERTIFICATE_TEXT);
    }

    public String getSubmittedCaCertificatesText() {
        return problemRequestId == null ? "" : text(request, CA_CERTIFICATES_TEXT);
    }

    /** A pending request to a classic CA. */
    public static final class ClassicRequest {

        private final ClassicRequestView view;

        ClassicRequest(ClassicRequestView view) {
            this.view = view;
        }

        public String getId() {
            return view.id();
        }

        public List<String> getNames() {
            return view.names();
        }

        public String getCsrPem() {
            return view.csrPem();
        }

        /** The CSR as a data URL, so the browser saves it as a file without another request. */
        public String getCsrDownloadUrl() {
            return "data:application/pkcs10;base64,"
                    + Base64.getEncoder().encodeToString(view.csrPem().getBytes(StandardCharsets.US_ASCII));
        }

        /** A file name for the download: the first name, which is the XMPP domain. */
        public String getCsrFileName() {
            return (view.names().isEmpty() ? "request" : view.names().get(0).replace("*.", "wildcard.")) + ".csr";
        }

        public List<String> getVerificationMailboxes() {
            return view.verificationMailboxes();
        }

        public Date getCreatedAt() {
            return Date.from(view.createdAt());
        }
    }
}
