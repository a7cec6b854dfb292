package dev.whale.pki.digest;

import dev.whale.pki.UnsupportedAlgorithmException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.Xof;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.digests.SHA512tDigest;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * A message digest of OpenSSL 3.0's default provider, known by the names {@code openssl dgst} takes (sha256,
 * SHA2-256, sha-256, …) and printed under the name the provider gives it ({@code SHA2-256}). The SHA families and
 * MD5 are the JDK's, whose SHA-1 and SHA-2 run on the CPU's SHA instructions; BLAKE2, RIPEMD-160, SM3 and SHAKE are
 * BouncyCastle's.
 */
public final class DigestAlgorithm {
    /** Digests of OpenSSL's legacy provider, which {@code openssl dgst} knows by name but cannot load by default. */
    private static final List<String> LEGACY = List.of("md4", "whirlpool");
    /** What {@code openssl dgst -list} prints (apps/dgst.c, {@code show_digests}): legacy names included. */
    private static final List<String> LISTED = List.of("blake2b512", "blake2s256", "md4", "md5", "md5-sha1",
            "ripemd", "ripemd160", "rmd160", "sha1", "sha224", "sha256", "sha3-224", "sha3-256", "sha3-384",
            "sha3-512", "sha384", "sha512", "sha512-224", "sha512-256", "shake128", "shake256", "sm3", "ssl3-md5",
            "ssl3-sha1", "whirlpool");

    private static final Map<String, DigestAlgorithm> BY_NAME = new LinkedHashMap<>();
    private static final List<DigestAlgorithm> ALL = new ArrayList<>();

    static {
        jdk("SHA1", "SHA-1", SHA1Digest::new, 20, 64, "1.3.14.3.2.26", "sha1", "sha-1", "ssl3-sha1");
        jdk("SHA2-224", "SHA-224", SHA224Digest::new, 28, 64, "2.16.840.1.101.3.4.2.4", "sha224", "sha-224");
        jdk("SHA2-256", "SHA-256", SHA256Digest::new, 32, 64, "2.16.840.1.101.3.4.2.1", "sha256", "sha-256");
        jdk("SHA2-384", "SHA-384", SHA384Digest::new, 48, 128, "2.16.840.1.101.3.4.2.2", "sha384", "sha-384");
        jdk("SHA2-512", "SHA-512", SHA512Digest::new, 64, 128, "2.16.840.1.101.3.4.2.3", "sha512", "sha-512");
        jdk("SHA2-512/224", "SHA-512/224", () -> new SHA512tDigest(224), 28, 128,
                "2.16.840.1.101.3.4.2.5", "sha512-224", "sha-512/224");
        jdk("SHA2-512/256", "SHA-512/256", () -> new SHA512tDigest(256), 32, 128,
                "2.16.840.1.101.3.4.2.6", "sha512-256", "sha-512/256");
        jdk("SHA3-224", "SHA3-224", () -> new SHA3Digest(224), 28, 144, "2.16.840.1.101.3.4.2.7");
        jdk("SHA3-256", "SHA3-256", () -> new SHA3Digest(256), 32, 136, "2.16.840.1.101.3.4.2.8");
        jdk("SHA3-384", "SHA3-384", () -> new SHA3Digest(384), 48, 104, "2.16.840.1.101.3.4.2.9");
        jdk("SHA3-512", "SHA3-512", () -> new SHA3Digest(512), 64, 72, "2.16.840.1.101.3.4.2.10");
        bc("SHAKE-128", () -> new SHAKEDigest(128), 16, 168, null, "shake128");
        bc("SHAKE-256", () -> new SHAKEDigest(256), 32, 136, null, "shake256");
        jdk("MD5", "MD5", MD5Digest::new, 16, 64, "1.2.840.113549.2.5", "ssl3-md5");
        add(new DigestAlgorithm("MD5-SHA1", null, null, 36, 64, null), "md5-sha1");
        bc("RIPEMD-160", RIPEMD160Digest::new, 20, 64, "1.3.36.3.2.1", "ripemd", "ripemd160", "rmd160");
        bc("BLAKE2B-512", () -> new Blake2bDigest(512), 64, 128, null, "blake2b512");
        bc("BLAKE2S-256", () -> new Blake2sDigest(256), 32, 64, null, "blake2s256");
        bc("SM3", SM3Digest::new, 32, 64, null);
    }

    private final String name;
    private final String jdkName;
    private final Supplier<Digest> bouncyCastle;
    private final int size;
    /** The bytes the compression function takes at a time, which HMAC pads its key to. */
    private final int blockSize;
    private final String oid;

    private DigestAlgorithm(String name, String jdkName, Supplier<Digest> bouncyCastle, int size, int blockSize,
            String oid) {
        this.name = name;
        this.jdkName = jdkName;
        this.bouncyCastle = bouncyCastle;
        this.size = size;
        this.blockSize = blockSize;
        this.oid = oid;
    }

