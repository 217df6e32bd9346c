package org.jivesoftware.openfire.keystore;

/** Stand-in for Openfire's checked exception for unusable certificate stores. */
public class CertificateStoreConfigException extends Exception {

    public CertificateStoreConfigException() {
    }

    public CertificateStoreConfigException(String message) {
        super(message);
    }

    public CertificateStoreConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    public CertificateStoreConfigException(Throwable cause) {
        super(cause);
    }

    public CertificateStoreConfigException(String message, Throwable cause, boolean enableSuppression,
                                           boolean writableStackTrace) {
        super(message, cause, enableSuppression, writableStackTrace);
    }
}
