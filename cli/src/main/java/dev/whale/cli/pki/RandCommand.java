package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whale pki rand}: openssl rand, random bytes from the JDK's SecureRandom (apps/rand.c). */
@Command(name = "rand", mixinStandardHelpOptions = true, separator = " ",
        description = {"Write NUM random bytes: raw, as lowercase hex on one line, or as base64 in lines of 64 "
                + "characters, as OpenSSL 3.0 does. NUM is decimal, 0x hex or 0 octal, as OpenSSL reads it."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki rand -hex 32                 # a 256-bit secret in hex",
                "  ./whale pki rand -base64 48              # 64 base64 characters",
                "  ./whale pki rand -out seed.bin 1024"})
final class RandCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-hex", description = "Hex encode the output.")
    boolean hex;

    @Option(names = "-base64", description = "Base64 encode the output (wins over -hex, as in OpenSSL).")
    boolean base64;

    @Option(names = "-out", paramLabel = "FILE", description = "Output file (default: standard output).")
    Path out;

    @Parameters(paramLabel = "NUM", arity = "0..*", description = "Number of bytes to generate.")
    List<String> num = List.of();

    @Override
    public Integer call() {
        if (num.size() > 1) {
            throw new Errors.UsageException("one NUM only: " + String.join(" ", num));
        }
        // Without NUM, OpenSSL 3.0 writes nothing, and the line end of -hex.
        int n = num.isEmpty() ? 0 : count(num.get(0));
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        if (base64) {
            String text = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(b);
            Outputs.write(spec.commandLine().getOut(), out, text.isEmpty() ? "" : text + "\n", false);
        } else if (hex) {
            Outputs.write(spec.commandLine().getOut(), out, HexFormat.of().formatHex(b) + "\n", false);
        } else {
            Outputs.writeDer(out, b, false);
        }
        return 0;
    }

    /** OpenSSL's {@code opt_int}: strtol with base 0, positive, within an int. */
    static int count(String s) {
        long v;
        try {
            String t = s.startsWith("+") ? s.substring(1) : s;
            if (t.startsWith("0x") || t.startsWith("0X")) {
                v = Long.parseLong(t.substring(2), 16);
            } else if (t.length() > 1 && t.startsWith("0")) {
                v = Long.parseLong(t.substring(1), 8);
            } else {
                v = Long.parseLong(t);
            }
        } catch (NumberFormatException e) {
            throw new Errors.UsageException("Can't parse \"" + s + "\" as a number");
        }
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new Errors.UsageException("Value \"" + s + "\" outside integer range");
        }
        if (v <= 0) {
            throw new Errors.UsageException("NUM must be positive: " + s);
        }
        return (int) v;
    }
}
