package dev.whale.ring;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32;

/** The hash functions whale knows: the standard ones users pick, and the ones real systems use for placement. */
enum Hashes implements HashFunction {
    /** The post's demo hash: the first 7 hex digits of SHA-1, a 28-bit space. */
    SHA1_28("sha1-28", 28) {
        @Override
        public long position(byte[] key) {
            byte[] d = digest("SHA-1", key);
            return ((d[0] & 0xffL) << 20) | ((d[1] & 0xffL) << 12) | ((d[2] & 0xffL) << 4) | ((d[3] & 0xffL) >>> 4);
        }
    },
    /** MD5 as a 128-bit integer; positions are its top 64 bits. */
    MD5("md5", 128) {
        @Override
        public long position(byte[] key) {
            return bigEndianLong(digest("MD5", key), 0);
        }

        @Override
        public BigInteger value(byte[] key) {
            return new BigInteger(1, digest("MD5", key));
        }
    },
    CRC32("crc32", 32) {
        @Override
        public long position(byte[] key) {
            CRC32 crc = new CRC32();
            crc.update(key);
            return crc.getValue();
        }
    },
    /** XXH64 with seed 0, as Envoy hashes. */
    XXH64("xxh64", 64) {
        private final Hasher64 hasher = Hashing.xxh64();

        @Override
        public long position(byte[] key) {
            return hasher.hashBytesToLong(key);
        }
    },
    /** MurmurHash3 x64 128 with seed 0, its first 64 bits: Guava's {@code murmur3_128().hashBytes(k).asLong()}. */
    MURMUR3("murmur3", 64) {
        private final Hasher64 hasher = Hashing.murmur3_128();

        @Override
        public long position(byte[] key) {
            return hasher.hashBytesToLong(key);
        }
    },
    /** ketama's key hash: the first 4 bytes of MD5, little-endian (spymemcached's KETAMA_HASH). */
    KETAMA("ketama-md5", 32) {
        @Override
        public long position(byte[] key) {
            return littleEndianInt(digest("MD5", key), 0);
        }
    },
    /**
     * HAProxy's bare {@code hash-type consistent}: sdbm with the avalanche modifier, full_hash (src/hash.c,
     * src/lb_chash.c, src/cfgparse-listen.c).
     */
    HAPROXY("sdbm-avalanche", 32) {
        @Override
        public long position(byte[] key) {
            return Integer.toUnsignedLong(haproxyFullHash(sdbm(key)));
        }
    },
    /** sdbm as HAProxy computes it, without a modifier: {@code hash-type consistent sdbm} written out. */
    SDBM("sdbm", 32) {
        @Override
        public long position(byte[] key) {
            return Integer.toUnsignedLong(sdbm(key));
        }
    },
    /**
     * Bob Jenkins' one-at-a-time, libhashkit's default key and distribution hash. Each byte is read as a C
     * {@code char}, signed on x86 and arm64 Linux builds, and widened with its sign, as libhashkit does.
     */
    ONE_AT_A_TIME("one-at-a-time", 32) {
        @Override
        public long position(byte[] key) {
            int h = 0;
            for (byte b : key) {
                h += b;
                h += h << 10;
                h ^= h >>> 6;
            }
            h += h << 3;
            h ^= h >>> 11;
            h += h << 15;
            return Integer.toUnsignedLong(h);
        }
    };

    private final String id;
    private final int bits;

    Hashes(String id, int bits) {
        this.id = id;
        this.bits = bits;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int bits() {
        return bits;
    }

    @Override
    public String toString() {
        return id;
    }

    /** HAProxy's sdbm over the key's bytes (hash_sdbm in src/hash.c). */
    static int sdbm(byte[] key) {
        int h = 0;
        for (byte b : key) {
            h = (b & 0xff) + (h << 6) + (h << 16) - h;
        }
        return h;
    }

    /**
     * Bob Jenkins' 6-shift integer hash times 3221225473, which HAProxy applies to both points and keys so that they
     * spread over the 32-bit ring (full_hash in include/haproxy/hash.h).
     */
    static int haproxyFullHash(int a) {
        a = (a + 0x7ed55d16) + (a << 12);
        a = (a ^ 0xc761c23c) ^ (a >>> 19);
        a = (a + 0x165667b1) + (a << 5);
        a = (a + 0xd3a2646c) ^ (a << 9);
        a = (a + 0xfd7046c5) + (a << 3);
        a = (a ^ 0xb55a4f09) ^ (a >>> 16);
        return a * (int) 3221225473L;
    }

    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> newDigest("SHA-1"));
    private static final ThreadLocal<MessageDigest> MD5_DIGEST = ThreadLocal.withInitial(() -> newDigest("MD5"));

    /** SHA-1 or MD5 of {@code input}; one digest object per thread, since looking one up is slower than hashing. */
    static byte[] digest(String algorithm, byte[] input) {
        MessageDigest md = switch (algorithm) {
            case "SHA-1" -> SHA1.get();
            case "MD5" -> MD5_DIGEST.get();
            default -> newDigest(algorithm);
        };
        return md.digest(input);
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    static long bigEndianLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xffL);
        }
        return v;
    }

    static long littleEndianInt(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
    }
}
