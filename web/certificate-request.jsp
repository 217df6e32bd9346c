<%@ include file="WEB-INF/includes/taglibs.jspf" %>
<%@ page import="org.xmppcert.openfire.console.ConsoleContext, org.xmppcert.openfire.console.Notice, org.xmppcert.openfire.console.RequestPage" %>
<%
    RequestPage requestPage = RequestPage.handle(request, ConsoleContext.service(application));
    if (requestPage.getRedirect() != null) {
        response.sendRedirect(requestPage.getRedirect());
        return;
    }
    pageContext.setAttribute("view", requestPage);
    pageContext.setAttribute("cmNotices", Notice.take(session));
%>
<c:set var="cmSection" value="request"/>
<c:set var="progress" value="${view.progress}"/>
<html>
<head>
    <title><fmt:message key="request.title"/></title>
    <meta name="pageID" content="certificatemanager-status"/>
<%@ include file="WEB-INF/includes/head.jspf" %>
</head>
<body class="cm-standalone">
<div class="cm-page">
<%@ include file="WEB-INF/includes/nav.jspf" %>

<c:if test="${not empty view.problem and empty view.problemRequestId}">
    <div class="jive-error cm-notice" role="alert" id="cm-problem"><c:set var="messages" value="${view.problem}"/><%@ include file="WEB-INF/includes/messages.jspf" %></div>
</c:if>

<%-- Words for the states the script shows as the request moves on. --%>
<div id="cm-labels" hidden
     data-phase-ordering="<fmt:message key="request.phase.ORDERING"/>"
     data-phase-awaiting_dns_records="<fmt:message key="request.phase.AWAITING_DNS_RECORDS"/>"
     data-phase-validating="<fmt:message key="request.phase.VALIDATING"/>"
     data-phase-finalizing="<fmt:message key="request.phase.FINALIZING"/>"
     data-phase-installing="<fmt:message key="request.phase.INSTALLING"/>"
     data-phase-done="<fmt:message key="request.phase.DONE"/>"
     data-phase-failed="<fmt:message key="request.phase.FAILED"/>"
     data-state-pending="<fmt:message key="request.state.PENDING"/>"
     data-state-answered="<fmt:message key="request.state.ANSWERED"/>"
     data-state-valid="<fmt:message key="request.state.VALID"/>"
     data-state-invalid="<fmt:message key="request.state.INVALID"/>"
     data-copy="<fmt:message key="request.copy"/>"
     data-copied="<fmt:message key="request.copied"/>"
     data-connection-lost="<fmt:message key="request.connection-lost"/>"></div>

<c:if test="${view.acme}">
<div class="jive-contentBoxHeader"><fmt:message key="request.acme.title"/></div>
<div class="jive-contentBox">
    <p><fmt:message key="request.acme.intro"/></p>
    <p id="cm-request-names">
        <c:forEach var="name" items="${view.requiredNames}" varStatus="loop"><code><c:out value="${name}"/></code><c:if test="${not loop.last}">, </c:if></c:forEach>
    </p>
    <c:if test="${not view.running}">
        <form method="post" action="certificate-request.jsp" class="cm-inline-form">
            <input type="hidden" name="csrf" value="${fn:escapeXml(csrf)}">
            <input type="hidden" name="action" value="start">
            <button type="submit" class="cm-button cm-primary" id="cm-start"><fmt:message key="request.start"/></button>
        </form>
    </c:if>
</div>
</c:if>

