package dev.whale.cli.ssh;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * ssh-keygen's questions to its user. Passphrases are read as OpenSSH's read_passphrase reads them (readpass.c): from
 * the terminal without echo when standard input is one, otherwise a line of standard input after a prompt on
 * standard error, where the end of input means an empty passphrase. Other questions (file names, overwrite) print
 * on standard output and read a line of standard input.
 */
final class Dialogue {
    private final InputStream in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Console console;

    /**
     * @param console the terminal to read passphrases from, or null when standard input is not a terminal
     */
    Dialogue(InputStream in, PrintWriter out, PrintWriter err, Console console) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.console = console;
    }

    /** The real standard streams; passphrases come from the terminal only when standard input is one. */
    static Console terminalConsole() {
        return isTerminal(0) ? System.console() : null;
    }

    /** Whether file descriptor {@code fd} of this process is a terminal, as isatty(3) tells (Linux only). */
    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Prints {@code prompt} on standard output and reads a line; null at the end of input. */
    String ask(String prompt) {
        out.print(prompt);
        out.flush();
        byte[] line = readLine();
        return line == null ? null : new String(line, StandardCharsets.UTF_8);
    }

    /** A passphrase, never null: empty when the input ends first. */
    char[] passphrase(String prompt) {
        out.flush();
        if (console != null) {
            char[] p = console.readPassword("%s", prompt);
            return p == null ? new char[0] : p;
        }
        err.print(prompt);
        err.flush();
        byte[] line = readLine();
        if (line == null) {
            return new char[0];
        }
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(line));
        char[] p = Arrays.copyOf(chars.array(), chars.limit());
        Arrays.fill(chars.array(), '\0');
        Arrays.fill(line, (byte) 0);
        return p;
    }

    /** One line of standard input without its end (LF or CRLF), read a byte at a time; null at EOF. */
    private byte[] readLine() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    byte[] line = b.toByteArray();
                    boolean crlf = line.length > 0 && line[line.length - 1] == '\r';
                    return crlf ? Arrays.copyOf(line, line.length - 1) : line;
                }
                b.write(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
        return b.size() > 0 ? b.toByteArray() : null;
    }
}
