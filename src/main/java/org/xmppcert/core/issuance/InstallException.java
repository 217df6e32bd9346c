package org.xmppcert.core.issuance;

/**
 * Installing a certificate failed and the one in service before is still in service. The message
 * goes to the admins as it is, so it says what failed and contains no secret.
 */
public class InstallException extends Exception {

    public InstallException(String message) {
        super(message);
    }

    public InstallException(String message, Throwable cause) {
        super(message, cause);
    }
}
