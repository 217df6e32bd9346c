package org.xmppcert.openfire.adhoc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.util.LocaleUtils;
import org.xmpp.packet.JID;
import org.xmppcert.openfire.CertificateManagerPlugin;
import org.xmppcert.openfire.service.Sentence;

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
        return text(key, Arrays.asList(arguments));
    }

    /**
     * What the service said. Its texts are the console's too, and follow its rule: a text without
     * arguments is not a {@link java.text.MessageFormat} pattern, so it is not formatted.
     */
    String words(Sentence sentence) {
        return sentence.arguments().isEmpty()
                ? LocaleUtils.getLocalizedString(sentence.key(), CertificateManagerPlugin.CANONICAL_NAME, null, locale, true)
                : text(sentence.key(), sentence.formatArguments());
    }

    /** The sentences one after the other, as one paragraph. */
    String words(List<Sentence> sentences) {
        return sentences.stream().map(this::words).collect(Collectors.joining(" "));
    }

    private String text(String key, List<Object> arguments) {
        // Openfire may replace arguments in the list (parsing numbers and dates), so it gets a mutable one.
        return LocaleUtils.getLocalizedString(key, CertificateManagerPlugin.CANONICAL_NAME, new ArrayList<>(arguments),
                locale, true);
    }
}
