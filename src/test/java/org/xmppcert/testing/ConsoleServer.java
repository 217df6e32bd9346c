package org.xmppcert.testing;

import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.ResourceBundle;

import javax.servlet.DispatcherType;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.apache.tomcat.InstanceManager;
import org.apache.tomcat.SimpleInstanceManager;
import org.eclipse.jetty.ee8.apache.jsp.JettyJasperInitializer;
import org.eclipse.jetty.ee8.servlet.DefaultServlet;
import org.eclipse.jetty.ee8.servlet.FilterHolder;
import org.eclipse.jetty.ee8.servlet.ServletContainerInitializerHolder;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xmppcert.openfire.CertificateManagerPlugin;
import org.xmppcert.openfire.console.ConsoleContext;
import org.xmppcert.openfire.service.CertificateService;

/**
 * The plugin's admin pages as Openfire serves them, without Openfire: a Jetty 12 ee8 context at
 * {@code /plugins/certificatemanager/} on a free loopback port, with the precompiled page servlets
 * mapped as the build's {@code target/web.xml} maps them, the other files of {@code web/} served
 * as they are, the admin console's contract ({@link AdminConsoleContract}) in front, and the given
 * service where the pages look for it. There is no decorator, so pages show their own markup.
 */
public final class ConsoleServer implements AutoCloseable {

    public static final String ADMIN = "admin";

    private static final Path WEB_XML = Path.of("target", "web.xml");
    private static final Path WEB = Path.of("web");
    private static final Path I18N = Path.of("i18n");

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
    private volatile Locale locale = Locale.ENGLISH;

    public ConsoleServer(CertificateService service) throws Exception {
        if (!Files.isRegularFile(WEB_XML)) {
            throw new IllegalStateException(WEB_XML + " is written by the build's jspc step (mvn process-classes)");
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        context.setContextPath("/plugins/" + CertificateManagerPlugin.CANONICAL_NAME);
        context.setBaseResourceAsPath(WEB.toAbsolutePath());
        context.setAttribute(ConsoleContext.SERVICE_ATTRIBUTE, service);
        context.setAttribute(InstanceManager.class.getName(), new SimpleInstanceManager());
        context.addServletContainerInitializer(new ServletContainerInitializerHolder(new JettyJasperInitializer()));

        ClassLoader bundles = new URLClassLoader(new URL[]{I18N.toUri().toURL()}, null);
        AdminConsoleContract contract = new AdminConsoleContract(ADMIN,
                () -> ResourceBundle.getBundle(CertificateManagerPlugin.CANONICAL_NAME + "_i18n", locale, bundles,
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)),
                () -> locale);
        context.addFilter(new FilterHolder(contract), "/*", EnumSet.of(DispatcherType.REQUEST));
        mapCompiledPages(context);
        context.addServlet(new ServletHolder("static", DefaultServlet.class), "/");

        server.setHandler(context);
        server.start();
    }

    /** Puts another service behind the pages. */
    public void setService(CertificateService service) {
        context.setAttribute(ConsoleContext.SERVICE_ATTRIBUTE, service);
    }

    /** The server's locale, which Openfire sets for the whole admin console. */
    public void setLocale(Locale locale) {
        this.locale = locale;
    }

    /** The address of a page, such as {@code certificates.jsp}. */
    public String url(String page) {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/plugins/" + CertificateManagerPlugin.CANONICAL_NAME
                + "/" + page;
    }

    public URI uri(String page) {
        return URI.create(url(page));
    }

    private static void mapCompiledPages(ServletContextHandler context) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document webXml = factory.newDocumentBuilder().parse(WEB_XML.toFile());
        XPath xpath = XPathFactory.newInstance().newXPath();
        NodeList servlets = (NodeList) xpath.evaluate("//*[local-name()='servlet']", webXml, XPathConstants.NODESET);
        for (int i = 0; i < servlets.getLength(); i++) {
            Node servlet = servlets.item(i);
            String name = xpath.evaluate("*[local-name()='servlet-name']", servlet);
            String className = xpath.evaluate("*[local-name()='servlet-class']", servlet);
            ServletHolder holder = new ServletHolder(name,
                    Class.forName(className).asSubclass(javax.servlet.Servlet.class));
            NodeList patterns = (NodeList) xpath.evaluate("//*[local-name()='servlet-mapping'][*[local-name()="
                    + "'servlet-name']='" + name + "']/*[local-name()='url-pattern']", webXml, XPathConstants.NODESET);
            for (int j = 0; j < patterns.getLength(); j++) {
                context.addServlet(holder, patterns.item(j).getTextContent().strip());
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

}
