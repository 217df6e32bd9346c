package org.xmppcert.core.names;

/**
 * Thrown when a text cannot be turned into a DNS name a certificate can carry. It names the reason
 * so the caller can report it the same way as any other {@link RejectedName}.
 */
public final class InvalidNameException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final RejectedName.Reason reason;

    public InvalidNameException(String name, RejectedName.Reason reason) {
        super(name + " " + reason.message());
        this.reason = reason;
    }

    public RejectedName.Reason reason() {
        return reason;
    }
}
