package org.jivesoftware.openfire.keystore;

import org.jivesoftware.util.SystemProperty;

/**
 * Stand-in for Openfire's watcher of certificate store files: only the property that switches it on
 * (read once, when the store manager starts). The watching itself is not imitated.
 */
public class CertificateStoreWatcher {

    public static final SystemProperty<Boolean> ENABLED = SystemProperty.Builder.ofType(Boolean.class)
            .setKey("cert.storewatcher.enabled")
            .setDefaultValue(true)
            .setDynamic(false)
            .build();
}
