package dev.whale.pki.ssh;

import dev.whale.pki.UnsupportedAlgorithmException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The hashes ssh-keygen -E takes for key fingerprints (OpenSSH's digest-openssl.c): MD5 prints as colon-separated hex,
 * the others as unpadded base64 after their name, as in {@code SHA256:uaDnfDNlz…}.
 */
public enum FingerprintHash {
    MD5("MD5"),
    SHA1("SHA-1"),
    SHA256("SHA-256"),
    SHA384("SHA-384"),
    SHA512("SHA-512");

    private final String jdkName;

    FingerprintHash(String jdkName) {
        this.jdkName = jdkName;
    }

    /** The hash called {@code name}, in any case (md5, SHA256…), as ssh-keygen -E accepts it. */
    public static FingerprintHash named(String name) {
        for (FingerprintHash h : values()) {
            if (h.name().equalsIgnoreCase(name)) {
                return h;
            }
        }
        throw new UnsupportedAlgorithmException("Invalid hash algorithm \"" + name
                + "\"; choose one of: md5, sha1, sha256, sha384, "
                + "sha512");
    }

    /** The fingerprint of a public key blob: {@code SHA256:base64} or {@code MD5:hex:hex:…}. */
    public String format(byte[] blob) {
        byte[] d = digest(blob);
        if (this == MD5) {
            return "MD5:" + HexFormat.ofDelimiter(":").formatHex(d);
        }
        return name() + ":" + Base64.getEncoder().withoutPadding().encodeToString(d);
    }

    byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(jdkName).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + jdkName, e);
        }
    }

    /** The name inside a randomart box's bottom border: [SHA256], [MD5]. */
    String label() {
        return name().toUpperCase(Locale.ROOT);
    }
}