    /** A digest the JDK computes (on the CPU's SHA instructions where it has them); BouncyCastle's for PSS. */
    private static void jdk(String name, String jdkName, Supplier<Digest> bouncyCastle, int size, int blockSize,
            String oid, String... aliases) {
        add(new DigestAlgorithm(name, jdkName, bouncyCastle, size, blockSize, oid), aliases);
    }

    private static void bc(String name, Supplier<Digest> digest, int size, int blockSize, String oid,
            String... aliases) {
        add(new DigestAlgorithm(name, null, digest, size, blockSize, oid), aliases);
    }

    private static void add(DigestAlgorithm a, String... aliases) {
        ALL.add(a);
        BY_NAME.put(a.name.toLowerCase(Locale.ROOT), a);
        if (a.name.startsWith("SHA2-")) {
            BY_NAME.put(a.name.toLowerCase(Locale.ROOT).replace("/", "-"), a);
        }
        for (String alias : aliases) {
            BY_NAME.put(alias, a);
        }
    }

    /**
     * The digest OpenSSL calls {@code name}, in any case; empty for a name OpenSSL does not know.
     *
     * @throws UnsupportedAlgorithmException for a digest only OpenSSL's legacy provider has (MD4, Whirlpool)
     */
    public static Optional<DigestAlgorithm> byName(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (LEGACY.contains(key)) {
            throw new UnsupportedAlgorithmException(name + " is only in OpenSSL's legacy provider, which OpenSSL 3.0 "
                    + "does not load by default");
        }
        return Optional.ofNullable(BY_NAME.get(key));
    }

    /** The digest OpenSSL calls {@code name}, or an exception naming the choices. */
    public static DigestAlgorithm of(String name) {
        return byName(name).orElseThrow(() -> new UnsupportedAlgorithmException("unknown digest " + name
                + "; choose one of: " + String.join(", ", names())));
    }

    /**
     * What {@code openssl dgst -list} offers, in its order: the digests here under their short names, and the
     * legacy ones it lists but cannot load.
     */
    public static List<String> names() {
        return LISTED;
    }

    /** Every digest whale computes, in OpenSSL's order of families. */
    public static List<DigestAlgorithm> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The name OpenSSL 3.0's default provider gives it, as {@code dgst} prints it: {@code SHA2-256}. */
    public String name() {
        return name;
    }

    /** The length of the digest in bytes; for SHAKE, the length OpenSSL gives it by default. */
    public int size() {
        return size;
    }

    /** True for an extendable-output function (SHAKE), whose length is chosen. */
    public boolean isXof() {
        return name.startsWith("SHAKE");
    }

    /** The OID of the digest, which an RSA signature's DigestInfo names; null when there is none. */
    String oid() {
        return oid;
    }

    /** A new computation of the digest, {@link #size()} bytes long. */
    public Digester start() {
        return start(size);
    }

    /** A new computation of the digest, {@code length} bytes long: chosen for SHAKE, {@link #size()} otherwise. */
    public Digester start(int length) {
        if (length != size && !isXof()) {
            throw new UnsupportedAlgorithmException("only SHAKE digests take a length; " + name + " is " + size
                    + " bytes long");
        }
        if (length <= 0) {
            throw new IllegalArgumentException("digest length must be positive: " + length);
        }
        if (name.equals("MD5-SHA1")) {
            return Digester.concat(jdkDigest("MD5"), jdkDigest("SHA-1"));
        }
        if (jdkName != null) {
            return Digester.of(jdkDigest(jdkName));
        }
        Digest d = bouncyCastle.get();
        return d instanceof Xof x ? Digester.of(x, length) : Digester.of(d);
    }

    /** BouncyCastle's implementation, for its signers (RSA-PSS); null for MD5-SHA1, which it has none of. */
    Digest bouncyCastle() {
        return bouncyCastle == null ? null : bouncyCastle.get();
    }

    /**
     * A new HMAC (RFC 2104) with this digest and {@code key}, as {@code openssl dgst -hmac KEY} computes it; the key
     * may be of any length, empty included. The digest's own code does the hashing, so HMAC-SHA-256 runs on the
     * CPU's SHA instructions as the plain digest does.
     *
     * @throws UnsupportedAlgorithmException for SHAKE, whose output has no fixed length to build HMAC on
     */
    public Digester startHmac(byte[] key) {
        if (isXof()) {
            throw new UnsupportedAlgorithmException("HMAC needs a digest of fixed length; " + name
                    + " is an extendable-output function");
        }
        return Digester.hmac(this, key, blockSize);
    }

    private static MessageDigest jdkDigest(String jdkName) {
        try {
            return MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            throw new UnsupportedAlgorithmException("this JDK has no " + jdkName, e);
        }
    }

    @Override
    public String toString() {
        return "DigestAlgorithm.of(\"" + name + "\")";
    }
}
