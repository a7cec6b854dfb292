package dev.whale.cli.pki;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real openssl for the tests that compare whale pki with it; fails, naming the package, when missing. */
final class Openssl {
    private Openssl() {}

    /** What a run printed and returned, as UTF-8. */
    record Out(int exit, String out, String err) {}

    static String path() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, "openssl"))) {
                return Path.of(d, "openssl").toString();
            }
        }
        return fail("openssl is not installed; these tests compare with it: apt-get install openssl");
    }

    /** {@code openssl ARGS} in {@code dir}, with the C locale and nothing on standard input. */
    static Out run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(path()));
        cmd.addAll(List.of(args));
        Path o = Files.createTempFile(dir, "o", ".out");
        Path e = Files.createTempFile(dir, "e", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(o.toFile())
                .redirectError(e.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + cmd);
        }
        Out out = new Out(p.exitValue(), Files.readString(o, StandardCharsets.UTF_8),
                Files.readString(e, StandardCharsets.UTF_8));
        Files.delete(o);
        Files.delete(e);
        return out;
    }

    /** Like {@link #run}, failing the test when openssl fails. */
    static Out ok(Path dir, String... args) throws IOException, InterruptedException {
        Out o = run(dir, args);
        if (o.exit() != 0) {
            fail("openssl " + String.join(" ", args) + " failed: " + o.err());
        }
        return o;
    }
}