<c:if test="${not empty progress}">
<section id="cm-progress" data-poll-url="certificate-progress.jsp?ticket=${fn:escapeXml(progress.ticket)}" data-finished="${progress.finished}">
    <div class="jive-contentBoxHeader"><fmt:message key="request.progress.title"/></div>
    <div class="jive-contentBox">
        <p class="cm-muted"><fmt:message key="request.progress.started" var="startedText"><fmt:param value="${progress.startedBy}"/></fmt:message><c:out value="${startedText}"/>
            <fmt:formatDate value="${progress.startedAt}" type="both" dateStyle="medium" timeStyle="short"/></p>
        <p><fmt:message key="request.progress.phase"/> <strong id="cm-phase" data-phase="${progress.phase}"><fmt:message key="request.phase.${progress.phase}"/></strong>
            <span class="cm-spinner" id="cm-spinner" ${progress.finished ? 'hidden' : ''} aria-hidden="true"></span></p>
        <div class="cm-scroll">
        <table class="jive-table cm-table" id="cm-names">
            <thead><tr><th><fmt:message key="request.column.name"/></th><th><fmt:message key="request.column.state"/></th><th><fmt:message key="request.column.detail"/></th></tr></thead>
            <tbody>
            <c:forEach var="name" items="${progress.names}">
                <tr data-name="${fn:escapeXml(name.name)}">
                    <td><code><c:out value="${name.name}"/></code></td>
                    <td><span class="cm-state cm-state-${fn:toLowerCase(name.state)}"><fmt:message key="request.state.${name.state}"/></span></td>
                    <td><c:out value="${name.detail}"/></td>
                </tr>
            </c:forEach>
            </tbody>
        </table>
        </div>

        <div id="cm-dns" class="cm-dns" ${progress.awaitingDnsRecords ? '' : 'hidden'}>
            <h3><fmt:message key="request.dns.title"/></h3>
            <p><fmt:message key="request.dns.intro"/></p>
            <div class="cm-scroll">
            <table class="jive-table cm-table" id="cm-dns-records">
                <thead><tr><th><fmt:message key="request.dns.owner"/></th><th><fmt:message key="request.dns.type"/></th><th><fmt:message key="request.dns.value"/></th></tr></thead>
                <tbody>
                <c:forEach var="record" items="${progress.dnsRecords}" varStatus="loop">
                    <tr>
                        <td><code id="cm-dns-owner-${loop.index}"><c:out value="${record.owner}"/></code>
                            <button type="button" class="cm-copy" data-copy-target="cm-dns-owner-${loop.index}"><fmt:message key="request.copy"/></button></td>
                        <td>TXT</td>
                        <td><code id="cm-dns-value-${loop.index}"><c:out value="${record.value}"/></code>
                            <button type="button" class="cm-copy" data-copy-target="cm-dns-value-${loop.index}"><fmt:message key="request.copy"/></button></td>
                    </tr>
                </c:forEach>
                </tbody>
            </table>
            </div>
            <form method="post" action="certificate-request.jsp" class="cm-inline-form">
                <input type="hidden" name="csrf" value="${fn:escapeXml(csrf)}">
                <input type="hidden" name="action" value="confirmDns">
                <input type="hidden" name="ticket" value="${fn:escapeXml(progress.ticket)}">
                <button type="submit" class="cm-button cm-primary" id="cm-dns-confirm"><fmt:message key="request.dns.confirm"/></button>
            </form>
        </div>

        <c:set var="wordedMessages" value="${progress.outcome}"/><%@ include file="WEB-INF/includes/words-text.jspf" %>
        <div id="cm-failure" class="jive-error cm-notice" role="alert" ${progress.failed ? '' : 'hidden'}>
            <strong><fmt:message key="request.failed"/></strong> <span id="cm-failure-text"><c:out value="${progress.failed ? wordedText : ''}"/></span>
        </div>
        <div id="cm-result" class="jive-success cm-notice" ${progress.installed ? '' : 'hidden'}>
            <strong><fmt:message key="request.installed"/></strong> <span id="cm-result-text"><c:out value="${progress.installed ? wordedText : ''}"/></span>
            <a href="certificates.jsp"><fmt:message key="request.see-status"/></a>
        </div>

        <form method="post" action="certificate-request.jsp" class="cm-inline-form" id="cm-cancel-form" ${progress.finished ? 'hidden' : ''}>
            <input type="hidden" name="csrf" value="${fn:escapeXml(csrf)}">
            <input type="hidden" name="action" value="cancel">
            <input type="hidden" name="ticket" value="${fn:escapeXml(progress.ticket)}">
            <button type="submit" class="cm-button" id="cm-cancel"><fmt:message key="request.cancel"/></button>
        </form>
    </div>
</section>
</c:if>

<c:if test="${not view.acme or not empty view.classicRequests}">
<div class="jive-contentBoxHeader"><fmt:message key="request.classic.title"/></div>
<div class="jive-contentBox">
    <p><fmt:message key="request.classic.intro"/></p>
    <c:if test="${not view.acme}">
        <form method="post" action="certificate-request.jsp" class="cm-inline-form">
            <input type="hidden" name="csrf" value="${fn:escapeXml(csrf)}">
            <input type="hidden" name="action" value="classicStart">
            <button type="submit" class="cm-button cm-primary" id="cm-classic-start"><fmt:message key="request.classic.start"/></button>
        </form>
    </c:if>
    <c:if test="${not empty view.renewable}">
        <p id="cm-classic-renewable"><fmt:message key="request.classic.renew.intro"><fmt:param><fmt:formatDate value="${view.renewable.createdAt}" type="date" dateStyle="medium"/></fmt:param></fmt:message>
            <c:forEach var="name" items="${view.renewable.names}" varStatus="loop"><code><c:out value="${name}"/></code><c:if test="${not loop.last}">, </c:if></c:forEach></p>
        <form method="post" action="certificate-request.jsp" class="cm-inline-form">
            <input type="hidden" name="csrf" value="${fn:escapeXml(csrf)}">
            <input type="hidden" name="action" value="classicRenew">
            <button type="submit" class="cm-button" id="cm-classic-renew"><fmt:message key="request.classic.renew"/></button>
        </form>
    </c:if>
