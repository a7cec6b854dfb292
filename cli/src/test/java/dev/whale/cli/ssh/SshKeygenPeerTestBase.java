package dev.whale.cli.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs whale's ssh-keygen in-process and OpenSSH's (or another peer) as a process in the same folder with the same
 * standard input, for tests that compare them. File names are absolute and shown as DIR.
 */
abstract class SshKeygenPeerTestBase {
    /** ssh-keygen's arguments for each key type whale reads: RSA, ECDSA on the three curves, Ed25519. */
    static final List<List<String>> TYPES = List.of(List.of("-t", "rsa", "-b", "1024"),
            List.of("-t", "ecdsa", "-b", "256"), List.of("-t", "ecdsa", "-b", "384"),
            List.of("-t", "ecdsa", "-b", "521"), List.of("-t", "ed25519"));

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
        /** stderr without OpenSSH's carriage returns, for comparing what whale and ssh-keygen say. */
        String errLines() {
            return err.replace("\r\n", "\n");
        }
    }

    Result whale(String stdin, String... args) {
        return whaleWithInput(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    /** Runs whale's ssh-keygen in-process with {@code stdin}'s bytes as its standard input. */
    Result whaleWithInput(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new SshKeygen(new ByteArrayInputStream(stdin),
                new PrintWriter(out), new PrintWriter(err), null, SshKeygen.User.current(), new SecureRandom(), false)
                .run(List.of(args));
        return new Result(exit, norm(out.toString()), norm(err.toString()));
    }

    Result sshKeygen(String stdin, String... args) throws IOException, InterruptedException {
        return run(stdin, prepend("ssh-keygen", args));
    }

    /** Runs a peer program in the test folder; fails naming the Debian package when it is missing. */
    Result run(String stdin, String... command) throws IOException, InterruptedException {
        Path in = Files.writeString(Files.createTempFile("stdin", ".txt"), stdin);
        try {
            return runWithInput(in, command);
        } finally {
            Files.delete(in);
        }
    }

    /** Runs a peer program with a file's bytes on standard input. */
    Result runWithInput(Path in, String... command) throws IOException, InterruptedException {
        String tool = command[0];
        if (Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .noneMatch(d -> Files.isExecutable(Path.of(d, tool)))) {
            fail(tool + " is not installed; this test compares whale with it: apt-get install "
                    + (tool.equals("openssl") ? "openssl" : "openssh-client"));
        }
        Path out = Files.createTempFile("stdout", ".txt");
        Path err = Files.createTempFile("stderr", ".txt");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectInput(in.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), norm(Files.readString(out)), norm(Files.readString(err)));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private String norm(String s) {
        return s.replace(dir.toString(), "DIR");
    }

    String f(String name) {
        return dir.resolve(name).toString();
    }

    /** Runs both tools with the same input; their outputs, prompts and exit codes must be the same. */
    Result same(String stdin, String... args) throws Exception {
        Result ssh = sshKeygen(stdin, args);
        Result w = whale(stdin, args);
        assertEquals(ssh.exit(), w.exit(), () -> String.join(" ", args) + "\nssh-keygen: " + ssh + "\nwhale: " + w);
        assertEquals(ssh.out(), w.out(), () -> String.join(" ", args));
        if (ssh.exit() == 0) {
            assertEquals(ssh.errLines(), w.err(), () -> String.join(" ", args));
        }
        return w;
    }

    /** Both fail with the same code; whale says why in one line naming the file. */
    void sameFailure(String file, String... args) throws Exception {
        Result ssh = sshKeygen("", args);
        Result w = whale("", args);
        assertEquals(ssh.exit(), w.exit(), () -> String.join(" ", args) + "\nssh-keygen: " + ssh + "\nwhale: " + w);
        assertTrue(ssh.exit() != 0);
        assertEquals(ssh.out(), w.out());
        assertTrue(w.err().startsWith("whale ssh-keygen: ") && w.err().endsWith("\n")
                && w.err().indexOf('\n') == w.err().length() - 1, w.err());
        assertTrue(file == null || w.err().contains(norm(file)), w.err());
    }

}
