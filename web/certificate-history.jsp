<%@ include file="WEB-INF/includes/taglibs.jspf" %>
<%@ page import="org.xmppcert.openfire.console.ConsoleContext, org.xmppcert.openfire.console.HistoryPage, org.xmppcert.openfire.console.Notice" %>
<%
    pageContext.setAttribute("view", HistoryPage.load(ConsoleContext.service(application)));
    pageContext.setAttribute("cmNotices", Notice.take(session));
%>
<c:set var="cmSection" value="history"/>
<html>
<head>
    <title><fmt:message key="history.title"/></title>
    <meta name="pageID" content="certificatemanager-status"/>
<%@ include file="WEB-INF/includes/head.jspf" %>
</head>
<body class="cm-standalone">
<div class="cm-page">
<%@ include file="WEB-INF/includes/nav.jspf" %>

<div class="jive-contentBoxHeader"><fmt:message key="history.quarters.title"/></div>
<div class="jive-contentBox">
    <c:choose>
        <c:when test="${empty view.quarters}"><p><em><fmt:message key="history.empty"/></em></p></c:when>
        <c:otherwise>
            <table class="jive-table cm-table cm-narrow" id="cm-quarters">
                <thead><tr><th><fmt:message key="history.quarter"/></th><th class="cm-number"><fmt:message key="history.issued"/></th><th class="cm-number"><fmt:message key="history.revoked"/></th></tr></thead>
                <tbody>
                <c:forEach var="quarter" items="${view.quarters}">
                    <tr><td><c:out value="${quarter.quarter}"/></td><td class="cm-number">${quarter.issued}</td><td class="cm-number">${quarter.revoked}</td></tr>
                </c:forEach>
                </tbody>
            </table>
        </c:otherwise>
    </c:choose>
    <p><a class="cm-button" href="certificate-history-csv.jsp" id="cm-export" download><fmt:message key="history.export"/></a></p>
</div>

<div class="jive-contentBoxHeader"><fmt:message key="history.events.title"/></div>
<div class="jive-contentBox">
    <div class="cm-scroll">
    <table class="jive-table cm-table" id="cm-history">
        <thead>
        <tr>
            <th><fmt:message key="history.column.time"/></th>
            <th><fmt:message key="history.column.event"/></th>
            <th><fmt:message key="history.column.actor"/></th>
            <th><fmt:message key="history.column.names"/></th>
            <th><fmt:message key="history.column.certificate"/></th>
            <th><fmt:message key="history.column.detail"/></th>
            <th></th>
        </tr>
        </thead>
        <tbody>
        <c:if test="${empty view.events}"><tr><td colspan="7"><em><fmt:message key="history.empty"/></em></td></tr></c:if>
        <c:forEach var="event" items="${view.events}">
            <tr class="cm-event-${fn:toLowerCase(event.type)}">
                <td class="cm-nowrap"><fmt:formatDate value="${event.at}" type="both" dateStyle="medium" timeStyle="short"/></td>
                <td><span class="cm-state cm-event cm-event-${fn:toLowerCase(event.type)}"><fmt:message key="history.type.${event.type}"/></span></td>
                <td><c:choose><c:when test="${event.scheduler}"><fmt:message key="history.actor.scheduler"/></c:when><c:otherwise><c:out value="${event.actor}"/></c:otherwise></c:choose></td>
                <td><c:forEach var="name" items="${event.names}" varStatus="loop"><code class="cm-name"><c:out value="${name}"/></code><c:if test="${not loop.last}"><br/></c:if></c:forEach></td>
                <td><c:if test="${not empty event.serialNumber}"><code class="cm-serial"><c:out value="${event.serialNumber}"/></code><br/><span class="cm-muted"><c:out value="${event.issuer}"/></span></c:if></td>
                <td class="cm-detail"><c:out value="${event.detail}"/></td>
                <td><c:if test="${event.revocable}"><a href="certificate-revoke.jsp?serial=${fn:escapeXml(event.serialNumber)}"><fmt:message key="history.revoke"/></a></c:if></td>
            </tr>
        </c:forEach>
        </tbody>
    </table>
    </div>
</div>
</div>
</body>
</html>
