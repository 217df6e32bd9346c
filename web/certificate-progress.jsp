<%@ page contentType="application/json; charset=UTF-8" trimDirectiveWhitespaces="true" %><%@ page import="org.xmppcert.openfire.console.ConsoleContext, org.xmppcert.openfire.console.ProgressView" %><%--
  Read-only: the request page's script polls this while a request runs. Openfire's plugin servlet puts a new
  CSRF token in the session on every hit here too, so the answer carries it for the page's forms.
--%><%
    response.setHeader("Cache-Control", "no-store");
    String json = ConsoleContext.service(application).progress(String.valueOf(request.getParameter("ticket")))
            .map(ProgressView::new)
            .map(progress -> progress.toJson((String) request.getAttribute("csrf")))
            .orElse(null);
    if (json == null) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        json = "{}";
    }
    out.print(json);
%>
