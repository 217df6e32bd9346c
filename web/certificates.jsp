<%@ page contentType="text/html; charset=UTF-8" %>
<%@ taglib uri="http://java.sun.com/jsp/jstl/core" prefix="c" %>
<%@ taglib uri="http://java.sun.com/jsp/jstl/fmt" prefix="fmt" %>
<jsp:useBean id="certificatesPage" class="org.xmppcert.openfire.console.CertificatesPage"/>
<c:set var="overview" value="${certificatesPage.overview}"/>
<html>
<head>
    <title><fmt:message key="certificates.title"/></title>
    <meta name="pageID" content="certificatemanager-status"/>
</head>
<body>
<p><fmt:message key="certificates.intro"/></p>

<div class="jive-contentBoxHeader"><fmt:message key="certificates.domain.title"/></div>
<div class="jive-contentBox">
    <p><fmt:message key="certificates.domain.label"/> <strong><c:out value="${overview.xmppDomain}"/></strong></p>
</div>

<c:forEach var="store" items="${overview.stores}">
    <div class="jive-contentBoxHeader">
        <fmt:message key="certificates.store.title"/>
        <c:forEach var="type" items="${store.connectionTypes}" varStatus="status">
            <c:out value="${type}"/><c:if test="${not status.last}">, </c:if>
        </c:forEach>
    </div>
    <div class="jive-contentBox">
        <c:choose>
            <c:when test="${not store.readable}">
                <p><fmt:message key="certificates.store.unreadable"/></p>
            </c:when>
            <c:otherwise>
                <p><fmt:message key="certificates.store.file"/> <code><c:out value="${store.file}"/></code></p>
                <table class="jive-table" style="width: 100%">
                    <thead>
                    <tr>
                        <th><fmt:message key="certificates.column.alias"/></th>
                        <th><fmt:message key="certificates.column.names"/></th>
                        <th><fmt:message key="certificates.column.issuer"/></th>
                        <th><fmt:message key="certificates.column.expiry"/></th>
                        <th><fmt:message key="certificates.column.validity"/></th>
                    </tr>
                    </thead>
                    <tbody>
                    <c:if test="${empty store.certificates}">
                        <tr><td colspan="5"><em><fmt:message key="certificates.store.empty"/></em></td></tr>
                    </c:if>
                    <c:forEach var="certificate" items="${store.certificates}">
                        <tr>
                            <td><c:out value="${certificate.alias}"/></td>
                            <td>
                                <c:forEach var="name" items="${certificate.names}" varStatus="status">
                                    <c:out value="${name}"/><c:if test="${not status.last}"><br/></c:if>
                                </c:forEach>
                            </td>
                            <td><c:out value="${certificate.issuer}"/></td>
                            <td><fmt:formatDate value="${certificate.notAfter}" type="both" dateStyle="medium" timeStyle="short"/></td>
                            <td>
                                <c:choose>
                                    <c:when test="${certificate.validity == 'VALID'}"><fmt:message key="certificates.validity.valid"/></c:when>
                                    <c:when test="${certificate.validity == 'EXPIRES_SOON'}"><strong><fmt:message key="certificates.validity.expires-soon"/></strong></c:when>
                                    <c:when test="${certificate.validity == 'EXPIRED'}"><span style="color: red;"><fmt:message key="certificates.validity.expired"/></span></c:when>
                                    <c:otherwise><span style="color: red;"><fmt:message key="certificates.validity.not-yet-valid"/></span></c:otherwise>
                                </c:choose>
                            </td>
                        </tr>
                    </c:forEach>
                    </tbody>
                </table>
            </c:otherwise>
        </c:choose>
    </div>
</c:forEach>
</body>
</html>
