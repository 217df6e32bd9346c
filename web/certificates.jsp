<%@ page contentType="text/html; charset=UTF-8" %>
<%@ taglib uri="http://java.sun.com/jsp/jstl/core" prefix="c" %>
<%@ taglib uri="http://java.sun.com/jsp/jstl/fmt" prefix="fmt" %>
<html>
<head>
    <title><fmt:message key="certificates.title"/></title>
    <meta name="pageID" content="certificatemanager-status"/>
</head>
<body>
<p><fmt:message key="certificates.intro"/></p>
</body>
</html>
