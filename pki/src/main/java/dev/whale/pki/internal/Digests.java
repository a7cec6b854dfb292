package dev.whale.pki.internal;

import dev.whale.pki.UnsupportedAlgorithmException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Message digests by their JDK names, the one place the pki packages make them. Not API. */
public final class Digests {
    private Digests() {}

    /** The {@code algorithm} digest ({@code SHA-1}, {@code SHA-256}, ...) of {@code data}. */
    public static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new UnsupportedAlgorithmException("the JDK has no " + algorithm, e);
        }
    }

    /**
     * The SHA-1 of {@code data}, which OpenSSL still uses where no security rests on it: name hashes (c_rehash) and
     * key identifiers (RFC 5280 4.2.1.2).
     */
    public static byte[] sha1(byte[] data) {
        return digest("SHA-1", data);
    }
}
