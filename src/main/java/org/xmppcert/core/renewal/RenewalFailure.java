package org.xmppcert.core.renewal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A renewal failed, whether at the CA or while installing the new certificate. Both texts go to
 * the admins as they are, so they must be complete and contain no secret.
 */
public class RenewalFailure extends Exception {

    private final String reason;
    private final String advice;
    private final Instant retryAfter;

    /**
     * @param reason     what went wrong, for which names
     * @param advice     what the admin can do about it
     * @param retryAfter when the CA will accept another request, if it said so (ACME Retry-After), or {@code null}
     */
    public RenewalFailure(String reason, String advice, Instant retryAfter, Throwable cause) {
        super(reason, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.advice = Objects.requireNonNull(advice, "advice");
        this.retryAfter = retryAfter;
    }

    public String reason() {
        return reason;
    }

    public String advice() {
        return advice;
    }

    public Optional<Instant> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
