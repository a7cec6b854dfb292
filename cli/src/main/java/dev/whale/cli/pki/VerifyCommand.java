package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import dev.whale.pki.Certificates;
import dev.whale.pki.DistinguishedNames;
import dev.whale.pki.PkiException;
import dev.whale.pki.TrustStore;
import dev.whale.pki.Verification;
import dev.whale.pki.Verifier;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bouncycastle.cert.X509CertificateHolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whale pki verify}: openssl verify, with its chain building, error numbers, texts and exit code. */
@Command(name = "verify", mixinStandardHelpOptions = true, separator = " ",
        description = {"Verify certificates as OpenSSL 3.0 does: build each chain from the trust store (by default "
                + "/usr/lib/ssl/cert.pem and /usr/lib/ssl/certs) and the -untrusted "
                + "certificates, check it, print FILE: OK or OpenSSL's error lines, and exit 2 when any fails."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki verify amazon-root-ca-1.pem",
                "  ./whale pki verify -CAfile root.pem -untrusted intermediate.pem server.pem",
                "  ./whale pki verify -no-CApath -CAfile lets-encrypt-x3.pem www.pem",
                "  ./whale pki verify -CAfile root.pem -attime 2000000000 -show_chain server.pem"})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

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

    @Option(names = "-untrusted", paramLabel = "FILE", description = "A file of untrusted certificates that may "
            + "complete the chain; repeatable.")
    List<Path> untrusted = new ArrayList<>();

    @Option(names = "-partial_chain", description = "Accept chains anchored by any trusted certificate, not only a "
            + "self-signed root.")
    boolean partialChain;

    @Option(names = "-attime", paramLabel = "SECONDS", description = "Check validity at this time (seconds since "
            + "1970) instead of now.")
    String attime;

    @Option(names = "-show_chain", description = "After OK, print the chain that was built.")
    boolean showChain;

    @Parameters(paramLabel = "CERT", description = "Certificates to verify (default: standard input).")
    List<Path> certs = new ArrayList<>();

    @Override
    public Integer call() {
        Instant at = null;
        if (attime != null) {
            try {
                at = Instant.ofEpochSecond(Long.parseLong(attime));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                throw new Errors.FailureException("-attime: not a number of seconds since 1970: " + attime);
            }
        }
        Verifier verifier = Verifier.builder()
                .trustStore(trustStore())
                .untrusted(untrustedCertificates())
                .at(at)
                .partialChain(partialChain)
                .build();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allOk = true;
        List<Path> files = certs.isEmpty() ? java.util.Collections.singletonList(null) : certs;
        for (Path file : files) {
            Inputs.Input input = null;
            X509CertificateHolder cert;
            try {
                input = Inputs.read(file);
                cert = Certificates.readFirst(input.bytes(), input.name());
            } catch (PkiException | Errors.FailureException e) {
                err.println(spec.qualifiedName() + ": " + e.getMessage());
                err.flush();
                allOk = false;
                continue;
            }
            Verification v = verifier.verify(cert);
            if (v.ok()) {
                out.println(input.name() + ": OK");
                if (showChain) {
                    out.println("Chain:");
                    for (int j = 0; j < v.chain().size(); j++) {
                        out.println("depth=" + j + ": " + DistinguishedNames.oneline(v.chain().get(j).getSubject())
                                + (j < v.untrusted() ? " (untrusted)" : ""));
                    }
                }
                out.flush();
            } else {
                for (Verification.Problem p : v.problems()) {
                    err.println(DistinguishedNames.oneline(p.certificate().getSubject()));
                    err.println("error " + p.error().code() + " at " + p.depth() + " depth lookup: "
                            + p.error().text());
                }
                err.println("error " + input.name() + ": verification failed");
                err.flush();
                allOk = false;
            }
        }
        return allOk ? 0 : 2;
    }

    /** The certificates of every -untrusted file, in order: unlike -CAfile, the option adds up. */
    private List<X509CertificateHolder> untrustedCertificates() {
        List<X509CertificateHolder> all = new ArrayList<>();
        for (Path f : untrusted) {
            all.addAll(readCertificates(f, "-untrusted"));
        }
        return all;
    }

    /** OpenSSL's setup_verify: the CAfile, the CApath directories, the CAstore, each with its default unless -no-*. */
    private TrustStore trustStore() {
        List<X509CertificateHolder> trusted = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        if (!caFile.isEmpty()) {
            trusted.addAll(readCertificates(last(caFile), "-CAfile"));
        } else if (!noCaFile) {
            Path def = OpensslDefaults.certFile();
            if (Files.isRegularFile(def)) {
                try {
                    trusted.addAll(Certificates.readAll(Files.readAllBytes(def), def.toString()));
                } catch (java.io.IOException | PkiException e) {
                    // OpenSSL ignores a default file it cannot load.
                }
            }
        }
        if (!caPath.isEmpty()) {
            Path dir = last(caPath);
            if (!Files.isDirectory(dir)) {
                throw new Errors.FailureException("-CApath: not a directory: " + dir);
            }
            dirs.add(dir);
        } else if (!noCaPath) {
            dirs.addAll(OpensslDefaults.certDirs());
        }
        if (!caStore.isEmpty()) {
            String uri = caStore.get(caStore.size() - 1);
            Path p = Path.of(uri.startsWith("file:") ? uri.substring(5) : uri);
            if (Files.isDirectory(p)) {
                dirs.add(p);
            } else {
                trusted.addAll(readCertificates(p, "-CAstore"));
            }
        } else if (!noCaStore) {
            dirs.add(OpensslDefaults.CERT_DIR);
        }
        return TrustStore.of(trusted, dirs.stream().distinct().toList());
    }

    /** Every certificate of a bundle that an option names; one that holds none is an error, as in OpenSSL. */
    private static List<X509CertificateHolder> readCertificates(Path file, String option) {
        Inputs.Input input = Inputs.read(file);
        try {
            return Certificates.readAll(input.bytes(), input.name());
        } catch (PkiException e) {
            throw new PkiException(option + " " + e.getMessage(), e);
        }
    }

    /** OpenSSL keeps the last of a repeated option. */
    private static <T> T last(List<T> values) {
        return values.get(values.size() - 1);
    }
}
