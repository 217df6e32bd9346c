package org.xmppcert.openfire.service;

import java.util.List;
import java.util.Optional;

import org.xmppcert.core.tlscheck.HandshakeReport;
import org.xmppcert.openfire.install.InstallOutcome;
import org.xmppcert.openfire.install.InstallOutcome.Status;

/**
 * How a request's install ended, as facts rather than sentences: the console and the ad-hoc
 * message each say its {@link #sentence()} in the reader's language.
 *
 * @param status              the installer's verdict
 * @param fingerprint         SHA-256 of the new certificate, once the listeners were checked
 * @param identityStores      how many identity stores the install touched
 * @param listenersPresenting how many listeners present the new certificate
 * @param keystoreWritten     whether the keystore files hold it now (else at the maintenance time)
 * @param reason              on failure, why, as the installer said it (technical, not translated, like a CA's words)
 */
public record InstallReport(Status status, Optional<String> fingerprint, int identityStores, int listenersPresenting,
                            boolean keystoreWritten, Optional<String> reason) {

    static InstallReport of(InstallOutcome outcome) {
        return new InstallReport(outcome.status(),
                Optional.ofNullable(outcome.check()).map(HandshakeReport::expectedFingerprint),
                outcome.storeFiles().size(),
                outcome.check() == null ? 0 : outcome.check().results().size() - outcome.check().failures().size(),
                outcome.fileWritten(), Optional.ofNullable(outcome.reason()));
    }

    public boolean installed() {
        return status == Status.INSTALLED;
    }

    /** What to tell the admin: {@code install.<status>}, for an install also whether the keystore files are written yet. */
    public Sentence sentence() {
        return installed()
                ? new Sentence("install." + status + (keystoreWritten ? ".written" : ".pending"),
                        List.of(fingerprint.orElse(""), identityStores, listenersPresenting))
                : new Sentence("install." + status, List.of(reason.orElse("")));
    }
}
