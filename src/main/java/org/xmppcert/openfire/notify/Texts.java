package org.xmppcert.openfire.notify;

import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.util.LocaleUtils;
import org.xmppcert.openfire.CertificateManagerPlugin;

/**
 * The plugin's texts for admins, from its i18n bundle ({@code i18n/certificatemanager_i18n.properties})
 * in the server's locale. Every text is a {@link java.text.MessageFormat} pattern, so a literal
 * apostrophe is written twice.
 */
@FunctionalInterface
public interface Texts {

    String get(String key, Object... arguments);

    /** Openfire's look-up in the plugin's bundle. */
    static Texts openfire() {
        // Openfire may rewrite the list while formatting, so it gets a copy it can change.
        return (key, arguments) -> LocaleUtils.getLocalizedString(key, CertificateManagerPlugin.CANONICAL_NAME,
                new ArrayList<>(List.of(arguments)), null, true);
    }
}
