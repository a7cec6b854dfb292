package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import dev.whale.pki.Passphrase;
import dev.whale.pki.Pem;
import dev.whale.pki.PemBlock;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.KeyText;
import dev.whale.pki.key.Keys;
import dev.whale.pki.key.Pkcs8;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code openssl rsa} and {@code openssl pkey} share: read a key, print its text, write it out in another form.
 * Several {@code -in} files (or a directory) are handled one after another in one process.
 */
abstract class KeyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @Option(names = "-noout", description = "Do not output the key.")
    boolean noout;

    @Option(names = "-text", description = "Print the key's components as text.")
    boolean text;

    @Option(names = "-pubin", description = "The input is a public key.")
    boolean pubin;

    @Option(names = "-pubout", description = "Output the public key.")
    boolean pubout;

    @Mixin
    PassinOption passin;

    @Option(names = "-passout", paramLabel = "SOURCE", description = "Output passphrase, with a cipher option.")
    String passout;

    @Option(names = "-traditional", description = "Write the private key as PKCS#1 (RSA) or SEC 1 (EC).")
    boolean traditional;

    @Mixin
    Encrypting encrypting;

    /** The message OpenSSL writes to stderr before the key, if any. */
    abstract String writingMessage();

    /** Checks that the key suits the command. */
    void accept(KeyData key, String source) {}

    /** The public key's PEM block. */
    PemBlock publicBlock(KeyData key) {
        return PemBlock.of("PUBLIC KEY", Keys.spki(key.publicKey()));
    }

    /** Prints the key's text. */
    String text(KeyData key) {
        return KeyText.of(key, pubin);
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        List<Path> files = input.files();
        // DER goes out alone: -text with it is refused, and -out takes one key.
        boolean derOut = output.der() && !noout;
        boolean derIn = input.der();
        if (files.size() > 1 && output.file != null && !noout) {
            throw new Errors.UsageException("-out takes one key; with several -in files use -noout");
        }
        if (text && derOut) {
            throw new Errors.UsageException("-text cannot be combined with DER output (as in OpenSSL)");
        }
        Passphrase pass = passin.passphrase();
        StringBuilder result = new StringBuilder();
        for (Path f : files) {
            Inputs.Input input = Inputs.read(f);
            KeyData key = read(input, pass, derIn);
            accept(key, input.name());
            if (text) {
                result.append(text(key));
            }
            if (!noout) {
                String msg = writingMessage();
                if (msg != null) {
                    spec.commandLine().getErr().println(msg);
                }
                PemBlock block = block(key);
                if (derOut) {
                    Outputs.writeDer(output.file, block.der(), !(pubout || pubin));
                } else {
                    result.append(Pem.write(block, 64));
                }
            }
            if (output.file == null) {
                stdout.print(result);
                stdout.flush();
                result.setLength(0);
            }
        }
        if (output.file != null && !derOut) {
            Outputs.write(stdout, output.file, result.toString(), !(pubout || pubin));
        }
        return 0;
    }

    private KeyData read(Inputs.Input input, Passphrase pass, boolean der) {
        KeyData key = der
                ? Keys.readDer(input.bytes(), input.name(), pass) : Keys.read(input.bytes(), input.name(), pass);
        if (pubin && key.isPrivate()) {
            throw new Errors.FailureException(input.name() + ": expected a public key (-pubin), found a private key");
        }
        if (!pubin && !key.isPrivate()) {
            throw new Errors.FailureException(input.name() + ": expected a private key, found a public key; add "
                    + "-pubin to read it");
        }
        return key;
    }

    /** What -out receives: the public half, or the private key in the form the options ask for. */
    PemBlock block(KeyData key) {
        PemBlock block;
        if (pubout || pubin) {
            block = publicBlock(key);
        } else if (encrypting.cipher() != null) {
            block = Encrypting.encrypt(key, encrypting.cipher(), Pkcs8.DEFAULT_ITERATIONS, passout, "-passout",
                    "pass phrase");
        } else if (traditional) {
            block = Keys.traditional(key.privateKey());
        } else {
            block = PemBlock.of("PRIVATE KEY", Keys.pkcs8(key.privateKey()));
        }
        return block;
    }
}
