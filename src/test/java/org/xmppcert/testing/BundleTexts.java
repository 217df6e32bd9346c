package org.xmppcert.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import org.xmppcert.openfire.notify.Texts;

/**
 * The plugin's own English bundle, formatted the way Openfire's LocaleUtils formats a plugin text
 * with arguments (MessageFormat), so tests read the very texts admins get. A missing key fails the
 * test instead of showing the key.
 */
public final class BundleTexts implements Texts {

    private static final Path BUNDLE = Path.of("i18n", "certificatemanager_i18n.properties");

    private final Properties texts = new Properties();

    public BundleTexts() {
        try (Reader reader = Files.newBufferedReader(BUNDLE, StandardCharsets.ISO_8859_1)) {
            texts.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String get(String key, Object... arguments) {
        String pattern = texts.getProperty(key);
        if (pattern == null) {
            throw new AssertionError("The bundle has no text " + key);
        }
        return new MessageFormat(pattern, Locale.ENGLISH).format(arguments);
    }
}
