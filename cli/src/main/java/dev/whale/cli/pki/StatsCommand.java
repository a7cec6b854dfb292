package dev.whale.cli.pki;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.whale.cli.Errors;
import dev.whale.cli.Json;
import dev.whale.cli.OutputFormat;
import dev.whale.pki.PkiException;
import dev.whale.pki.verify.TrustStoreStats;
import dev.whale.pki.x509.Certificate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code whale pki stats}: the post's two tables over a trust store, the public key algorithms and the signature
 * algorithms of its certificates, counted in one process instead of one openssl per file. A directory stands for
 * its {@code *.pem} files, as in the post's loop over /etc/ssl/certs/*.pem.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Count the public key and signature algorithms of the certificates in a trust store, as "
                + "the post's `openssl x509 -text | grep | sort | uniq -c` loops do."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki stats                       # /etc/ssl/certs",
                "  ./whale pki stats --format json /etc/ssl/certs",
                "  ./whale pki stats roots/ extra-root.pem"})
final class StatsCommand implements Callable<Integer> {
    static final Path DEFAULT_STORE = Path.of("/etc/ssl/certs");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR|FILE", description = "Trust store directories (their *.pem files) and "
            + "certificate files (default: ${DEFAULT-VALUE}).", defaultValue = "/etc/ssl/certs")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (the two uniq -c tables) or json.")
    OutputFormat format;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<Certificate> certs = new ArrayList<>();
        int exit = 0;
        for (Path f : files(paths)) {
            try {
                Inputs.Input input = Inputs.read(f);
                certs.add(Certificate.read(input.bytes(), input.name()));
            } catch (PkiException | Errors.FailureException e) {
                err.println(spec.qualifiedName() + ": " + e.getMessage());
                exit = 1;
            }
        }
        TrustStoreStats stats = TrustStoreStats.of(certs);
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            json(out, stats);
        } else {
            out.print(stats.text());
        }
        out.flush();
        err.flush();
        return exit;
    }

    /** Each named file, and the *.pem files of each named directory in name order. */
    static List<Path> files(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                out.add(p);
                continue;
            }
            try (Stream<Path> s = Files.list(p)) {
                s.filter(f -> f.getFileName().toString().endsWith(".pem")).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new Errors.FailureException("cannot list " + p + ": " + Errors.reason(e));
            }
        }
        return out;
    }

    private static void json(PrintWriter out, TrustStoreStats stats) {
        try (JsonGenerator g = Json.pretty(out)) {
            g.writeStartObject();
            g.writeNumberField("certificates", stats.certificates());
            counts(g, "public_key_algorithms", stats.publicKeyAlgorithms());
            counts(g, "signature_algorithms", stats.signatureAlgorithms());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    private static void counts(JsonGenerator g, String field, Map<String, Integer> counts) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
