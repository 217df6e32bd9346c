package org.jivesoftware.util;

import org.jivesoftware.openfire.keystore.CertificateStore;

/** Stand-in for Openfire's callback fired after a certificate store was reloaded. */
public interface CertificateEventListener {

    void storeContentChanged(CertificateStore store);
}
