package dev.whale.cli.pki;

import dev.whale.pki.PemBlock;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.PemEncryption;
import dev.whale.pki.key.Pkcs8;
import java.security.SecureRandom;
import java.util.Arrays;
import picocli.CommandLine.Option;

/** OpenSSL's cipher flags for writing a private key, and the one way whale encrypts it: PBES2 in PKCS#8. */
final class Encrypting {
    @Option(names = {"-aes-128-cbc", "-aes128"}, description = "Encrypt the key with AES-128-CBC.")
    boolean aes128;

    @Option(names = {"-aes-192-cbc", "-aes192"}, description = "Encrypt the key with AES-192-CBC.")
    boolean aes192;

    @Option(names = {"-aes-256-cbc", "-aes256"}, description = "Encrypt the key with AES-256-CBC.")
    boolean aes256;

    /** The cipher the flags ask for, or null for none. */
    String cipher() {
        return aes256 ? "aes-256-cbc" : aes192 ? "aes-192-cbc" : aes128 ? "aes-128-cbc" : null;
    }

    /**
     * {@code key} as an ENCRYPTED PRIVATE KEY block with {@code cipher}, the passphrase from {@code passSpec} or
     * asked twice on the terminal; the passphrase is wiped afterwards.
     */
    static PemBlock encrypt(KeyData key, String cipher, int iterations, String passSpec, String option,
                            String prompt) {
        char[] p = PassSource.forWriting(passSpec, option, prompt);
        try {
            return PemBlock.of("ENCRYPTED PRIVATE KEY", Pkcs8.encrypt(key.privateKey(), p, iterations, cipher,
                    new SecureRandom()));
        } finally {
            Arrays.fill(p, '\0');
        }
    }

    /**
     * {@code block} (RSA or EC PRIVATE KEY) in OpenSSL's traditional PEM encryption with {@code cipher}, as
     * {@code genrsa -traditional} and {@code ec} write it; the passphrase is wiped afterwards.
     */
    static String encryptTraditional(PemBlock block, String cipher, String passSpec, String option, String prompt) {
        char[] p = PassSource.forWriting(passSpec, option, prompt);
        try {
            return PemEncryption.encrypt(block.label(), block.der(), cipher, p, new SecureRandom());
        } finally {
            Arrays.fill(p, '\0');
        }
    }
}
