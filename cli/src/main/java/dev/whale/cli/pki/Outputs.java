package dev.whale.cli.pki;

import dev.whale.cli.AtomicFiles;
import dev.whale.cli.Errors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Base64;

/** Where a pki command's key or text goes: standard output, or a file written whole, 0600 when it is secret. */
final class Outputs {
    private Outputs() {}

    static void write(PrintWriter out, Path file, String text, boolean secret) {
        if (file == null) {
            out.print(text);
            out.flush();
        } else {
            AtomicFiles.write(file, text, secret);
        }
    }

    /** DER bytes to a file, or to standard output as raw bytes. */
    static void writeDer(Path file, byte[] der, boolean secret) {
        if (file == null) {
            System.out.write(der, 0, der.length);
            System.out.flush();
        } else {
            AtomicFiles.write(file, der, secret);
        }
    }

    /**
     * Whether {@code value} of {@code option} (-inform, -outform) says DER. OpenSSL reads only its first letter: D or
     * d is DER, P or p is PEM; anything else is refused.
     */
    static boolean isDer(String value, String option) {
        char first = value.isEmpty() ? ' ' : Character.toUpperCase(value.charAt(0));
        if (first == 'D' || first == 'P') {
            return first == 'D';
        }
        throw new Errors.UsageException(option + " must be PEM or DER: " + value);
    }

    static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
