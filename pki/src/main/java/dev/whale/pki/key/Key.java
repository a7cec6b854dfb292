package dev.whale.pki.key;

/**
 * A private or public key of one of the algorithms whale reads and writes: RSA, EC (P-256, P-384, P-521) or
 * Ed25519. Keys come from {@link Keys} (read or generated) and are written by {@link Keys}, {@link Pkcs8} and the
 * OpenSSH formats; a key made elsewhere cannot be used with them.
 */
public interface Key {
    /** The algorithm as OpenSSL names it: {@code RSA}, {@code EC} or {@code ED25519}. */
    String algorithm();

    /** The key size in bits: the modulus for RSA, the order of the curve for EC, 256 for Ed25519. */
    int bits();

    /** True for a private key. */
    boolean isPrivate();

    /** The public half of this key, or the key itself when it is public. */
    Key publicKey();

    /** The curve's OpenSSL short name (prime256v1, secp384r1, secp521r1) of an EC key; empty for the others. */
    String curveName();
}
