package dev.whale.cli.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.whale.cli.Run;
import dev.whale.pki.testing.Openssl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One pki command line run by the real openssl and by whale in the same directory, side by side. */
final class OpensslSide {
    private OpensslSide() {}

    /** {@code whale pki ARGS}, in-process. */
    static Run whale(String... args) {
        List<String> a = new ArrayList<>(List.of("pki"));
        a.addAll(List.of(args));
        return Run.of(a.toArray(String[]::new));
    }

    /**
     * Fails unless whale prints on stdout what openssl prints and exits as it does; stderr too when {@code err}
     * (not where OpenSSL adds its error queue).
     */
    static void assertSame(Path dir, boolean err, String... args) throws Exception {
        Openssl.Out o = Openssl.text(dir, args);
        Run w = whale(args);
        String line = String.join(" ", args);
        assertEquals(o.out(), w.out(), line);
        if (err) {
            assertEquals(o.err(), w.err(), line);
        }
        assertEquals(o.exit(), w.exit(), line + ": " + w.err());
    }
}
