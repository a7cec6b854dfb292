package dev.whale.cli.pki;

import dev.whale.pki.Pem;
import dev.whale.pki.PemBlock;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -out} and {@code -outform}, as the OpenSSL commands that write a key or a certificate take them. */
final class OutputOptions {
    @Option(names = "-out", paramLabel = "FILE", description = "Output file (default: standard output).")
    Path file;

    @Option(names = "-outform", paramLabel = "PEM|DER", defaultValue = "PEM", description = "Output format.")
    String format;

    /** Whether the output is DER; a format other than PEM or DER is a usage error. */
    boolean der() {
        return Outputs.isDer(format, "-outform");
    }

    /** {@code block} to the file or standard output, as PEM or raw DER; a secret file gets mode 0600. */
    void write(PrintWriter stdout, PemBlock block, boolean secret) {
        if (der()) {
            Outputs.writeDer(file, block.der(), secret);
        } else {
            Outputs.write(stdout, file, Pem.write(block.label(), block.der()), secret);
        }
    }
}
