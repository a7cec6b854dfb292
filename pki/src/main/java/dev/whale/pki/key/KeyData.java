package dev.whale.pki.key;

import java.util.Optional;

/**
 * A key as read from a file: the private key (absent for a public key file), the public key, how it was stored and
 * protected, and the comment OpenSSH keeps with a key.
 */
public record KeyData(Key privateKey, Key publicKey, KeyFormat format,
                      Optional<Encryption> encryption, String comment) {

    public KeyData {
        if (publicKey == null) {
            throw new IllegalArgumentException("a key always has its public half");
        }
        comment = comment == null ? "" : comment;
    }

    public boolean isPrivate() {
        return privateKey != null;
    }

    public KeyData withComment(String c) {
        return new KeyData(privateKey, publicKey, format, encryption, c);
    }

    /** The algorithm: RSA, EC or ED25519. */
    public String algorithm() {
        return publicKey.algorithm();
    }

    /** The key size in bits: the modulus for RSA, the curve for EC, 256 for Ed25519. */
    public int bits() {
        return publicKey.bits();
    }
}
