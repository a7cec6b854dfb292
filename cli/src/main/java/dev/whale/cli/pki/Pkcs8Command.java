package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import dev.whale.pki.PemBlock;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.KeyFormat;
import dev.whale.pki.key.Keys;
import dev.whale.pki.key.Pkcs8;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code whale pki pkcs8}: openssl pkcs8, between traditional keys and PKCS#8, plain or encrypted. */
@Command(name = "pkcs8", mixinStandardHelpOptions = true, separator = " ",
        description = {"Convert a private key to PKCS#8 (-topk8), encrypted with PBES2 unless -nocrypt; or read "
                + "PKCS#8 (encrypted unless -nocrypt) and write it plain, or traditional with -traditional."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki pkcs8 -topk8 -inform PEM -outform PEM -in pkcs1.pem -out pkcs8.pem -nocrypt",
                "  ./whale pki pkcs8 -topk8 -in pkcs1.pem -out enc.pem -passout pass:secret",
                "  ./whale pki pkcs8 -in pkcs8.pem -nocrypt -traditional -out pkcs1.pem"})
final class Pkcs8Command implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-topk8", description = "Read a traditional (or any) key and write PKCS#8.")
    boolean topk8;

    @Option(names = "-nocrypt", description = "The PKCS#8 is not encrypted (input, or output with -topk8).")
    boolean nocrypt;

    @Option(names = "-traditional", description = "Write PKCS#1 (RSA) or SEC 1 (EC) instead of PKCS#8.")
    boolean traditional;

    @Option(names = "-in", paramLabel = "FILE", description = "Input file (default: standard input).")
    Path in;

    @Mixin
    OutputOptions output;

    @Option(names = "-inform", paramLabel = "PEM|DER", defaultValue = "PEM", description = "Input format.")
    String inform;

    @Mixin
    PassinOption passin;

    @Option(names = "-passout", paramLabel = "SOURCE", description = "Output passphrase.")
    String passout;

    @Option(names = "-v2", paramLabel = "CIPHER", defaultValue = "aes-256-cbc",
            description = "PBES2 cipher (default: ${DEFAULT-VALUE}).")
    String v2;

    @Option(names = "-v2prf", paramLabel = "PRF", defaultValue = "hmacWithSHA256",
            description = "PBKDF2 pseudo-random function; whale writes hmacWithSHA256.")
    String v2prf;

    @Option(names = "-iter", paramLabel = "N", description = "PBKDF2 iterations (default: "
            + Pkcs8.DEFAULT_ITERATIONS + ").")
    Integer iter;

    @Override
    public Integer call() {
        if (!v2prf.equals("hmacWithSHA256")) {
            throw new Errors.UsageException("-v2prf: whale writes hmacWithSHA256 only, not " + v2prf);
        }
        boolean derIn = Outputs.isDer(inform, "-inform");
        output.der();
        Inputs.Input input = Inputs.read(in);
        KeyData key = derIn
                ? Keys.readDer(input.bytes(), input.name(), passin.passphrase())
                : Keys.read(input.bytes(), input.name(), passin.passphrase());
        if (!key.isPrivate()) {
            throw new Errors.FailureException(input.name() + ": expected a private key, found a public key");
        }
        if (!topk8) {
            boolean encrypted = key.format() == KeyFormat.ENCRYPTED_PKCS8;
            if (!nocrypt && !encrypted) {
                throw new Errors.FailureException(input.name() + ": expected BEGIN ENCRYPTED PRIVATE KEY, found "
                        + key.format().displayName() + " (add -nocrypt to read an unencrypted PKCS#8 key)");
            }
            if (nocrypt && key.format() != KeyFormat.PKCS8) {
                throw new Errors.FailureException(input.name()
                        + ": expected an unencrypted PKCS#8 key (BEGIN PRIVATE KEY), "
                        + "found " + key.format().displayName());
            }
        }
        PemBlock block;
        if (topk8 && !nocrypt) {
            block = Encrypting.encrypt(key, v2, iter == null ? Pkcs8.DEFAULT_ITERATIONS : iter, passout, "-passout",
                    "Encryption Password");
        } else if (!topk8 && traditional) {
            block = Keys.traditional(key.privateKey());
        } else {
            block = PemBlock.of("PRIVATE KEY", Keys.pkcs8(key.privateKey()));
        }
        output.write(spec.commandLine().getOut(), block, true);
        return 0;
    }
}
