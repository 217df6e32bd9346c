package org.xmppcert.openfire.console;

import java.util.List;
import java.util.Objects;

import org.xmppcert.openfire.service.Sentence;

/**
 * Something a page tells the admin: either a key of the plugin's bundle with the arguments its
 * text takes, translated where it is shown, or a text that arrives already written, such as one of
 * Openfire's own flash messages, shown as it is.
 */
public final class Message {

    private final String key;
    private final List<Object> arguments;
    private final String text;

    private Message(String key, List<Object> arguments, String text) {
        this.key = key;
        this.arguments = arguments;
        this.text = text;
    }

    public static Message key(String key) {
        return new Message(Objects.requireNonNull(key), List.of(), null);
    }

    /** @param argument may be null, such as a parameter missing from the request: then it is shown as nothing */
    public static Message key(String key, Object argument) {
        return new Message(Objects.requireNonNull(key), List.of(argument == null ? "" : argument), null);
    }

    /** What the service said, with its instants as dates for the page to format in the admin's locale. */
    public static Message of(Sentence sentence) {
        return new Message(sentence.key(), sentence.formatArguments(), null);
    }

    public static List<Message> of(List<Sentence> sentences) {
        return sentences.stream().map(Message::of).toList();
    }

    public static Message text(String text) {
        return new Message(null, List.of(), Objects.requireNonNull(text));
    }

    /** The bundle key, or null for a ready text. */
    public String getKey() {
        return key;
    }

    /** The arguments of the bundle text, in order; none for a ready text. */
    public List<Object> getArguments() {
        return arguments;
    }

    /** The ready text, or null for a bundle key. */
    public String getText() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Message that && Objects.equals(key, that.key) && Objects.equals(text, that.text)
                && Objects.equals(arguments, that.arguments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, text, arguments);
    }

    @Override
    public String toString() {
        return key != null ? key + (arguments.isEmpty() ? "" : arguments.toString()) : text;
    }
}
