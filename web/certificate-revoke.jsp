<%@ include file="WEB-INF/includes/taglibs.jspf" %>
<%@ page import="org.xmppcert.openfire.console.ConsoleContext, org.xmppcert.openfire.console.Notice, org.xmppcert.openfire.console.RevokePage" %>
<%
    RevokePage revokePage = RevokePage.handle(request, ConsoleContext.service(application));
    if (revokePage.getRedirect() != null) {
        response.sendRedirect(revokePage.getRedirect());
        return;
    }
    pageContext.setAttribute("view", revokePage);
    pageContext.setAttribute("cmNotices", Notice.take(session));
%>
<c:set var="cmSection" value="history"/>
<html>
<head>
    <title><fmt:message key="revoke.title"/></title>
    <meta name="pageID" content="certificatemanager-status"/>
<%@ include file="WEB-INF/includes/head.jspf" %>
</head>
<body class="cm-standalone">
<div class="cm-page">
<%@ include file="WEB-INF/includes/nav.jspf" %>

<c:if test="${not empty view.problem}">
    <div class="jive-error cm-notice" role="alert" id="cm-problem"><c:set var="messages" value="${view.problem}"/><%@ include file="WEB-INF/includes/messages.jspf" %></div>
</c:if>

<c:if test="${view.found}">
<div class="jive-contentBoxHeader"><fmt:message key="revoke.certificate.title"/></div>
<div class="jive-contentBox">
    <dl class="cm-facts">
        <dt><fmt:message key="status.certificate.serial"/></dt>
        <dd><code id="cm-revoke-serial"><c:out value="${view.serialNumber}"/></code></dd>
        <dt><fmt:message key="status.certificate.names"/></dt>
        <dd><c:forEach var="name" items="${view.names}" varStatus="loop"><code><c:out value="${name}"/></code><c:if test="${not loop.last}">, </c:if></c:forEach></dd>
        <dt><fmt:message key="status.certificate.issuer"/></dt>
        <dd><c:out value="${view.issuer}"/></dd>
        <dt><fmt:message key="status.certificate.valid-from"/></dt>
        <dd><fmt:formatDate value="${view.notBefore}" type="both" dateStyle="medium" timeStyle="short"/></dd>
        <dt><fmt:message key="status.certificate.valid-until"/></dt>
        <dd><fmt:formatDate value="${view.notAfter}" type="both" dateStyle="medium" timeStyle="short"/></dd>
    </dl>
    <div class="jive-warning cm-notice"><fmt:message key="revoke.warning"/></div>
    <form method="post" action="certificate-revoke.jsp" class="cm-form" id="cm-revoke-form">
        <input type="hidden" name="csrf" value="${fn:escapeXml(csrf)}">
        <input type="hidden" name="serial" value="${fn:escapeXml(view.serialNumber)}">
        <div class="cm-field">
            <label for="reason"><fmt:message key="revoke.reason"/></label>
            <div class="cm-input">
                <select name="reason" id="reason">
                    <c:forEach var="reason" items="${view.reasons}">
                        <option value="${reason}" ${view.reason == reason ? 'selected' : ''}><fmt:message key="revoke.reason.${reason}"/></option>
                    </c:forEach>
                </select>
                <span class="cm-hint"><fmt:message key="revoke.reason.hint"/></span>
            </div>
        </div>
        <div class="cm-field cm-check">
            <div class="cm-input">
                <label><input type="checkbox" name="confirmed" id="confirmed" value="true"> <fmt:message key="revoke.confirm"/></label>
            </div>
        </div>
        <p class="cm-buttons">
            <button type="submit" class="cm-button cm-danger" id="cm-revoke"><fmt:message key="revoke.submit"/></button>
            <a href="certificate-history.jsp"><fmt:message key="revoke.back"/></a>
        </p>
    </form>
</div>
</c:if>
</div>
</body>
</html>
