package dev.whale.cli.pki;

import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.KeyText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code whale pki pkey}: openssl pkey, for RSA, EC and Ed25519 keys. */
@Command(name = "pkey", mixinStandardHelpOptions = true, separator = " ",
        description = {"Read any private or public key (RSA, EC, Ed25519; PKCS#1, SEC 1, PKCS#8, SPKI, OpenSSH), "
                + "print its components as OpenSSL does, and write it out as PKCS#8 or SubjectPublicKeyInfo."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki pkey -in ed25519.pem -noout -text",
                "  ./whale pki pkey -in id_ed25519 -out id_ed25519.pem      # an OpenSSH key as PKCS#8",
                "  ./whale pki pkey -in private.pem -pubout -out public.pem"})
final class PkeyCommand extends KeyCommand {

    @Option(names = "-text_pub", description = "Print only the public components.")
    boolean textPub;

    @Override
    String writingMessage() {
        return null;
    }

    @Override
    String text(KeyData key) {
        return KeyText.of(key, pubin || textPub);
    }

    @Override
    public Integer call() {
        text = text || textPub;
        return super.call();
    }
}
