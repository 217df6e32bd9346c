<%@ page contentType="application/json; charset=UTF-8" trimDirectiveWhitespaces="true" %><%@ taglib uri="http://java.sun.com/jsp/jstl/core" prefix="c" %><%@ taglib uri="http://java.sun.com/jsp/jstl/fmt" prefix="fmt" %><%@ page import="org.xmppcert.openfire.console.ConsoleContext, org.xmppcert.openfire.console.ProgressView" %><%--
  Read-only: the request page's script polls this while a request runs. Openfire's plugin servlet puts a new
  CSRF token in the session on every hit here too, so the answer carries it for the page's forms. How the
  request ended is worded here, from the bundle in the admin's language, as the request page words it.
--%><%
    response.setHeader("Cache-Control", "no-store");
    ProgressView progress = ConsoleContext.service(application).progress(String.valueOf(request.getParameter("ticket")))
            .map(ProgressView::new)
            .orElse(null);
    if (progress == null) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        out.print("{}");
        return;
    }
    pageContext.setAttribute("progress", progress);
%><c:set var="wordedMessages" value="${progress.outcome}"/><%@ include file="WEB-INF/includes/words-text.jspf" %><%
    out.print(progress.toJson((String) request.getAttribute("csrf"), (String) pageContext.getAttribute("wordedText")));
%>
