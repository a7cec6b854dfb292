package dev.whale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CLI parses, calls a library and prints: it works with whale's own types, so that no command reaches past the
 * libraries into BouncyCastle (which cli/pom.xml does not declare; it comes in through pki).
 */
class LayeringTest {
    @Test
    void cliSources_importNoBouncyCastle() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(LayeringTest::importsBouncyCastle)
                    .map(Path::toString).sorted().toList();
        }
        assertEquals(List.of(), offenders, "these CLI files import BouncyCastle; use the pki library's types");
    }

    private static boolean importsBouncyCastle(Path p) {
        try {
            return Files.readString(p).contains("import org.bouncycastle.");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p, e);
        }
    }
}
