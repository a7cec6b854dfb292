package dev.whale.cli.pki;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code -in} and {@code -inform} of the commands that read keys or certificates in bulk ({@code x509}, {@code rsa},
 * {@code pkey}, …): any number of files and directories, each read as PEM or DER, told apart by its content unless
 * {@code -inform} says which.
 */
final class InputOptions {
    @Option(names = "-in", paramLabel = "FILE", description = "Input file, or a directory of them; repeatable "
            + "(default: standard input).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "-inform", paramLabel = "PEM|DER", description = "Input format (default: detected).")
    String format;

    /** The files to read, each directory standing for its files in name order; one null for standard input. */
    List<Path> files() {
        return paths.isEmpty() ? Collections.singletonList(null) : Inputs.expand(paths);
    }

    /** Whether {@code -inform DER} was given; any format but PEM or DER is a usage error. */
    boolean der() {
        return format != null && Outputs.isDer(format, "-inform");
    }

    /** Whether {@code -inform} was given at all; without it the format of each input is detected. */
    boolean formatGiven() {
        return format != null;
    }
}
