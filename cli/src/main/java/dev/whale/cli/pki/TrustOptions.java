package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import dev.whale.pki.PkiException;
import dev.whale.pki.verify.TrustStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * OpenSSL's trust options (apps/lib/apps.c {@code setup_verify}), shared by {@code verify}, {@code pkcs12 -chain}
 * and {@code crl}: the trusted certificates of -CAfile, -CApath and -CAstore, each with its default unless -no-*.
 */
final class TrustOptions {
    @Option(names = "-CAfile", paramLabel = "FILE", description = "A file of trusted certificates.")
    List<Path> caFile = new ArrayList<>();

    @Option(names = "-CApath", paramLabel = "DIR", description = "A directory of trusted certificates named by "
            + "subject hash (HASH.0).")
    List<Path> caPath = new ArrayList<>();

    @Option(names = "-CAstore", paramLabel = "URI", description = "A store of trusted certificates: a directory, "
            + "or file:DIR.")
    List<String> caStore = new ArrayList<>();

    @Option(names = "-no-CAfile", description = "Do not load the default file of trusted certificates.")
    boolean noCaFile;

    @Option(names = "-no-CApath", description = "Do not load trusted certificates from the default directory.")
    boolean noCaPath;

    @Option(names = "-no-CAstore", description = "Do not load trusted certificates from the default store.")
    boolean noCaStore;

    /** True when a trusted file, directory or store was named: {@code openssl crl} then checks the signature. */
    boolean named() {
        return !caFile.isEmpty() || !caPath.isEmpty() || !caStore.isEmpty();
    }

    /** OpenSSL's setup_verify: the CAfile, the CApath directories, the CAstore, each with its default unless -no-*. */
    TrustStore trustStore() {
        TrustStore.Builder store = TrustStore.builder();
        if (!caFile.isEmpty()) {
            addFile(store, last(caFile), "-CAfile");
        } else if (!noCaFile) {
            Path def = OpensslDefaults.certFile();
            if (Files.isRegularFile(def)) {
                try {
                    store.file(Files.readAllBytes(def), def.toString());
                } catch (IOException | PkiException e) {
                    // OpenSSL ignores a default file it cannot load.
                }
            }
        }
        if (!caPath.isEmpty()) {
            Path dir = last(caPath);
            if (!Files.isDirectory(dir)) {
                throw new Errors.FailureException("-CApath: not a directory: " + dir);
            }
            store.directory(dir);
        } else if (!noCaPath) {
            store.directories(OpensslDefaults.certDirs());
        }
        if (!caStore.isEmpty()) {
            String uri = caStore.get(caStore.size() - 1);
            Path p = Path.of(uri.startsWith("file:") ? uri.substring(5) : uri);
            if (Files.isDirectory(p)) {
                store.directory(p);
            } else {
                addFile(store, p, "-CAstore");
            }
        } else if (!noCaStore) {
            store.directory(OpensslDefaults.CERT_DIR);
        }
        return store.build();
    }

    /** The certificates of a file an option names; one that holds none is an error, as in OpenSSL. */
    private static void addFile(TrustStore.Builder store, Path file, String option) {
        Inputs.Input input = Inputs.read(file);
        try {
            store.file(input.bytes(), input.name());
        } catch (PkiException e) {
            throw new Errors.FailureException(option + " " + e.getMessage(), e);
        }
    }

    /** OpenSSL keeps the last of a repeated option. */
    private static <T> T last(List<T> values) {
        return values.get(values.size() - 1);
    }
}
