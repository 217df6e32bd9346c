<%@ include file="WEB-INF/includes/taglibs.jspf" %>
<%@ page import="org.xmppcert.openfire.console.ConsoleContext, org.xmppcert.openfire.console.Notice, org.xmppcert.openfire.console.StatusPage" %>
<%
    pageContext.setAttribute("view", StatusPage.load(ConsoleContext.service(application)));
    pageContext.setAttribute("cmNotices", Notice.take(session));
%>
<c:set var="cmSection" value="status"/>
<html>
<head>
    <title><fmt:message key="certificates.title"/></title>
    <meta name="pageID" content="certificatemanager-status"/>
<%@ include file="WEB-INF/includes/head.jspf" %>
</head>
<body class="cm-standalone">
<div class="cm-page">
<%@ include file="WEB-INF/includes/nav.jspf" %>

<c:choose>
    <c:when test="${not empty view.runningTicket}">
        <div class="jive-info cm-callout" id="cm-verdict">
            <p><strong><fmt:message key="status.running"/></strong></p>
            <p><a class="cm-button" href="certificate-request.jsp?ticket=${fn:escapeXml(view.runningTicket)}"><fmt:message key="status.running.follow"/></a></p>
        </div>
    </c:when>
    <c:when test="${view.needsAttention}">
        <div class="jive-error cm-callout" id="cm-verdict" role="alert">
            <p><strong><fmt:message key="status.attention"/></strong></p>
            <c:if test="${not empty view.actions}">
                <ul class="cm-actions">
                    <c:forEach var="action" items="${view.actions}"><li class="cm-action-${fn:toLowerCase(action.kind)}"><c:set var="wordedMessages" value="${action.reasons}"/><%@ include file="WEB-INF/includes/words-text.jspf" %><fmt:message key="status.action.${action.kind}" var="actionText"><c:forEach var="argument" items="${action.arguments}"><fmt:param value="${argument}"/></c:forEach><c:if test="${not empty action.reasons}"><fmt:param value="${wordedText}"/></c:if></fmt:message><c:out value="${actionText}"/></li></c:forEach>
                </ul>
            </c:if>
            <form method="post" action="certificate-request.jsp" class="cm-inline-form">
                <input type="hidden" name="csrf" value="${fn:escapeXml(csrf)}">
                <c:choose>
                    <c:when test="${view.classic}">
                        <input type="hidden" name="action" value="classicStart">
                        <button type="submit" class="cm-button cm-primary" id="cm-request-now"><fmt:message key="status.classic.start"/></button>
                    </c:when>
                    <c:otherwise>
                        <input type="hidden" name="action" value="start">
                        <button type="submit" class="cm-button cm-primary" id="cm-request-now"><fmt:message key="status.request.now"/></button>
                    </c:otherwise>
                </c:choose>
                <a href="certificate-settings.jsp"><fmt:message key="status.check.settings"/></a>
            </form>
        </div>
    </c:when>
    <c:otherwise>
        <div class="jive-success cm-callout" id="cm-verdict">
            <p><strong><fmt:message key="status.all-well"/></strong></p>
        </div>
    </c:otherwise>
</c:choose>

<div class="jive-contentBoxHeader"><fmt:message key="status.overview.title"/></div>
<div class="jive-contentBox">
    <dl class="cm-facts">
        <dt><fmt:message key="status.xmpp-domain"/></dt>
        <dd id="cm-xmpp-domain"><code><c:out value="${view.xmppDomain}"/></code></dd>
        <dt><fmt:message key="status.required-names"/></dt>
        <dd id="cm-required-names">
            <c:forEach var="name" items="${view.requiredNames}" varStatus="loop"><code><c:out value="${name}"/></code><c:if test="${not loop.last}">, </c:if></c:forEach>
            <c:if test="${empty view.requiredNames}"><em><fmt:message key="status.none"/></em></c:if>
        </dd>
        <dt><fmt:message key="status.next-renewal"/></dt>
        <dd id="cm-next-renewal">
            <c:choose>
                <c:when test="${not empty view.nextRenewal}"><fmt:formatDate value="${view.nextRenewal}" type="both" dateStyle="medium" timeStyle="short"/></c:when>
                <c:otherwise><em><fmt:message key="status.next-renewal.none"/></em></c:otherwise>
            </c:choose>
        </dd>
        <dt><fmt:message key="status.last-attempt"/></dt>
        <dd id="cm-last-attempt">
            <c:choose>
                <c:when test="${not empty view.lastAttempt}">
                    <c:set var="attempt" value="${view.lastAttempt}"/>
                    <c:choose>
                        <c:when test="${attempt.scheduler}"><fmt:message key="status.last-attempt.by-scheduler" var="attemptActor"/></c:when>
                        <c:otherwise><fmt:message key="status.last-attempt.by" var="attemptActor"><fmt:param value="${attempt.actor}"/></fmt:message></c:otherwise>
                    </c:choose>
                    <c:set var="wordedMessages" value="${attempt.reasons}"/><%@ include file="WEB-INF/includes/words-text.jspf" %>
                    <c:choose>
                        <c:when test="${not empty wordedText}"><c:set var="attemptDetail" value="${wordedText}"/></c:when>
                        <c:otherwise><fmt:message key="status.last-attempt.no-reason" var="attemptDetail"/></c:otherwise>
                    </c:choose>
                    <fmt:message key="status.last-attempt.${attempt.outcome}" var="attemptText"><fmt:param value="${attempt.at}"/><fmt:param value="${attemptActor}"/><fmt:param value="${attemptDetail}"/></fmt:message>
                    <c:out value="${attemptText}"/>
                </c:when>
                <c:otherwise><em><fmt:message key="status.last-attempt.none"/></em></c:otherwise>
            </c:choose>
        </dd>
    </dl>
