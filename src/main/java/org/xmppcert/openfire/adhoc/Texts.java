package org.xmppcert.openfire.adhoc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.util.LocaleUtils;
import org.xmpp.packet.JID;
import org.xmppcert.openfire.CertificateManagerPlugin;

/**
 * The plugin's texts in one requester's language. Openfire knows the language a client declared
 * for its session ({@code xml:lang}); a requester without a session, or whose language has no
 * bundle, reads the server's language. Every {@code adhoc.*} text is a {@link java.text.MessageFormat}
 * pattern, arguments or not, so an apostrophe is always written twice in the bundles.
 */
final class Texts {

    private final Locale locale;

    private Texts(Locale locale) {
        this.locale = locale;
    }

    static Texts forRequester(JID requester) {
        return new Texts(XMPPServer.getInstance().getSessionManager().getLocaleForSession(requester));
    }

    /** For what is shown to everyone alike, such as the command names in service discovery. */
    static Texts serverLanguage() {
        return new Texts(null);
    }

    String get(String key, Object... arguments) {
        // Openfire may replace arguments in the list (parsing numbers and dates), so it gets a mutable one.
        return LocaleUtils.getLocalizedString(key, CertificateManagerPlugin.CANONICAL_NAME,
                new ArrayList<>(Arrays.asList(arguments)), locale, true);
    }
}
