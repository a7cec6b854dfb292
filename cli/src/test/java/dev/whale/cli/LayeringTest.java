package dev.whale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
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

    /** The library says what went wrong with its input; the CLI maps it, and makes its own errors its own way. */
    @Test
    void cliSources_constructNoLibraryException() throws IOException {
        Pattern construct = Pattern.compile("new (Pki|InvalidInput|Pem|Asn1|UnsupportedAlgorithm|PkiIO|Passphrase"
                + "|WrongPassphrase|Ring|Service|Config)Exception\\(");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> construct.matcher(read(p)).find()).map(Path::toString).sorted().toList();
        }
        assertEquals(List.of(), offenders, "these CLI files construct library exceptions; throw Errors' own");
    }

    private static boolean importsBouncyCastle(Path p) {
        return read(p).contains("import org.bouncycastle.");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p, e);
        }
    }
}
