package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import dev.whale.pki.Pem;
import dev.whale.pki.PemBlock;
import dev.whale.pki.key.Curves;
import dev.whale.pki.key.KeyData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code whale pki ec}: openssl ec (apps/ec.c), which writes EC private keys in SEC 1 form. */
@Command(name = "ec", mixinStandardHelpOptions = true, separator = " ",
        description = {"Read an EC key (SEC 1 or PKCS#8, plain or encrypted, PEM or DER), print its components as "
                + "OpenSSL does, and write it out again as OpenSSL 3.0's ec does: SEC 1 'BEGIN EC PRIVATE KEY', "
                + "encrypted the traditional way with a cipher, its public half, or its curve."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki ec -in ec.pem -noout -text",
                "  ./whale pki ec -in ec.pem -pubout -out ec-public.pem",
                "  ./whale pki ec -in ec.pem -aes256 -passout pass:foobar -out ec-enc.pem",
                "  ./whale pki ec -in ec.pem -param_out                 # BEGIN EC PARAMETERS"})
final class EcCommand extends KeyCommand {

    @Option(names = "-param_out", description = "Output the curve's parameters instead of the key.")
    boolean paramOut;

    @Option(names = "-no_public", description = "Leave the public key out of the private key.")
    boolean noPublic;

    @Option(names = "-conv_form", paramLabel = "FORM", description = "Point form of the output: uncompressed "
            + "(default) or compressed.")
    String convForm = "uncompressed";

    @Option(names = "-param_enc", paramLabel = "ENC", description = "Parameter encoding: named_curve (explicit is "
            + "not supported).")
    String paramEnc = "named_curve";

    @Option(names = "-check", description = "Check the key's consistency.")
    boolean check;

    @Override
    String writingMessage() {
        return "writing EC key";
    }

    @Override
    public Integer call() {
        if (!paramEnc.equals("named_curve")) {
            throw new Errors.UsageException("-param_enc " + paramEnc + ": whale writes named curves only");
        }
        if (!convForm.equals("uncompressed") && !convForm.equals("compressed")) {
            throw new Errors.UsageException("-conv_form must be compressed or uncompressed: " + convForm);
        }
        return super.call();
    }

    @Override
    void accept(KeyData key, String source) {
        if (!"EC".equals(key.algorithm())) {
            throw new Errors.FailureException(source + ": not an EC key (" + key.algorithm()
                    + "); use whale pki pkey");
        }
        var err = spec.commandLine().getErr();
        err.println("read EC key");
        if (check) {
            err.println(Curves.check(key.isPrivate() ? key.privateKey() : key.publicKey()) ? "EC Key valid."
                    : "EC Key Invalid!");
        }
        err.flush();
    }

    @Override
    PemBlock publicBlock(KeyData key) {
        return PemBlock.of("PUBLIC KEY", Curves.spki(key.publicKey(), compressed()));
    }

    @Override
    PemBlock block(KeyData key) {
        if (paramOut) {
            return PemBlock.of("EC PARAMETERS", Curves.parameters(Curves.of(key.publicKey())));
        }
        if (pubout || pubin) {
            return publicBlock(key);
        }
        PemBlock sec1 = PemBlock.of("EC PRIVATE KEY", Curves.sec1(key.privateKey(), !noPublic, compressed()));
        String cipher = encrypting.cipher();
        if (cipher == null) {
            return sec1;
        }
        String pem = Encrypting.encryptTraditional(sec1, cipher, passout, "-passout", "PEM pass phrase");
        return Pem.read(pem, "the encrypted key").get(0);
    }

    private boolean compressed() {
        return convForm.equals("compressed");
    }
}
