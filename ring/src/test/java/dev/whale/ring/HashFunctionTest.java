package dev.whale.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.hash.Hashing;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HashFunctionTest {

    @Test
    void sha1_28_givesThePostsPartitionHashes() {
        HashFunction h = HashFunction.of("sha1-28");
        assertEquals(28, h.bits());
        assertEquals(148456820L, h.position("server-a-0"));
        assertEquals(57674441L, h.position("server-a-1"));
        assertEquals(216250418L, h.position("server-a-2"));
        assertEquals(30595746L, h.position("server-a-3"));
        assertEquals(23746828L, h.position("server-a-4"));
    }

    @Test
    void md5_isThe128BitIntegerOfTheSalaryExample() {
        HashFunction h = HashFunction.of("md5");
        byte[] k = "60000".getBytes(StandardCharsets.UTF_8);
        assertEquals(new BigInteger("57500283691658467528082923406379043196"), h.value(k));
        assertEquals(new BigInteger("209589555716047624083879134729984902154"), h.value("60100".getBytes()));
        assertEquals(h.value(k).shiftRight(64).longValue(), h.position(k));
    }

    @Test
    void crc32_isTheStandardCrc() {
        assertEquals(0xCBF43926L, HashFunction.of("crc32").position("123456789"));
    }

    @Test
    void xxh64_matchesTheReferenceVector() {
        // XXH64("", 0) from the xxHash reference implementation.
        assertEquals(0xEF46DB3751D8E999L, HashFunction.of("xxh64").position(""));
    }

    @Test
    void murmur3_matchesGuava_onRandomKeys() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            byte[] key = new byte[rnd.nextInt(40)];
            rnd.nextBytes(key);
            assertEquals(Hashing.murmur3_128().hashBytes(key).asLong(), HashFunction.of("murmur3").position(key));
        }
    }

    @Test
    void of_unknownHash_namesTheValueAndTheChoices() {
        RingException e = assertThrows(RingException.class, () -> HashFunction.of("sha3"));
        assertEquals("unknown hash 'sha3'; choose one of: sha1-28, md5, crc32, xxh64, murmur3", e.getMessage());
    }
}
