package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import dev.whale.pki.Passphrase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * OpenSSL's passphrase arguments (openssl-passphrase-options(1)): {@code pass:TEXT}, {@code env:VAR},
 * {@code file:PATH} (its first line), {@code stdin}. Without one, a terminal is asked; without a terminal, the
 * command fails naming the file. Passphrases are never echoed or printed.
 */
final class PassSource {
    private PassSource() {}

    /** The passphrase that {@code spec} names, or a prompt {@code prompt} when {@code spec} is null. */
    static Passphrase of(String spec, String option) {
        if (spec == null) {
            return source -> prompt("Enter pass phrase for " + source + ":", source, option);
        }
        return source -> resolve(spec, option);
    }

    /** The passphrase to encrypt with: {@code spec}, or asked twice on a terminal. */
    static char[] forWriting(String spec, String option, String what) {
        if (spec != null) {
            return resolve(spec, option);
        }
        char[] a = prompt("Enter " + what + ":", null, option);
        char[] b = prompt("Verifying - Enter " + what + ":", null, option);
        if (!java.util.Arrays.equals(a, b)) {
            throw new Errors.FailureException("the passphrases do not match");
        }
        return a;
    }

    static char[] resolve(String spec, String option) {
        if (spec.startsWith("pass:")) {
            return spec.substring(5).toCharArray();
        }
        if (spec.startsWith("env:")) {
            String v = System.getenv(spec.substring(4));
            if (v == null) {
                throw new Errors.FailureException(option + ": environment variable " + spec.substring(4)
                        + " is not set");
            }
            return v.toCharArray();
        }
        if (spec.startsWith("file:")) {
            Path p = Path.of(spec.substring(5));
            try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                String line = r.readLine();
                return (line == null ? "" : line).toCharArray();
            } catch (IOException e) {
                throw new Errors.FailureException(option + ": cannot read passphrase file " + p + ": "
                        + Errors.reason(e));
            }
        }
        if (spec.equals("stdin")) {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                return (line == null ? "" : line).toCharArray();
            } catch (IOException e) {
                throw new Errors.FailureException(option + ": cannot read the passphrase from stdin");
            }
        }
        throw new Errors.UsageException(option + ": passphrase source must be pass:TEXT, env:VAR, file:PATH or "
                + "stdin");
    }

    private static char[] prompt(String text, String source, String option) {
        java.io.Console c = System.console();
        if (c == null) {
            throw new Errors.FailureException((source == null ? "a passphrase is needed" : source + " is encrypted")
                    + " and there is no terminal to ask; give " + option + " pass:TEXT, env:VAR or file:PATH");
        }
        char[] p = c.readPassword("%s", text);
        if (p == null) {
            throw new Errors.FailureException("no passphrase given");
        }
        return p;
    }
}
