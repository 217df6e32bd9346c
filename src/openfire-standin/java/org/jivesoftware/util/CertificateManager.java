package org.jivesoftware.util;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jivesoftware.openfire.keystore.CertificateStore;

/**
 * Stand-in for Openfire's certificate utility class: only the listener registry, which works, so
 * tests can fire the event Openfire fires when a store is reloaded.
 */
public class CertificateManager {

    private static final List<CertificateEventListener> LISTENERS = new CopyOnWriteArrayList<>();

    public static void addListener(CertificateEventListener listener) {
        if (listener == null) {
            throw new NullPointerException();
        }
        LISTENERS.add(listener);
    }

    public static void removeListener(CertificateEventListener listener) {
        LISTENERS.remove(listener);
    }

    public static void fireCertificateStoreChanged(CertificateStore store) {
        for (CertificateEventListener listener : LISTENERS) {
            try {
                listener.storeContentChanged(store);
            } catch (Exception e) {
                // Openfire logs and carries on, so one failing listener cannot starve the others.
            }
        }
    }
}
