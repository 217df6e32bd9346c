package org.xmppcert.core.history;

import java.util.List;

/**
 * The record of every issuance, renewal, revocation, failure, settings change and admin action.
 * Append-only: history that can be edited explains nothing. The Openfire layer keeps it in the
 * server's database.
 */
public interface CertificateHistory {

    void append(CertificateEvent event);

    /** The most recent events, newest first, at most {@code limit} of them. */
    List<CertificateEvent> latest(int limit);
}
