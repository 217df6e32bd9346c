package org.xmppcert.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateHistory;

/** Keeps the history for the life of the object, so a test can read every event in the order it happened. */
public final class InMemoryCertificateHistory implements CertificateHistory {

    private final List<CertificateEvent> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void append(CertificateEvent event) {
        events.add(event);
    }

    @Override
    public List<CertificateEvent> latest(int limit) {
        List<CertificateEvent> newestFirst = new ArrayList<>(events());
        Collections.reverse(newestFirst);
        return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
    }

    /** Every event so far, oldest first. */
    public List<CertificateEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }
}
