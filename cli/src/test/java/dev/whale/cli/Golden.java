package dev.whale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: outputs pinned byte for byte under {@code src/test/resources/golden/}, so that no change to what a
 * command prints goes unnoticed. After checking that a change is intended, regenerate the files it touches with
 * {@code ./whale mvn -pl cli -am test -Dtest='…' -Dsurefire.failIfNoSpecifiedTests=false -Dwhale.golden.update=true}
 * and review the diff before committing it.
 */
public final class Golden {
    /** The system property that rewrites the golden files from the current output instead of comparing with them. */
    public static final String UPDATE = "whale.golden.update";

    private Golden() {}

    /** Fails unless {@code actual} is exactly the golden file {@code name}; rewrites the file when asked to. */
    public static void assertMatches(String name, String actual) throws IOException {
        if (Boolean.getBoolean(UPDATE)) {
            Path file = Path.of("src/test/resources/golden", name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
            return;
        }
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new AssertionError("no golden file " + name + "; create it with -D" + UPDATE + "=true");
            }
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, "golden file " + name);
        }
    }
}
