package org.jivesoftware.util;

/** Stand-in for Openfire's mail sender (only the members the plugin uses, same signatures). */
public class EmailService {

    public static EmailService getInstance() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    /** Queues the message for sending with the server's SMTP settings; either body may be null. */
    public void sendMessage(String toName, String toEmail, String fromName, String fromEmail, String subject,
                            String textBody, String htmlBody) {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