</div>
<c:forEach var="pending" items="${view.classicRequests}">
    <div class="jive-contentBoxHeader"><fmt:message key="request.classic.pending"/> <code><c:out value="${pending.id}"/></code></div>
    <div class="jive-contentBox cm-classic" id="request-${fn:escapeXml(pending.id)}">
        <dl class="cm-facts">
            <dt><fmt:message key="request.classic.names"/></dt>
            <dd><c:forEach var="name" items="${pending.names}" varStatus="loop"><code><c:out value="${name}"/></code><c:if test="${not loop.last}">, </c:if></c:forEach></dd>
            <dt><fmt:message key="request.classic.created"/></dt>
            <dd><fmt:formatDate value="${pending.createdAt}" type="both" dateStyle="medium" timeStyle="short"/></dd>
        </dl>
        <h3><fmt:message key="request.classic.step1"/></h3>
        <textarea readonly rows="8" class="cm-pem" id="csr-${fn:escapeXml(pending.id)}"><c:out value="${pending.csrPem}"/></textarea>
        <p>
            <button type="button" class="cm-button cm-copy" data-copy-target="csr-${fn:escapeXml(pending.id)}"><fmt:message key="request.copy"/></button>
            <a class="cm-button" href="${pending.csrDownloadUrl}" download="${fn:escapeXml(pending.csrFileName)}"><fmt:message key="request.classic.download"/></a>
        </p>
        <h3><fmt:message key="request.classic.step2"/></h3>
        <ul class="cm-mailboxes">
            <c:forEach var="mailbox" items="${pending.verificationMailboxes}"><li><code><c:out value="${mailbox}"/></code></li></c:forEach>
        </ul>
        <h3><fmt:message key="request.classic.step3"/></h3>
        <c:set var="refused" value="${view.problemRequestId == pending.id}"/>
        <form method="post" action="certificate-request.jsp" class="cm-form">
            <input type="hidden" name="csrf" value="${fn:escapeXml(csrf)}">
            <input type="hidden" name="action" value="classicAccept">
            <input type="hidden" name="requestId" value="${fn:escapeXml(pending.id)}">
            <div class="cm-field">
                <label for="certificateText-${fn:escapeXml(pending.id)}"><fmt:message key="request.classic.certificate"/></label>
                <div class="cm-input">
                    <textarea name="certificateText" id="certificateText-${fn:escapeXml(pending.id)}" rows="6" class="cm-pem" placeholder="-----BEGIN CERTIFICATE-----"><c:if test="${refused}"><c:out value="${view.submittedCertificateText}"/></c:if></textarea>
                    <label class="cm-file"><fmt:message key="request.classic.upload"/>
                        <input type="file" accept=".pem,.crt,.cer,.der,.p7b,.p7c" data-file-target="certificateFile-${fn:escapeXml(pending.id)}"></label>
                    <input type="hidden" name="certificateFile" id="certificateFile-${fn:escapeXml(pending.id)}" value="">
                    <c:if test="${refused}">
                        <span class="jive-error-text cm-field-error" id="error-certificate" role="alert"><c:set var="messages" value="${view.problem}"/><%@ include file="WEB-INF/includes/messages.jspf" %></span>
                    </c:if>
                </div>
            </div>
            <div class="cm-field">
                <label for="caCertificatesText-${fn:escapeXml(pending.id)}"><fmt:message key="request.classic.ca-certificates"/></label>
                <div class="cm-input">
                    <textarea name="caCertificatesText" id="caCertificatesText-${fn:escapeXml(pending.id)}" rows="4" class="cm-pem"><c:if test="${refused}"><c:out value="${view.submittedCaCertificatesText}"/></c:if></textarea>
                    <span class="cm-hint"><fmt:message key="request.classic.ca-certificates.hint"/></span>
                </div>
            </div>
            <p class="cm-buttons"><button type="submit" class="cm-button cm-primary"><fmt:message key="request.classic.install"/></button></p>
        </form>
    </div>
</c:forEach>
</c:if>
</div>
</body>
</html>
