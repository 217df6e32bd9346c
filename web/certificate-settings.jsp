<%@ include file="WEB-INF/includes/taglibs.jspf" %>
<%@ page import="org.xmppcert.openfire.console.ConsoleContext, org.xmppcert.openfire.console.Notice, org.xmppcert.openfire.console.SettingsPage" %>
<%
    SettingsPage settingsPage = SettingsPage.handle(request, ConsoleContext.service(application));
    if (settingsPage.getRedirect() != null) {
        response.sendRedirect(settingsPage.getRedirect());
        return;
    }
    pageContext.setAttribute("view", settingsPage);
    pageContext.setAttribute("cmNotices", Notice.take(session));
%>
<c:set var="cmSection" value="settings"/>
<c:set var="values" value="${view.values}"/>
<html>
<head>
    <title><fmt:message key="settings.title"/></title>
    <meta name="pageID" content="certificatemanager-status"/>
<%@ include file="WEB-INF/includes/head.jspf" %>
</head>
<body class="cm-standalone">
<div class="cm-page">
<%@ include file="WEB-INF/includes/nav.jspf" %>

<c:if test="${view.failed}">
    <div class="jive-error cm-notice" role="alert" id="cm-form-problems">
        <fmt:message key="settings.not-saved"/>
        <c:forEach var="message" items="${view.generalProblems}"><br/><%@ include file="WEB-INF/includes/message.jspf" %></c:forEach>
    </div>
</c:if>

<form method="post" action="certificate-settings.jsp" class="cm-form" id="cm-settings" novalidate>
<input type="hidden" name="csrf" value="${fn:escapeXml(csrf)}">

<div class="jive-contentBoxHeader"><fmt:message key="settings.ca.title"/></div>
<div class="jive-contentBox">
    <div class="cm-field">
        <label for="ca"><fmt:message key="settings.ca"/></label>
        <div class="cm-input">
            <select name="ca" id="ca">
                <c:forEach var="preset" items="${view.presets}">
                    <option value="${preset}" data-directory="${fn:escapeXml(view.presetDirectories[preset.name()])}" ${values.ca == preset.name() ? 'selected' : ''}><fmt:message key="settings.ca.${preset}"/></option>
                </c:forEach>
            </select>
            <span class="cm-hint" id="cm-preset-directory"></span>
            <c:set var="field" value="ca"/><%@ include file="WEB-INF/includes/field-error.jspf" %>
        </div>
    </div>
    <p class="cm-hint" data-show-if="ca=CLASSIC"><fmt:message key="settings.ca.classic.hint"/></p>
    <div class="cm-field" data-show-if="ca=CUSTOM">
        <label for="customDirectory"><fmt:message key="settings.customDirectory"/></label>
        <div class="cm-input">
            <input type="url" name="customDirectory" id="customDirectory" value="${fn:escapeXml(values.customDirectory)}" placeholder="https://ca.example.org/acme/directory">
            <c:set var="field" value="customDirectory"/><%@ include file="WEB-INF/includes/field-error.jspf" %>
        </div>
    </div>
    <div class="cm-field" data-show-if="ca=CUSTOM">
        <label for="customTrustAnchorPem"><fmt:message key="settings.customTrustAnchorPem"/></label>
        <div class="cm-input">
            <textarea name="customTrustAnchorPem" id="customTrustAnchorPem" rows="4" placeholder="-----BEGIN CERTIFICATE-----"><c:out value="${values.customTrustAnchorPem}"/></textarea>
            <span class="cm-hint"><fmt:message key="settings.customTrustAnchorPem.hint"/></span>
            <c:set var="field" value="customTrustAnchorPem"/><%@ include file="WEB-INF/includes/field-error.jspf" %>
        </div>
    </div>
    <div class="cm-field" data-show-if="ca!=CLASSIC">
        <label for="contactEmail"><fmt:message key="settings.contactEmail"/></label>
        <div class="cm-input">
            <input type="email" name="contactEmail" id="contactEmail" value="${fn:escapeXml(values.contactEmail)}" autocomplete="email">
            <span class="cm-hint"><fmt:message key="settings.contactEmail.hint"/></span>
            <c:set var="field" value="contactEmail"/><%@ include file="WEB-INF/includes/field-error.jspf" %>
        </div>
    </div>
    <div class="cm-field" data-show-if="ca=${view.presetsNeedingEab},CUSTOM">
        <label for="eabKeyId"><fmt:message key="settings.eabKeyId"/></label>
        <div class="cm-input">
            <input type="text" name="eabKeyId" id="eabKeyId" value="${fn:escapeXml(values.eabKeyId)}" autocomplete="off">
            <span class="cm-hint"><fmt:message key="settings.eab.hint"/></span>
            <c:set var="field" value="eabKeyId"/><%@ include file="WEB-INF/includes/field-error.jspf" %>
        </div>
    </div>
    <div class="cm-field" data-show-if="ca=${view.presetsNeedingEab},CUSTOM">
        <label for="eabHmacKey"><fmt:message key="settings.eabHmacKey"/></label>
        <div class="cm-input">
            <input type="password" name="eabHmacKey" id="eabHmacKey" value="" autocomplete="new-password"
                   placeholder="${view.eabHmacKeySaved ? '&#8226;&#8226;&#8226;&#8226;&#8226;&#8226;&#8226;&#8226;' : ''}">
            <span class="cm-hint" id="eabHmacKey-state">
                <c:choose>
                    <c:when test="${view.eabHmacKeySaved}"><fmt:message key="settings.secret.saved"/></c:when>
                    <c:otherwise><fmt:message key="settings.secret.none"/></c:otherwise>
                </c:choose>
            </span>
            <c:set var="field" value="eabHmacKey"/><%@ include file="WEB-INF/includes/field-error.jspf" %>
        </div>
    </div>
    <div class="cm-field cm-check" data-show-if="ca!=CLASSIC">
        <div class="cm-input">
            <label><input type="checkbox" name="termsAgreed" id="termsAgreed" value="true" ${values.termsAgreed == 'true' ? 'checked' : ''}>
                <fmt:message key="settings.termsAgreed"/></label>
            <c:set var="field" value="termsAgreed"/><%@ include file="WEB-INF/includes/field-error.jspf" %>
        </div>
    </div>
