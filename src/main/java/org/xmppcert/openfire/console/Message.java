package org.xmppcert.openfire.console;

import java.util.Objects;

/**
 * Something a page tells the admin: either a key of the plugin's bundle (with at most one
 * argument), translated where it is shown, or a text that arrives already written, such as a CA's
 * reason or the service's validation message, shown as it is.
 */
public final class Message {

    private final String key;
    private final String text;
    private final Object argument;

    private Message(String key, String text, Object argument) {
        this.key = key;
        this.text = text;
        this.argument = argument;
    }

    public static Message key(String key) {
        return new Message(Objects.requireNonNull(key), null, null);
    }

    public static Message key(String key, Object argument) {
        return new Message(Objects.requireNonNull(key), null, argument);
    }

    public static Message text(String text) {
        return new Message(null, Objects.requireNonNull(text), null);
    }

    /** The bundle key, or null for a ready text. */
    public String getKey() {
        return key;
    }

    /** The ready text, or null for a bundle key. */
    public String getText() {
        return text;
    }

    public Object getArgument() {
        return argument;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Message that && Objects.equals(key, that.key) && Objects.equals(text, that.text)
                && Objects.equals(argument, that.argument);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, text, argument);
    }

    @Override
    public String toString() {
        return key != null ? key + (argument == null ? "" : "(" + argument + ")") : text;
    }
}
