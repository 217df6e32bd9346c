package org.xmppcert.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The core (names, keys, CSRs, issuance, CA adapters, challenges, renewal) must stay usable and
 * testable without Openfire; only org.xmppcert.openfire may talk to the server.
 */
class CoreIsOpenfireFreeTest {

    private static final Path CORE_SOURCES = Path.of("src/main/java/org/xmppcert/core");

    @Test
    void noCoreSourceMentionsOpenfiresPackages() throws IOException {
        assertTrue(Files.isDirectory(CORE_SOURCES), "run from the project directory");
        try (Stream<Path> files = Files.walk(CORE_SOURCES)) {
            List<Path> sources = files.filter(file -> file.toString().endsWith(".java")).toList();
            assertTrue(sources.size() > 0);
            List<String> offenders = sources.stream()
                    .filter(CoreIsOpenfireFreeTest::mentionsOpenfire)
                    .map(Path::toString)
                    .toList();
            assertEquals(List.of(), offenders);
        }
    }

    private static boolean mentionsOpenfire(Path source) {
        try {
            return Files.readString(source).contains("org.jivesoftware");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