</div>

<div class="jive-contentBoxHeader"><fmt:message key="settings.key.title"/></div>
<div class="jive-contentBox">
    <div class="cm-field">
        <label for="keyType"><fmt:message key="settings.keyType"/></label>
        <div class="cm-input">
            <select name="keyType" id="keyType">
                <c:forEach var="keyType" items="${view.keyTypes}">
                    <option value="${keyType}" ${values.keyType == keyType.name() ? 'selected' : ''}><fmt:message key="settings.keyType.${keyType}"/></option>
                </c:forEach>
            </select>
            <c:set var="field" value="keyType"/><%@ include file="WEB-INF/includes/field-error.jspf" %>
        </div>
    </div>
    <div class="cm-field cm-check">
        <div class="cm-input">
            <label><input type="checkbox" name="keepCurrentKey" value="true" ${values.keepCurrentKey == 'true' ? 'checked' : ''}>
                <fmt:message key="settings.keepCurrentKey"/></label>
            <span class="cm-hint"><fmt:message key="settings.keepCurrentKey.hint"/></span>
        </div>
    </div>
</div>

<div data-show-if="ca!=CLASSIC">
<div class="jive-contentBoxHeader"><fmt:message key="settings.challenge.title"/></div>
<div class="jive-contentBox">
    <fieldset class="cm-field">
        <legend><fmt:message key="settings.challengeType"/></legend>
        <div class="cm-input">
            <c:forEach var="challengeType" items="${view.challengeTypes}">
                <label class="cm-choice"><input type="radio" name="challengeType" value="${challengeType}" ${values.challengeType == challengeType.name() ? 'checked' : ''}>
                    <strong><fmt:message key="settings.challengeType.${challengeType}"/></strong>
                    <span class="cm-hint"><fmt:message key="settings.challengeType.${challengeType}.hint"/></span></label>
            </c:forEach>
            <c:set var="field" value="challengeType"/><%@ include file="WEB-INF/includes/field-error.jspf" %>
        </div>
    </fieldset>
    <div class="jive-info cm-guidance" data-show-if="challengeType=HTTP_01"><fmt:message key="settings.port80.guidance"/></div>
    <div data-show-if="challengeType=DNS_01">
        <p class="cm-hint"><fmt:message key="settings.dns.hint"/></p>
        <div class="cm-field">
            <label for="dnsHost"><fmt:message key="settings.dnsHost"/></label>
            <div class="cm-input"><input type="text" name="dnsHost" id="dnsHost" value="${fn:escapeXml(values.dnsHost)}" placeholder="ns1.example.org"></div>
        </div>
        <div class="cm-field">
            <label for="dnsPort"><fmt:message key="settings.dnsPort"/></label>
            <div class="cm-input"><input type="text" inputmode="numeric" name="dnsPort" id="dnsPort" value="${fn:escapeXml(values.dnsPort)}" class="cm-short">
                <c:set var="field" value="dnsPort"/><%@ include file="WEB-INF/includes/field-error.jspf" %></div>
        </div>
        <div class="cm-field">
            <label for="dnsZone"><fmt:message key="settings.dnsZone"/></label>
            <div class="cm-input"><input type="text" name="dnsZone" id="dnsZone" value="${fn:escapeXml(values.dnsZone)}">
                <span class="cm-hint"><fmt:message key="settings.dnsZone.hint"/></span></div>
        </div>
        <div class="cm-field">
            <label for="dnsKeyName"><fmt:message key="settings.dnsKeyName"/></label>
            <div class="cm-input"><input type="text" name="dnsKeyName" id="dnsKeyName" value="${fn:escapeXml(values.dnsKeyName)}">
                <c:set var="field" value="dnsKeyName"/><%@ include file="WEB-INF/includes/field-error.jspf" %></div>
        </div>
        <div class="cm-field">
            <label for="dnsAlgorithm"><fmt:message key="settings.dnsAlgorithm"/></label>
            <div class="cm-input">
                <select name="dnsAlgorithm" id="dnsAlgorithm">
                    <c:forEach var="algorithm" items="${view.tsigAlgorithms}">
                        <option value="${algorithm}" ${values.dnsAlgorithm == algorithm ? 'selected' : ''}><c:out value="${algorithm}"/></option>
                    </c:forEach>
                </select>
                <c:set var="field" value="dnsAlgorithm"/><%@ include file="WEB-INF/includes/field-error.jspf" %>
            </div>
        </div>
        <div class="cm-field">
            <label for="tsigSecret"><fmt:message key="settings.tsigSecret"/></label>
            <div class="cm-input">
                <input type="password" name="tsigSecret" id="tsigSecret" value="" autocomplete="new-password"
                       placeholder="${view.tsigSecretSaved ? '&#8226;&#8226;&#8226;&#8226;&#8226;&#8226;&#8226;&#8226;' : ''}">
                <span class="cm-hint" id="tsigSecret-state">
                    <c:choose>
                        <c:when test="${view.tsigSecretSaved}"><fmt:message key="settings.secret.saved"/></c:when>
                        <c:otherwise><fmt:message key="settings.secret.none"/></c:otherwise>
                    </c:choose>
                </span>
                <c:set var="field" value="tsigSecret"/><%@ include file="WEB-INF/includes/field-error.jspf" %>
            </div>
        </div>
    </div>
