package dev.whale.ring;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A hash function that maps a key to a position in a space of {@code 2^bits()} values.
 *
 * <p>Positions are unsigned: a 64-bit position is a {@code long} read as unsigned. Functions wider than 64 bits (md5)
 * place keys by their top 64 bits, and still give their whole value through {@link #value(byte[])}.
 */
public interface HashFunction {

    /** The name used on the command line, such as {@code sha1-28}. */
    String id();

    /** The width of {@link #value(byte[])}, in bits. */
    int bits();

    /** The width of the position space, at most 64. */
    default int positionBits() {
        return Math.min(bits(), 64);
    }

    /** The key's position in {@code [0, 2^positionBits())}, as an unsigned long. */
    long position(byte[] key);

    /**
     * The key's hash as the whole unsigned integer of {@link #bits()} bits; for a hash of at most 64 bits, its
     * position.
     */
    default BigInteger value(byte[] key) {
        return Unsigned.toBigInteger(position(key));
    }

    default long position(String key) {
        return position(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The standard functions, by their id: sha1-28, md5, crc32, xxh64, murmur3. */
    static HashFunction of(String id) {
        for (HashFunction f : standard()) {
            if (f.id().equals(id)) {
                return f;
            }
        }
        throw RingException.of("unknown hash '%s'; choose one of: %s", id, ids());
    }

    static List<HashFunction> standard() {
        return List.of(Hashes.SHA1_28, Hashes.MD5, Hashes.CRC32, Hashes.XXH64, Hashes.MURMUR3);
    }

    private static String ids() {
        return String.join(", ", standard().stream().map(HashFunction::id).toList());
    }
}
