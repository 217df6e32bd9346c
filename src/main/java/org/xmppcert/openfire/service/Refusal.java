package org.xmppcert.openfire.service;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The service will not do what was asked, and says why as {@link Sentence}s, which the console and
 * the ad-hoc commands word in their reader's language. Nothing was changed by the attempt. The
 * exception's message, for logs, names the sentences' keys and arguments.
 */
public final class Refusal extends RuntimeException {

    private final List<Sentence> reasons;

    public Refusal(Sentence reason) {
        this(List.of(reason), null);
    }

    public Refusal(List<Sentence> reasons, Throwable cause) {
        super(reasons.stream().map(reason -> reason.key() + reason.arguments()).collect(Collectors.joining(" ")),
                cause);
        this.reasons = List.copyOf(reasons);
    }

    /** Why, in the order the sentences are to be read. */
    public List<Sentence> reasons() {
        return reasons;
    }
}
