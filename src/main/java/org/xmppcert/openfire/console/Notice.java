package org.xmppcert.openfire.console;

import java.util.ArrayList;
import java.util.List;

import javax.servlet.http.HttpSession;

/**
 * A message shown once at the top of the next page, which is how a page tells the admin how a
 * form went after redirecting to a plain GET (so that reloading the result does not send the form
 * again). Openfire's own flash messages (its CSRF refusal among them) are picked up too, from the
 * session attributes its FlashMessageTag reads.
 */
public final class Notice {

    /** The kinds, which are also the session attributes Openfire's FlashMessageTag reads. */
    public enum Kind { SUCCESS, WARNING, ERROR }

    private static final String ATTRIBUTE = "certificatemanager.notices";

    private final Kind kind;
    private final Message message;

    public Notice(Kind kind, Message message) {
        this.kind = kind;
        this.message = message;
    }

    /** Keeps a notice for the next page this session shows. */
    @SuppressWarnings("unchecked")
    public static void add(HttpSession session, Kind kind, Message message) {
        synchronized (session) {
            List<Notice> notices = (List<Notice>) session.getAttribute(ATTRIBUTE);
            List<Notice> updated = notices == null ? new ArrayList<>() : new ArrayList<>(notices);
            updated.add(new Notice(kind, message));
            session.setAttribute(ATTRIBUTE, updated);
        }
    }

    /** The notices waiting for this session, which are then gone. */
    @SuppressWarnings("unchecked")
    public static List<Notice> take(HttpSession session) {
        if (session == null) {
            return List.of();
        }
        synchronized (session) {
            List<Notice> taken = new ArrayList<>();
            for (Kind kind : Kind.values()) {
                String attribute = kind.name().toLowerCase();
                if (session.getAttribute(attribute) instanceof String text && !text.isBlank()) {
                    taken.add(new Notice(kind, Message.text(text)));
                }
                session.removeAttribute(attribute);
            }
            List<Notice> ours = (List<Notice>) session.getAttribute(ATTRIBUTE);
            if (ours != null) {
                taken.addAll(ours);
            }
            session.removeAttribute(ATTRIBUTE);
            return taken;
        }
    }

    /** The kind in lower case, as the page's CSS classes spell it: success, warning, error. */
    public String getKind() {
        return kind.name().toLowerCase();
    }

    public Message getMessage() {
        return message;
    }
}
