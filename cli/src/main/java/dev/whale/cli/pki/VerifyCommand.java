package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import dev.whale.pki.PkiException;
import dev.whale.pki.verify.TrustStore;
import dev.whale.pki.verify.Verification;
import dev.whale.pki.verify.Verifier;
import dev.whale.pki.x509.Certificate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    TrustOptions trust;

    @Mixin
    UntrustedOption untrusted;

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
            } catch (NumberFormatException | DateTimeException e) {
                throw new Errors.FailureException("-attime: not a number of seconds since 1970: " + attime);
            }
        }
        Instant time = at;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = certs.isEmpty() ? Collections.singletonList(null) : certs;
        // The trust store is read on one core while the certificates are read on the other; each certificate is
        // verified as soon as both are there, and the results are printed in the order of the files.
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                runnable -> {
                    Thread t = new Thread(runnable, "whale-verify");
                    t.setDaemon(true);
                    return t;
                });
        try {
            CompletableFuture<TrustStore> store = CompletableFuture.supplyAsync(trust::trustStore, pool);
            List<Certificate> untrustedCerts;
            try {
                untrustedCerts = untrusted.certificates();
            } catch (RuntimeException e) {
                join(store); // a -CAfile that cannot be read is reported first, as before
                throw e;
            }
            CompletableFuture<Verifier> verifier = store.thenApply(ts -> Verifier.builder()
                    .trustStore(ts)
                    .untrusted(untrustedCerts)
                    .at(time)
                    .partialChain(partialChain)
                    .build());
            if (certs.isEmpty()) {
                join(verifier); // standard input is read only once the trust store is there, as before
            }
            List<CompletableFuture<Result>> results = new ArrayList<>(files.size());
            for (Path file : files) {
                results.add(CompletableFuture.supplyAsync(() -> read(file), pool)
                        .thenCombine(verifier, (input, v) -> input.error() != null ? input.error() : result(input, v)));
            }
            boolean allOk = true;
            for (CompletableFuture<Result> f : results) {
                Result r = join(f);
                if (r.out() != null) {
                    out.print(r.out());
                    out.flush();
                }
                if (r.err() != null) {
                    err.print(r.err());
                    err.flush();
                    allOk = false;
                }
            }
            return allOk ? 0 : 2;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What verifying one file prints: on stdout, on stderr, or both null for nothing. */
    private record Result(String out, String err) {}

    /** One file, read: its name and certificate, or the result that says why it could not be read. */
    private record Read(String name, Certificate cert, Result error) {}

    private Read read(Path file) {
        try {
            Inputs.Input input = Inputs.read(file);
            return new Read(input.name(), Certificate.read(input.bytes(), input.name()), null);
        } catch (PkiException | Errors.FailureException e) {
            return new Read(null, null, new Result(null, spec.qualifiedName() + ": " + e.getMessage() + "\n"));
        }
    }

    private Result result(Read input, Verifier verifier) {
        Verification v = verifier.verify(input.cert());
        return v.ok() ? new Result(v.okText(input.name(), showChain), null)
                : new Result(null, v.errorText(input.name()));
    }

    /** The value of {@code f}, or the exception it failed with, as thrown on this thread. */
    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error x) {
                throw x;
            }
            throw e;
        }
    }
}
