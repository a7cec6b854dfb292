package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import dev.whale.pki.PkiException;
import dev.whale.pki.x509.Certificate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** OpenSSL's {@code -untrusted FILE} of {@code verify} and {@code pkcs12 -chain}: certificates that complete chains. */
final class UntrustedOption {
    @Option(names = "-untrusted", paramLabel = "FILE", description = "A file of untrusted certificates that may "
            + "complete the chain; repeatable.")
    List<Path> untrusted = new ArrayList<>();

    /** The certificates of every -untrusted file, in order: unlike -CAfile, the option adds up. */
    List<Certificate> certificates() {
        List<Certificate> all = new ArrayList<>();
        for (Path f : untrusted) {
            Inputs.Input input = Inputs.read(f);
            try {
                all.addAll(Certificate.readAll(input.bytes(), input.name()));
            } catch (PkiException e) {
                throw new Errors.FailureException("-untrusted " + e.getMessage(), e);
            }
        }
        return all;
    }
}
