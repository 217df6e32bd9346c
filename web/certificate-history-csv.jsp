<%@ page contentType="text/csv; charset=UTF-8" trimDirectiveWhitespaces="true" %><%@ page import="org.xmppcert.openfire.console.ConsoleContext, org.xmppcert.openfire.console.HistoryCsv" %><%
    response.setHeader("Content-Disposition", "attachment; filename=\"" + HistoryCsv.FILE_NAME + "\"");
    out.print(HistoryCsv.export(ConsoleContext.service(application)));
%>
