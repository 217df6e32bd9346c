package org.xmppcert.openfire.notify;

import java.util.Objects;

/**
 * One message to the admins.
 *
 * @param topic   what makes two messages "the same news": the same failure of the same certificate is
 *                one topic even when the attempt number and next attempt time in the text differ
 * @param subject one line, the email's subject
 * @param body    what happened, why, and what to do
 */
public record AdminMessage(String topic, String subject, String body) {

    public AdminMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }
}
