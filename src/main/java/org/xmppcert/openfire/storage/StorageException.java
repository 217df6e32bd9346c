package org.xmppcert.openfire.storage;

/**
 * The database refused or failed a read or write. The message says which record was concerned and
 * what the database answered; it never carries the values written, which may be sealed secrets.
 */
public final class StorageException extends RuntimeException {

    StorageException(String action, Throwable cause) {
        super("Could not " + action + ": " + cause.getMessage(), cause);
    }
}
