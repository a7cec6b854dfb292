package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import dev.whale.pki.PemBlock;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.Keys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code whale pki rsa}: openssl rsa. */
@Command(name = "rsa", mixinStandardHelpOptions = true, separator = " ",
        description = {"Read an RSA key (PKCS#1 or PKCS#8, plain or encrypted, PEM or DER), print its components "
                + "as OpenSSL does, and write it out again: its public half, another format, encrypted."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki rsa -in private.pem -noout -text",
                "  ./whale pki rsa -in private.pem -pubout",
                "  ./whale pki rsa -in public.pem -noout -text -pubin",
                "  ./whale pki rsa -noout -text -in keys/             # every key in a directory"})
final class RsaCommand extends KeyCommand {

    @Option(names = "-RSAPublicKey_out", description = "Write the public key as PKCS#1 RSAPublicKey.")
    boolean rsaPublicKeyOut;

    @Option(names = "-RSAPublicKey_in", description = "The input is a PKCS#1 RSAPublicKey.")
    void rsaPublicKeyIn(boolean v) {
        pubin = pubin || v;
    }

    @Override
    String writingMessage() {
        return "writing RSA key";
    }

    @Override
    void accept(KeyData key, String source) {
        if (!"RSA".equals(key.algorithm())) {
            throw new Errors.FailureException(source + ": not an RSA key (" + key.algorithm()
                    + "); use whale pki pkey");
        }
    }

    @Override
    PemBlock publicBlock(KeyData key) {
        return rsaPublicKeyOut ? PemBlock.of("RSA PUBLIC KEY", Keys.pkcs1Public(key.publicKey()))
                : super.publicBlock(key);
    }
}
