package org.xmppcert.openfire.service;

import java.net.URI;
import java.util.Optional;

/**
 * The certificate authorities an admin picks from. ACME presets carry their directory URL and
 * whether the CA only issues to pre-registered accounts (External Account Binding); {@link #CUSTOM}
 * takes any directory URL, {@link #CLASSIC} is a CA without ACME that mails a verification code.
 */
public enum CaPreset {
    LETS_ENCRYPT("https://acme-v02.api.letsencrypt.org/directory", false),
    LETS_ENCRYPT_STAGING("https://acme-staging-v02.api.letsencrypt.org/directory", false),
    ZEROSSL("https://acme.zerossl.com/v2/DV90", true),
    BUYPASS("https://api.buypass.com/acme/directory", false),
    GOOGLE_TRUST_SERVICES("https://dv.acme-v02.api.pki.goog/directory", true),
    SSL_COM("https://acme.ssl.com/sslcom-dv-ecc", true),
    CUSTOM(null, false),
    CLASSIC(null, false);

    private final URI directory;
    private final boolean requiresExternalAccountBinding;

    CaPreset(String directory, boolean requiresExternalAccountBinding) {
        this.directory = directory == null ? null : URI.create(directory);
        this.requiresExternalAccountBinding = requiresExternalAccountBinding;
    }

    /** The ACME directory of a preset CA; empty for {@link #CUSTOM} (the admin's URL) and {@link #CLASSIC}. */
    public Optional<URI> directory() {
        return Optional.ofNullable(directory);
    }

    public boolean requiresExternalAccountBinding() {
        return requiresExternalAccountBinding;
    }

    public boolean isAcme() {
        return this != CLASSIC;
    }
}
