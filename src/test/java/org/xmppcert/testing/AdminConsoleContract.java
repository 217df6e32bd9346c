package org.xmppcert.testing;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Supplier;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;
import javax.servlet.jsp.jstl.core.Config;
import javax.servlet.jsp.jstl.fmt.LocalizationContext;

import org.jivesoftware.openfire.auth.AuthToken;
import org.xmppcert.openfire.console.ConsoleContext;

/**
 * What Openfire's admin console does around a plugin page, for pages served by a plain Jetty in
 * tests, written from the behaviour of Openfire's classes (not their code):
 * <ul>
 * <li>AuthCheckFilter: the admin is signed in, so the session carries their AuthToken;</li>
 * <li>LocaleFilter: JSTL's localization context is the plugin's bundle in the server's locale;</li>
 * <li>PluginServlet with {@code csrfProtectionEnabled}: a request other than GET whose {@code csrf}
 *     parameter differs from the session's {@code csrf} attribute is refused, with an error message
 *     left in the session attribute {@code error} and a redirect (a GET) to the same address; every
 *     page (a {@code .jsp}) hit gets a new token in the session and in the request attribute
 *     {@code csrf}. Static files do not.</li>
 * </ul>
 */
public final class AdminConsoleContract implements Filter {

    /** Openfire's English text of {@code global.csrf.failed}. */
    public static final String CSRF_FAILED = "CSRF Failure!";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String admin;
    private final Supplier<ResourceBundle> bundle;
    private final Supplier<Locale> locale;

    public AdminConsoleContract(String admin, Supplier<ResourceBundle> bundle, Supplier<Locale> locale) {
        this.admin = admin;
        this.bundle = bundle;
        this.locale = locale;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        HttpSession session = request.getSession();
        if (session.getAttribute(ConsoleContext.ADMIN_TOKEN_ATTRIBUTE) == null) {
            session.setAttribute(ConsoleContext.ADMIN_TOKEN_ATTRIBUTE, AuthToken.generateUserToken(admin));
        }
        Config.set(request, Config.FMT_LOCALE, locale.get());
        Config.set(request, Config.FMT_LOCALIZATION_CONTEXT, new LocalizationContext(bundle.get(), locale.get()));

        if (!"GET".equals(request.getMethod())) {
            Object expected = session.getAttribute("csrf");
            if (expected == null || !expected.equals(request.getParameter("csrf"))) {
                session.setAttribute("error", CSRF_FAILED);
                response.sendRedirect(request.getRequestURI());
                return;
            }
        }
        if (request.getRequestURI().endsWith(".jsp")) {
            String token = HexFormat.of().formatHex(RANDOM.generateSeed(16));
            session.setAttribute("csrf", token);
            request.setAttribute("csrf", token);
        }
        chain.doFilter(request, response);
    }
}
