package dev.whale.pki.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The golden files under {@code src/test/resources/golden/}, read from the test class path; a missing one fails.
 * Shared with cli's tests through pki's test jar. After checking that a change is intended, rewrite the files a test
 * compares with {@code -Dwhale.golden.update=true} and review the diff before committing it.
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
        assertEquals(text(name), actual, "golden file " + name);
    }

    /** The bytes of {@code golden/NAME}. */
    public static byte[] bytes(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                return fail("missing test resource golden/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of {@code golden/NAME}, as UTF-8. */
    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }
}
