package org.jivesoftware.util;

import java.util.List;
import java.util.Locale;

/** Stand-in for Openfire's i18n look-ups: only the members the plugin calls. */
public class LocaleUtils {

    /**
     * A text of a plugin's {@code <plugin>_i18n} bundle in {@code locale} (the server's locale when
     * null); with arguments, the text is a {@link java.text.MessageFormat} pattern.
     *
     * @param fallback use the server's locale when the plugin has no bundle for {@code locale}
     */
    public static String getLocalizedString(String key, String pluginName, List<?> arguments, Locale locale,
                                            boolean fallback) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
