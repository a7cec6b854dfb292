package dev.whale.cli.pki;

import dev.whale.pki.Passphrase;
import picocli.CommandLine.Option;

/** {@code -passin}: where the passphrase of an encrypted input key comes from, else a terminal prompt. */
final class PassinOption {
    @Option(names = "-passin", paramLabel = "SOURCE", description = "Passphrase of the input key: pass:TEXT, env:VAR, "
            + "file:PATH or stdin (default: asked on the terminal).")
    String source;

    /** The passphrase, resolved only when a key turns out to be encrypted. */
    Passphrase passphrase() {
        return PassSource.of(source, "-passin");
    }
}
