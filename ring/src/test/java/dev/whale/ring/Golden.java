package dev.whale.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Golden files: outputs pinned byte for byte under {@code src/test/resources/golden/}, gzipped when large. After
 * checking that a change is intended, regenerate the files that whale's own output made with
 * {@code ./whale mvn -pl ring test -Dtest='…' -Dwhale.golden.update=true} and review the diff before committing it;
 * files that hold a peer's output (the post's demo) are only {@linkplain #read read}.
 */
final class Golden {
    /** The system property that rewrites the golden files from the current output instead of comparing with them. */
    static final String UPDATE = "whale.golden.update";

    private Golden() {}

    /** The golden file {@code name}, such as {@code demo/2x5.txt}, unzipped when its name ends in .gz. */
    static String read(String name) throws IOException {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new AssertionError("no golden file " + name + "; create it with -D" + UPDATE + "=true");
            }
            InputStream s = name.endsWith(".gz") ? new GZIPInputStream(in) : in;
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Fails unless {@code actual} is exactly the golden file {@code name}; rewrites the file when asked to. */
    static void assertMatches(String name, String actual) throws IOException {
        if (Boolean.getBoolean(UPDATE)) {
            Path file = Path.of("src/test/resources/golden", name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
            return;
        }
        assertEquals(read(name), actual, "golden file " + name);
    }
}
