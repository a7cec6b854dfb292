package dev.whale.cli.pki;

import dev.whale.pki.PemBlock;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.KeyText;
import dev.whale.pki.key.Keys;
import dev.whale.pki.key.Pkcs8;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code whale pki genpkey}: openssl genpkey for RSA, EC and Ed25519. */
@Command(name = "genpkey", mixinStandardHelpOptions = true, separator = " ",
        description = {"Generate a private key and write it as PKCS#8, encrypted with PBES2 (PBKDF2 with "
                + "HMAC-SHA256, " + Pkcs8.DEFAULT_ITERATIONS + " iterations) when a cipher is given."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki genpkey -algorithm RSA -out private.pem -pkeyopt rsa_keygen_bits:2048",
                "  ./whale pki genpkey -algorithm RSA -out private-enc.pem -aes-256-cbc -pass pass:foobar",
                "  ./whale pki genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec.pem",
                "  ./whale pki genpkey -algorithm ED25519 -out ed25519.pem"})
final class GenpkeyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-algorithm", required = true, paramLabel = "ALG", description = "RSA, EC or ED25519.")
    String algorithm;

    @Option(names = "-pkeyopt", paramLabel = "OPT:VALUE", description = "rsa_keygen_bits:N, rsa_keygen_pubexp:E, "
            + "ec_paramgen_curve:P-256|P-384|P-521. Repeatable.")
    List<String> pkeyopts = new ArrayList<>();

    @Mixin
    OutputOptions output;

    @Option(names = "-pass", paramLabel = "SOURCE", description = "Passphrase for the cipher: pass:TEXT, env:VAR, "
            + "file:PATH.")
    String pass;

    @Mixin
    Encrypting encrypting;

    @Option(names = "-text", description = "Also print the key's components.")
    boolean text;

    @Override
    public Integer call() {
        output.der(); // a bad -outform is refused before the key is made
        KeyData key = KeyOptions.parse(algorithm, 2048, pkeyopts).generate(spec.commandLine().getErr());
        PemBlock block;
        if (encrypting.cipher() != null) {
            block = Encrypting.encrypt(key, encrypting.cipher(), Pkcs8.DEFAULT_ITERATIONS, pass, "-pass",
                    "PEM pass phrase");
        } else {
            block = PemBlock.of("PRIVATE KEY", Keys.pkcs8(key.privateKey()));
        }
        PrintWriter stdout = spec.commandLine().getOut();
        output.write(stdout, block, true);
        if (text) {
            stdout.print(KeyText.of(key, false));
            stdout.flush();
        }
        return 0;
    }

    /** Dots on stderr while a key is being generated, as OpenSSL shows its search for primes. */
    static final class Ticker {
        private final Thread thread;

        Ticker(PrintWriter err, boolean on) {
            if (!on) {
                thread = null;
                return;
            }
            thread = Thread.ofPlatform().daemon().start(() -> {
                boolean any = false;
                try {
                    while (true) {
                        Thread.sleep(150);
                        err.print('.');
                        err.flush();
                        any = true;
                    }
                } catch (InterruptedException e) {
                    if (any) {
                        err.println("+++++");
                        err.flush();
                    }
                }
            });
        }

        void stop() {
            if (thread != null) {
                thread.interrupt();
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