</div>

<c:forEach var="store" items="${view.stores}">
    <div class="jive-contentBoxHeader">
        <fmt:message key="status.store.title"/> <code><c:out value="${store.name}"/></code>
    </div>
    <div class="jive-contentBox cm-store">
        <p class="cm-muted"><fmt:message key="status.store.used-by"/>
            <c:forEach var="type" items="${store.connectionTypes}" varStatus="loop"><fmt:message key="connection-type.${type}"/><c:if test="${not loop.last}">, </c:if></c:forEach>
        </p>
        <c:set var="certificate" value="${store.certificate}"/>
        <c:choose>
            <c:when test="${empty certificate}">
                <p class="cm-bad"><fmt:message key="status.store.no-certificate"/></p>
            </c:when>
            <c:otherwise>
                <dl class="cm-facts">
                    <dt><fmt:message key="status.certificate.names"/></dt>
                    <dd><c:forEach var="name" items="${certificate.names}" varStatus="loop"><code><c:out value="${name}"/></code><c:if test="${not loop.last}">, </c:if></c:forEach></dd>
                    <dt><fmt:message key="status.certificate.issuer"/></dt>
                    <dd><c:out value="${certificate.issuer}"/>
                        <c:if test="${certificate.selfSigned}"> <span class="cm-badge cm-bad"><fmt:message key="status.certificate.self-signed"/></span></c:if></dd>
                    <dt><fmt:message key="status.certificate.key-type"/></dt>
                    <dd><c:out value="${certificate.keyType}"/></dd>
                    <dt><fmt:message key="status.certificate.serial"/></dt>
                    <dd><code><c:out value="${certificate.serialNumber}"/></code></dd>
                    <dt><fmt:message key="status.certificate.valid-from"/></dt>
                    <dd><fmt:formatDate value="${certificate.notBefore}" type="both" dateStyle="medium" timeStyle="short"/></dd>
                    <dt><fmt:message key="status.certificate.valid-until"/></dt>
                    <dd><fmt:formatDate value="${certificate.notAfter}" type="both" dateStyle="medium" timeStyle="short"/>
                        <c:choose>
                            <c:when test="${certificate.expired}"><span class="cm-badge cm-bad"><fmt:message key="status.certificate.expired"/></span></c:when>
                            <c:otherwise><span class="cm-badge"><fmt:message key="status.certificate.days-left"><fmt:param value="${certificate.daysLeft}"/></fmt:message></span></c:otherwise>
                        </c:choose>
                    </dd>
                    <dt><fmt:message key="status.certificate.coverage"/></dt>
                    <dd>
                        <c:choose>
                            <c:when test="${empty certificate.missingNames}"><span class="cm-good"><fmt:message key="status.certificate.covers-all"/></span></c:when>
                            <c:otherwise>
                                <span class="cm-bad"><fmt:message key="status.certificate.missing"/></span>
                                <c:forEach var="name" items="${certificate.missingNames}" varStatus="loop"><code class="cm-missing"><c:out value="${name}"/></code><c:if test="${not loop.last}">, </c:if></c:forEach>
                            </c:otherwise>
                        </c:choose>
                    </dd>
                </dl>
                <c:if test="${not certificate.selfSigned and not certificate.expired}">
                    <p><a href="certificate-revoke.jsp?serial=${fn:escapeXml(certificate.serialNumber)}"><fmt:message key="status.certificate.revoke"/></a></p>
                </c:if>
            </c:otherwise>
        </c:choose>
        <c:if test="${not empty store.contents}">
            <h4><fmt:message key="status.store.contents"/></h4>
            <table class="jive-table cm-contents">
                <thead><tr><th><fmt:message key="status.store.alias"/></th><th><fmt:message key="status.certificate.names"/></th>
                    <th><fmt:message key="status.certificate.issuer"/></th><th><fmt:message key="status.certificate.valid-until"/></th></tr></thead>
                <tbody>
                <c:forEach var="entry" items="${store.contents}">
                    <tr><td><code class="cm-alias"><c:out value="${entry.alias}"/></code></td>
                        <td><c:forEach var="name" items="${entry.names}" varStatus="loop"><code class="cm-name"><c:out value="${name}"/></code><c:if test="${not loop.last}">, </c:if></c:forEach></td>
                        <td><c:out value="${entry.issuer}"/></td>
                        <td><fmt:formatDate value="${entry.notAfter}" type="date" dateStyle="medium"/></td></tr>
                </c:forEach>
                </tbody>
            </table>
        </c:if>
    </div>
</c:forEach>
</div>
</body>
</html>
