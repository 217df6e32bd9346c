package org.xmppcert.openfire.install;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.xmppcert.core.tlscheck.HandshakeReport;

/**
 * What an install did, for the status page and the admins' message.
 *
 * @param status            the verdict
 * @param message           one paragraph saying what happened and, on failure, why
 * @param reason            on failure, only the why (the technical part pages quote in their own words), else null
 * @param storeFiles        the identity store files that were changed (and, on rollback, restored)
 * @param backups           the copies {@code CertificateStoreManager.backup()} made first
 * @param check             the handshake check, or null when the install did not get that far
 * @param fileWritten       whether the store files hold the new certificate now (else: pending)
 * @param elapsed           install, check and (if any) rollback together
 */
public record InstallOutcome(Status status, String message, String reason, List<Path> storeFiles, List<Path> backups,
                             HandshakeReport check, boolean fileWritten, Duration elapsed) {

    public InstallOutcome {
        storeFiles = List.copyOf(storeFiles);
        backups = List.copyOf(backups);
    }

    public enum Status {
        /** Every listener presents the new certificate. */
        INSTALLED,
        /** Nothing was changed: the certificate or the backup was not acceptable. */
        REFUSED,
        /** The install or its check failed; the previous certificate is back in place. */
        ROLLED_BACK,
        /** The install failed and so did putting the previous certificate back: restore from {@link #backups}. */
        ROLLBACK_FAILED
    }

    public boolean succeeded() {
        return status == Status.INSTALLED;
    }
}
