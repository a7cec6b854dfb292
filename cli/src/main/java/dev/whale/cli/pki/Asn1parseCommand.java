package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import dev.whale.pki.Asn1Printer;
import dev.whale.pki.Pem;
import dev.whale.pki.PemBlock;
import dev.whale.pki.PemException;
import dev.whale.pki.PkiException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code whale pki asn1parse}: OpenSSL 3.0's {@code openssl asn1parse}, same flags, same output, for one file or
 * many in one process. Input OpenSSL cannot print in full gets one line naming the file and the problem.
 */
@Command(name = "asn1parse", mixinStandardHelpOptions = true, separator = " ",
        description = {"Print the ASN.1 structure of DER or BER data (a key, a certificate, any PEM block) exactly "
                + "as openssl asn1parse of OpenSSL 3.0 prints it.",
                "Several -in files, or a directory, are printed one after another. A file that is not well-formed "
                + "gets one line on stderr, 'FILE: problem', and the exit status is 1."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki asn1parse -inform pem -in private.pem",
                "  ./whale pki asn1parse -inform pem -in private.pem -strparse 22",
                "  ./whale pki asn1parse -in /etc/ssl/certs -i -noout"})
final class Asn1parseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-inform", paramLabel = "PEM|DER", defaultValue = "PEM",
            description = "Input format (default: ${DEFAULT-VALUE}); PEM reads the first block.")
    String inform;

    @Option(names = "-in", paramLabel = "FILE", description = "Input file, or a directory of them; repeatable "
            + "(default: standard input).")
    List<Path> in = new ArrayList<>();

    @Option(names = "-strparse", paramLabel = "OFFSET", description = "Parse the value of the element at OFFSET "
            + "instead; repeat to dig into nested wrappings.")
    List<String> strparse = new ArrayList<>();

    @Option(names = "-i", description = "Indent each tag by its depth.")
    boolean indent;

    @Option(names = "-offset", paramLabel = "N", description = "Start N bytes into the data.")
    String offset;

    @Option(names = "-length", paramLabel = "N", description = "Parse at most N bytes.")
    String length;

    @Option(names = "-noout", description = "Print nothing; still check that the data parses.")
    boolean noout;

    @Option(names = "-dump", description = "Show values that are not text as a hex dump.")
    boolean dump;

    @Option(names = "-dlimit", paramLabel = "N", description = "Like -dump, but only the first N bytes of each.")
    String dlimit;

    @Option(names = "-strictpem", description = "Same as -inform PEM (whale always reads PEM strictly).")
    boolean strictpem;

    @Override
    public Integer call() {
        boolean der = switch (inform.toUpperCase(Locale.ROOT)) {
            case "DER" -> !strictpem;
            case "PEM" -> false;
            default -> throw new Errors.UsageException("-inform must be PEM or DER: " + inform);
        };
        Asn1Printer printer = printer();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = in.isEmpty() ? Collections.singletonList(null) : Inputs.expand(in);
        int status = 0;
        for (Path named : files) {
            Path file = named == null || named.toString().equals("-") ? null : named;
            try {
                String name = file == null ? "stdin" : file.toString();
                String text = printer.text(data(file, name, der), name);
                if (!noout) {
                    out.print(text);
                }
            } catch (PkiException | Errors.FailureException e) {
                out.flush();
                err.println(spec.qualifiedName() + ": " + e.getMessage());
                status = 1;
            }
        }
        out.flush();
        return status;
    }

    private Asn1Printer printer() {
        Asn1Printer.Builder b = Asn1Printer.builder().indent(indent);
        for (String s : strparse) {
            b.strparse(positive("-strparse", s));
        }
        if (offset != null) {
            b.offset(positive("-offset", offset));
        }
        if (length != null) {
            b.length(positive("-length", length));
        }
        if (dlimit != null) {
            b.dumpLimit(positive("-dlimit", dlimit));
        } else if (dump) {
            b.dumpAll();
        }
        return b.build();
    }

    /** The DER bytes of {@code file} (standard input when null): the first PEM block, or the file itself. */
    private static byte[] data(Path file, String name, boolean der) {
        byte[] bytes;
        if (file == null) {
            bytes = Inputs.read(null).bytes();
        } else {
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new Errors.FailureException(name + ": " + Errors.reason(e));
            }
        }
        if (der) {
            return bytes;
        }
        PemBlock block;
        try {
            block = Pem.read(new String(bytes, StandardCharsets.ISO_8859_1), name).get(0);
        } catch (PemException e) {
            if (Pem.looksLikePem(bytes)) {
                throw e;
            }
            throw new Errors.FailureException(e.getMessage() + "; for DER input use -inform DER", e);
        }
        String procType = block.headers().getOrDefault("Proc-Type", "");
        if (procType.endsWith("ENCRYPTED")) {
            // RFC 1421 encryption: the base64 holds ciphertext, which OpenSSL too fails to parse.
            throw new Errors.FailureException(name + ": the " + block.label() + " block is encrypted (Proc-Type: "
                    + procType + "), so it holds no DER to print");
        }
        return block.der();
    }

    /** A positive number as OpenSSL's options take it: decimal, 0x hexadecimal or 0 octal. */
    static int positive(String option, String value) {
        String v = value.strip();
        int radix = 10;
        if (v.startsWith("0x") || v.startsWith("0X")) {
            radix = 16;
            v = v.substring(2);
        } else if (v.length() > 1 && v.startsWith("0")) {
            radix = 8;
            v = v.substring(1);
        }
        int n;
        try {
            n = Integer.parseInt(v, radix);
        } catch (NumberFormatException e) {
            throw new Errors.UsageException(option + " needs a number: " + value);
        }
        if (n <= 0) {
            throw new Errors.UsageException(option + " needs a positive number: " + value);
        }
        return n;
    }
}
