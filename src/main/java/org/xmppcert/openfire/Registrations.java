package org.xmppcert.openfire;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the plugin has added to the running server, each paired with the step that takes it
 * away again. Openfire keeps plugin-supplied listeners, handlers, commands and tasks in its own
 * long-lived registries; one that is not removed on unload keeps the plugin's class loader alive
 * and runs stale code after the next load. Recording the undo step at the moment of the addition
 * makes forgetting one impossible, and undoing in reverse order takes down dependants before the
 * things they depend on.
 */
final class Registrations {

    private static final Logger LOG = LoggerFactory.getLogger(Registrations.class);

    private record Registration(String description, Runnable removal) {
    }

    private final Deque<Registration> active = new ArrayDeque<>();

    /**
     * Performs an addition and remembers how to remove it. If the addition throws, nothing is
     * recorded, because there is nothing to undo.
     *
     * @param description what is added, for log messages such as "certificate store listener"
     * @return what the addition produced, for example a built system property
     */
    synchronized <T> T add(String description, Supplier<T> addition, Consumer<? super T> removal) {
        T added = addition.get();
        active.push(new Registration(description, () -> removal.accept(added)));
        return added;
    }

    /** {@link #add(String, Supplier, Consumer)} for additions that produce nothing. */
    synchronized void add(String description, Runnable addition, Runnable removal) {
        addition.run();
        active.push(new Registration(description, removal));
    }

    /**
     * Removes everything, most recent first. A removal that fails is logged and the rest still run:
     * leaving the other registrations behind would be worse than the one failure.
     */
    synchronized void removeAll() {
        while (!active.isEmpty()) {
            Registration registration = active.pop();
            try {
                registration.removal().run();
            } catch (RuntimeException e) {
                LOG.warn("Could not remove {} while unloading the plugin", registration.description(), e);
            }
        }
    }
}
