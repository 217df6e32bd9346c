package org.xmppcert.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RegistrationsTest {

    private final List<String> server = new ArrayList<>();
    private final Registrations registrations = new Registrations();

    @Test
    void removesEverythingInReverseOrderOfAddition() {
        addToServer("property");
        addToServer("listener");
        addToServer("handler");

        registrations.removeAll();

        assertEquals(List.of("+property", "+listener", "+handler", "-handler", "-listener", "-property"), server);
    }

    @Test
    void handsTheAddedObjectToItsRemoval() {
        Object added = registrations.add("thing", Object::new, thing -> server.add("removed " + thing));

        registrations.removeAll();

        assertEquals(List.of("removed " + added), server);
    }

    @Test
    void aFailingRemovalDoesNotStopTheOthers() {
        addToServer("first");
        registrations.add("broken", () -> server.add("+broken"), () -> {
            throw new IllegalStateException("cannot remove");
        });
        addToServer("last");

        registrations.removeAll();

        assertEquals(List.of("+first", "+broken", "+last", "-last", "-first"), server);
    }

    @Test
    void aFailedAdditionIsNotUndone() {
        addToServer("first");
        assertThrows(IllegalArgumentException.class, () -> registrations.add("clash",
                () -> {
                    throw new IllegalArgumentException("already exists");
                },
                () -> server.add("-clash")));

        registrations.removeAll();

        assertEquals(List.of("+first", "-first"), server);
    }

    @Test
    void removesEachRegistrationOnlyOnce() {
        addToServer("listener");

        registrations.removeAll();
        registrations.removeAll();

        assertEquals(List.of("+listener", "-listener"), server);
    }

    private void addToServer(String name) {
        registrations.add(name, () -> server.add("+" + name), () -> server.add("-" + name));
    }
}
