package org.xmppcert.openfire.console;

import javax.servlet.ServletContext;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.auth.AuthToken;
import org.xmppcert.openfire.CertificateManagerPlugin;
import org.xmppcert.openfire.service.CertificateService;

/**
 * How a page reaches the plugin and learns who is asking. The pages are compiled into the plugin
 * but run inside Openfire's admin console, which hands them no plugin object: in Openfire the
 * service is found through the plugin manager. Any other host of the pages (the tests' embedded
 * Jetty) puts a service into the servlet context under {@link #SERVICE_ATTRIBUTE} instead.
 */
public final class ConsoleContext {

    /** The servlet-context attribute a host other than Openfire sets to the service the pages use. */
    public static final String SERVICE_ATTRIBUTE = CertificateService.class.getName();

    /** Where Openfire's AuthCheckFilter keeps the signed-in admin. */
    public static final String ADMIN_TOKEN_ATTRIBUTE = "jive.admin.authToken";

    private ConsoleContext() {
    }

    public static CertificateService service(ServletContext context) {
        if (context.getAttribute(SERVICE_ATTRIBUTE) instanceof CertificateService given) {
            return given;
        }
        return XMPPServer.getInstance().getPluginManager()
                .getPluginByCanonicalName(CertificateManagerPlugin.CANONICAL_NAME)
                .map(CertificateManagerPlugin.class::cast)
                .orElseThrow(() -> new IllegalStateException("The Certificate Manager plugin is not loaded"))
                .service();
    }

    /**
     * The signed-in admin's username, which the history and the audit log record as the actor.
     *
     * @throws IllegalStateException when no admin is signed in, which Openfire's login filter prevents
     */
    public static String actor(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(ADMIN_TOKEN_ATTRIBUTE) instanceof AuthToken token
                && token.getUsername() != null) {
            return token.getUsername();
        }
        throw new IllegalStateException("No admin is signed in");
    }
}
