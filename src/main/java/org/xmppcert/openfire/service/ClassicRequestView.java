package org.xmppcert.openfire.service;

import java.time.Instant;
import java.util.List;

/**
 * A pending request to a CA without ACME, as the admin needs it: the CSR to paste into the CA's
 * form and the mailboxes the CA may send its verification code to.
 */
public record ClassicRequestView(String id, List<String> names, String csrPem, List<String> verificationMailboxes,
                                 Instant createdAt) {

    public ClassicRequestView {
        names = List.copyOf(names);
        verificationMailboxes = List.copyOf(verificationMailboxes);
    }
}
