package dev.whale.pki.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real openssl (or a bash pipeline around it) for the tests that compare with it, in pki and, through the
 * pki test jar, in cli; fails, naming the package, when it is missing.
 */
public final class Openssl {
    private Openssl() {}

    /** What a run printed and returned; output as raw bytes read as ISO-8859-1 (one char per byte). */
    public record Out(int exit, String out, String err) {
        /** The output as UTF-8 text, to compare with whale's strings. */
        public String utf8() {
            return new String(out.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
    }

    public static String path() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, "openssl"))) {
                return Path.of(d, "openssl").toString();
            }
        }
        return fail("openssl is not installed; these tests compare with it: apt-get install openssl");
    }

    /** {@code openssl ARGS} in {@code dir}. */
    public static Out run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(path()));
        cmd.addAll(List.of(args));
        return exec(dir, cmd);
    }

    /** A bash script in {@code dir}, with openssl on the PATH and the C locale. */
    public static Out bash(Path dir, String script) throws IOException, InterruptedException {
        path();
        return exec(dir, List.of("bash", "-c", script));
    }

    /** {@code openssl ARGS} in {@code dir}, its output read as UTF-8 text, for the tests that compare text. */
    public static Out text(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(path()));
        cmd.addAll(List.of(args));
        return exec(dir, cmd, StandardCharsets.UTF_8);
    }

    /** Like {@link #text}, failing the test when openssl fails. */
    public static Out textOk(Path dir, String... args) throws IOException, InterruptedException {
        Out o = text(dir, args);
        if (o.exit() != 0) {
            fail("openssl " + String.join(" ", args) + " failed: " + o.err());
        }
        return o;
    }

    private static Out exec(Path dir, List<String> cmd) throws IOException, InterruptedException {
        return exec(dir, cmd, StandardCharsets.ISO_8859_1);
    }

    /** Runs {@code cmd} in {@code dir} with the C locale and nothing on standard input. */
    private static Out exec(Path dir, List<String> cmd, Charset charset) throws IOException, InterruptedException {
        Path o = Files.createTempFile(dir, "o", ".out");
        Path e = Files.createTempFile(dir, "e", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(o.toFile())
                .redirectError(e.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + cmd);
        }
        Out out = new Out(p.exitValue(), Files.readString(o, charset), Files.readString(e, charset));
        Files.delete(o);
        Files.delete(e);
        return out;
    }
}