</div>
</div>

<div class="jive-contentBoxHeader"><fmt:message key="settings.names.title"/></div>
<div class="jive-contentBox">
    <div class="cm-field">
        <label for="includeNames"><fmt:message key="settings.includeNames"/></label>
        <div class="cm-input">
            <textarea name="includeNames" id="includeNames" rows="3"><c:out value="${values.includeNames}"/></textarea>
            <span class="cm-hint"><fmt:message key="settings.names.hint"/></span>
            <c:set var="field" value="includeNames"/><%@ include file="WEB-INF/includes/field-error.jspf" %>
        </div>
    </div>
    <div class="cm-field">
        <label for="excludeNames"><fmt:message key="settings.excludeNames"/></label>
        <div class="cm-input">
            <textarea name="excludeNames" id="excludeNames" rows="3"><c:out value="${values.excludeNames}"/></textarea>
            <c:set var="field" value="excludeNames"/><%@ include file="WEB-INF/includes/field-error.jspf" %>
        </div>
    </div>
    <div class="cm-field cm-check">
        <div class="cm-input">
            <label><input type="checkbox" name="wildcard" value="true" ${values.wildcard == 'true' ? 'checked' : ''}>
                <fmt:message key="settings.wildcard"/></label>
            <span class="cm-hint"><fmt:message key="settings.wildcard.hint"/></span>
        </div>
    </div>
    <div class="cm-field cm-check">
        <div class="cm-input">
            <label><input type="checkbox" name="xmppIdentities" value="true" ${values.xmppIdentities == 'true' ? 'checked' : ''}>
                <fmt:message key="settings.xmppIdentities"/></label>
            <span class="cm-hint"><fmt:message key="settings.xmppIdentities.hint"/></span>
        </div>
    </div>
