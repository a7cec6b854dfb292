package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import dev.whale.pki.Pem;
import dev.whale.pki.PemBlock;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.Keys;
import dev.whale.pki.key.Pkcs8;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whale pki genrsa}: openssl genrsa (apps/genrsa.c), an RSA key written as OpenSSL 3.0 writes it. */
@Command(name = "genrsa", mixinStandardHelpOptions = true, separator = " ",
        description = {"Generate an RSA key of NUMBITS bits (default 2048) and write it as PKCS#8 'BEGIN PRIVATE "
                + "KEY', as OpenSSL 3.0 does; with a cipher, as PBES2-encrypted PKCS#8 (PBKDF2 with HMAC-SHA256, "
                + Pkcs8.DEFAULT_ITERATIONS + " iterations, where OpenSSL uses 2,048); with -traditional, as PKCS#1."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki genrsa -out private.pem 2048",
                "  ./whale pki genrsa -aes256 -passout pass:foobar -out private-enc.pem 3072",
                "  ./whale pki genrsa -traditional 1024                  # BEGIN RSA PRIVATE KEY"})
final class GenrsaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-out", paramLabel = "FILE", description = "Output file (default: standard output).")
    Path out;

    @Option(names = "-passout", paramLabel = "SOURCE", description = "Passphrase for the cipher: pass:TEXT, env:VAR, "
            + "file:PATH or stdin (default: asked on the terminal).")
    String passout;

    @Mixin
    Encrypting encrypting;

    @Option(names = "-traditional", description = "Write PKCS#1 'BEGIN RSA PRIVATE KEY'.")
    boolean traditional;

    @Option(names = {"-F4", "-f4"}, description = "Public exponent 65537 (the default).")
    void f4(boolean on) {
        exponent = BigInteger.valueOf(65537);
    }

    @Option(names = "-3", description = "Public exponent 3 (deprecated in OpenSSL).")
    void three(boolean on) {
        exponent = BigInteger.valueOf(3);
    }

    @Option(names = "-primes", paramLabel = "N", description = "Number of primes; whale makes 2-prime keys only.")
    int primes = 2;

    @Option(names = "-verbose", description = "Say what is being generated, on standard error.")
    boolean verbose;

    @Parameters(paramLabel = "NUMBITS", arity = "0..1", description = "Size of the key in bits (default 2048).")
    List<String> numbits = List.of();

    private BigInteger exponent = BigInteger.valueOf(65537);

    @Override
    public Integer call() {
        int bits = numbits.isEmpty() ? 2048 : bits(numbits.get(0));
        if (primes != 2) {
            throw new Errors.UsageException("-primes " + primes + ": whale generates 2-prime RSA keys only");
        }
        if (bits < 512) {
            // OpenSSL's rsa_gen_set_params: "key size too small".
            throw new Errors.FailureException("Error setting RSA length: " + bits + " bits is too small (minimum 512)");
        }
        PrintWriter err = spec.commandLine().getErr();
        if (verbose) {
            err.println("Generating RSA key with " + bits + " bits");
            err.flush();
        }
        KeyData key = new KeyOptions("RSA", bits, exponent, null).generate(verbose ? err : new PrintWriter(
                PrintWriter.nullWriter()));
        if (verbose) {
            // apps/genrsa.c prints e with BN_bn2dec and BN_bn2hex, whose hex has whole bytes.
            byte[] e = exponent.toByteArray();
            String hex = HexFormat.of().withUpperCase().formatHex(e[0] == 0 && e.length > 1
                    ? java.util.Arrays.copyOfRange(e, 1, e.length) : e);
            err.println("e is " + exponent + " (0x" + hex + ")");
            err.flush();
        }
        String cipher = encrypting.cipher();
        String pem;
        if (traditional) {
            PemBlock block = Keys.traditional(key.privateKey());
            pem = cipher == null ? Pem.write(block.label(), block.der())
                    : Encrypting.encryptTraditional(block, cipher, passout, "-passout", "PEM pass phrase");
        } else {
            PemBlock block = cipher == null ? PemBlock.of("PRIVATE KEY", Keys.pkcs8(key.privateKey()))
                    : Encrypting.encrypt(key, cipher, Pkcs8.DEFAULT_ITERATIONS, passout, "-passout", "PEM pass phrase");
            pem = Pem.write(block.label(), block.der());
        }
        Outputs.write(spec.commandLine().getOut(), out, pem, true);
        return 0;
    }

    private static int bits(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new Errors.UsageException("Can't parse \"" + s + "\" as a number");
        }
    }
}
