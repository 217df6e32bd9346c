package org.xmppcert.testing;

import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import org.jivesoftware.util.LocaleUtils;
import org.mockito.ArgumentMatchers;
import org.mockito.MockedStatic;
import org.mockito.Mockito;

/**
 * The plugin's i18n bundles as Openfire reads them: {@code i18n/} on the plugin's class path, the
 * requester's locale or, when it has no bundle, the server's (English here), and the text formatted
 * with {@link MessageFormat} whenever arguments are given. A missing key throws, so a test that
 * shows a text also proves the key exists.
 */
public final class PluginTexts {

    public static final String BUNDLE = "certificatemanager_i18n";
    public static final Locale SERVER_LOCALE = Locale.ENGLISH;

    private static final ClassLoader I18N_DIRECTORY = i18nDirectory();

    private PluginTexts() {
    }

    private static ClassLoader i18nDirectory() {
        try {
            return new URLClassLoader(new URL[]{Path.of("i18n").toUri().toURL()}, null);
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale == null ? SERVER_LOCALE : locale, I18N_DIRECTORY,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static String text(String key, List<?> arguments, Locale locale) {
        ResourceBundle bundle = bundle(locale);
        String pattern = bundle.getString(key);
        return arguments == null ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(arguments.toArray());
    }

    /** Answers {@code LocaleUtils.getLocalizedString(key, plugin, arguments, locale, fallback)} from the bundles, on this thread. */
    public static MockedStatic<LocaleUtils> answerLocaleUtils() {
        MockedStatic<LocaleUtils> localeUtils = Mockito.mockStatic(LocaleUtils.class);
        localeUtils.when(() -> LocaleUtils.getLocalizedString(ArgumentMatchers.anyString(),
                        ArgumentMatchers.eq("certificatemanager"), ArgumentMatchers.any(), ArgumentMatchers.any(),
                        ArgumentMatchers.anyBoolean()))
                .thenAnswer(call -> text(call.getArgument(0), call.getArgument(2), call.getArgument(3)));
        return localeUtils;
    }
}