</div>

<div class="jive-contentBoxHeader"><fmt:message key="settings.renewal.title"/></div>
<div class="jive-contentBox">
    <div class="cm-field cm-check">
        <div class="cm-input">
            <label><input type="checkbox" name="automatic" value="true" ${values.automatic == 'true' ? 'checked' : ''}>
                <fmt:message key="settings.automatic"/></label>
        </div>
    </div>
    <div class="cm-field">
        <label for="checkIntervalHours"><fmt:message key="settings.checkIntervalHours"/></label>
        <div class="cm-input">
            <input type="text" inputmode="numeric" name="checkIntervalHours" id="checkIntervalHours" value="${fn:escapeXml(values.checkIntervalHours)}" class="cm-short">
            <c:set var="field" value="checkIntervalHours"/><%@ include file="WEB-INF/includes/field-error.jspf" %>
        </div>
    </div>
    <div class="cm-field">
        <label for="warningDays"><fmt:message key="settings.warningDays"/></label>
        <div class="cm-input">
            <input type="text" name="warningDays" id="warningDays" value="${fn:escapeXml(values.warningDays)}">
            <span class="cm-hint"><fmt:message key="settings.warningDays.hint"/></span>
            <c:set var="field" value="warningDays"/><%@ include file="WEB-INF/includes/field-error.jspf" %>
        </div>
    </div>
    <div class="cm-field cm-check">
        <div class="cm-input">
            <label><input type="checkbox" name="notifyByXmpp" value="true" ${values.notifyByXmpp == 'true' ? 'checked' : ''}>
                <fmt:message key="settings.notifyByXmpp"/></label>
            <label><input type="checkbox" name="notifyByEmail" value="true" ${values.notifyByEmail == 'true' ? 'checked' : ''}>
                <fmt:message key="settings.notifyByEmail"/></label>
        </div>
    </div>
    <div class="cm-field">
        <label for="maintenanceTime"><fmt:message key="settings.maintenanceTime"/></label>
        <div class="cm-input">
            <input type="text" name="maintenanceTime" id="maintenanceTime" value="${fn:escapeXml(values.maintenanceTime)}" class="cm-short" placeholder="03:30">
            <span class="cm-hint"><fmt:message key="settings.maintenanceTime.hint"/></span>
            <c:set var="field" value="maintenanceTime"/><%@ include file="WEB-INF/includes/field-error.jspf" %>
        </div>
    </div>
</div>

<p class="cm-buttons"><button type="submit" class="cm-button cm-primary" id="cm-save"><fmt:message key="settings.save"/></button></p>
</form>
</div>
</body>
</html>
