package org.xmppcert.openfire.service;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * Something the plugin tells an admin, as facts rather than words: the key of the plugin's bundle
 * that says it and the arguments that fill its placeholders. The service hands these out because
 * it does not know who reads them; the console words them in the admin's language, the ad-hoc
 * commands in the requester's.
 *
 * <p>A text with arguments is a {@link java.text.MessageFormat} pattern (an apostrophe is written
 * twice); one without is shown as it is, as JSTL's {@code fmt:message} does.
 *
 * @param key       the bundle key
 * @param arguments strings, numbers and instants, in the order the key's text numbers them
 */
public record Sentence(String key, List<Object> arguments) {

    public Sentence {
        Objects.requireNonNull(key, "key");
        arguments = List.copyOf(arguments);
    }

    public static Sentence of(String key, Object... arguments) {
        return new Sentence(key, List.of(arguments));
    }

    /** The arguments as {@link java.text.MessageFormat} takes them: instants as dates, formatted in the reader's locale. */
    public List<Object> formatArguments() {
        return arguments.stream()
                .map(argument -> argument instanceof Instant instant ? (Object) Date.from(instant) : argument)
                .toList();
    }
}
