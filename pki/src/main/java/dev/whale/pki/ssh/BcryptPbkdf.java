package dev.whale.pki.ssh;

import dev.whale.pki.InvalidInputException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bcrypt_pbkdf, the key derivation function of openssh-key-v1 files (OpenBSD's lib/libutil/bcrypt_pbkdf.c, copied
 * into openssh-portable as openbsd-compat/bcrypt_pbkdf.c): PBKDF2's structure around a bcrypt-based hash, with the
 * output bytes of its 32-byte blocks interleaved.
 *
 * <p>Each block is computed independently of the others, so blocks run on threads of their own: the 48 bytes of an
 * aes256-ctr key and IV are two blocks, which take half the time on two cores. {@link Progress} hears of every
 * round, which OpenSSH's implementation cannot report.
 */
public final class BcryptPbkdf {
    /** What OpenSSH 9.2 uses when {@code ssh-keygen -a} is not given (9.4 and later use 24). */
    public static final int DEFAULT_ROUNDS = 16;

    private static final int HASH_BYTES = 32;
    private static final int MAX_KEY_BYTES = HASH_BYTES * HASH_BYTES;
    private static final int[] MAGIC = words("OxychromaticBlowfishSwatDynamite".getBytes(StandardCharsets.US_ASCII));
    /** Blowfish's initial P-array (18 words) then its four S-boxes (256 words each): the hex digits of pi. */
    private static final int[] PI = loadPi();

    /** Hears how far a derivation has got; called from the thread that finished the round, possibly concurrently. */
    @FunctionalInterface
    public interface Progress {
        /** {@code done} of {@code total} rounds are finished, counting the rounds of every output block. */
        void update(long done, long total);

        /** Progress that nobody watches. */
        static Progress none() {
            return (done, total) -> { };
        }
    }

    private BcryptPbkdf() {}

    /**
     * {@code keyLength} bytes derived from {@code passphrase} and {@code salt} with {@code rounds} rounds, exactly as
     * OpenSSH's bcrypt_pbkdf derives them.
     */
    public static byte[] derive(byte[] passphrase, byte[] salt, int rounds, int keyLength, Progress progress) {
        if (rounds < 1) {
            throw new InvalidInputException("bcrypt_pbkdf rounds must be at least 1: " + rounds);
        }
        if (passphrase.length == 0) {
            throw new InvalidInputException("bcrypt_pbkdf needs a non-empty passphrase");
        }
        if (salt.length == 0 || salt.length > 1 << 20) {
            throw new InvalidInputException("bcrypt_pbkdf salt must be 1 byte to 1 MiB: " + salt.length);
        }
        if (keyLength < 1 || keyLength > MAX_KEY_BYTES) {
            throw new InvalidInputException("bcrypt_pbkdf key length must be 1.." + MAX_KEY_BYTES + ": "
                    + keyLength);
        }
        int stride = (keyLength + HASH_BYTES - 1) / HASH_BYTES;
        int amount = (keyLength + stride - 1) / stride;
        List<int[]> blocks = plan(keyLength, stride, amount);

        byte[] sha2pass = sha512(passphrase);
        long total = (long) rounds * blocks.size();
        AtomicLong done = new AtomicLong();
        Tick counted = () -> progress.update(done.incrementAndGet(), total);
        byte[][] outputs = new byte[blocks.size()][];
        List<Thread> helpers = new ArrayList<>();
        Throwable[] failure = new Throwable[blocks.size()];
        for (int b = 1; b < blocks.size(); b++) {
            int block = b;
            Thread t = Thread.ofPlatform().daemon().name("bcrypt_pbkdf-" + (block + 1)).start(() -> {
                try {
                    outputs[block] = block(sha2pass, salt, block + 1, rounds, counted);
                } catch (Throwable e) {
                    failure[block] = e;
                }
            });
            helpers.add(t);
        }
        outputs[0] = block(sha2pass, salt, 1, rounds, counted);
        boolean interrupted = false;
        for (Thread t : helpers) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (Throwable f : failure) {
            if (f != null) {
                throw new IllegalStateException("bcrypt_pbkdf failed: " + f, f);
            }
        }
        byte[] key = new byte[keyLength];
        for (int b = 0; b < blocks.size(); b++) {
            int placed = blocks.get(b)[1];
            for (int i = 0; i < placed; i++) {
                key[i * stride + b] = outputs[b][i];
            }
            Arrays.fill(outputs[b], (byte) 0);
        }
        Arrays.fill(sha2pass, (byte) 0);
        return key;
    }

    /** A derivation without progress reports. */
    public static byte[] derive(byte[] passphrase, byte[] salt, int rounds, int keyLength) {
        return derive(passphrase, salt, rounds, keyLength, Progress.none());
    }

    /** Replays OpenSSH's output loop: for each block, {count, bytes it places}. */
    private static List<int[]> plan(int keyLength, int stride, int amount) {
        List<int[]> blocks = new ArrayList<>();
        int left = keyLength;
        for (int count = 1; left > 0; count++) {
            int n = Math.min(amount, left);
            int placed = 0;
            while (placed < n && placed * stride + count - 1 < keyLength) {
                placed++;
            }
            blocks.add(new int[] {count, placed});
            left -= placed;
        }
        return blocks;
    }

    private interface Tick {
        void round();
    }

    private static byte[] block(byte[] sha2pass, byte[] salt, int count, int rounds, Tick tick) {
        MessageDigest sha512 = sha512();
        sha512.update(salt);
        sha512.update(new byte[] {(byte) (count >>> 24), (byte) (count >>> 16), (byte) (count >>> 8), (byte) count});
        byte[] sha2salt = sha512.digest();
        int[] pass = words(sha2pass);
        Blowfish state = new Blowfish();
        byte[] tmp = state.bcryptHash(pass, words(sha2salt));
        byte[] out = tmp.clone();
        tick.round();
        for (int r = 1; r < rounds; r++) {
            tmp = state.bcryptHash(pass, words(sha512.digest(tmp)));
            for (int i = 0; i < HASH_BYTES; i++) {
                out[i] ^= tmp[i];
            }
            tick.round();
        }
        return out;
    }

    /** Blowfish with the Eksblowfish key schedule, sized for 64-byte SHA-512 keys and salts (16 words each). */
    private static final class Blowfish {
        private final int[] p = new int[18];
        private final int[] s = new int[1024];
        private final int[] data = new int[8];

        /** bcrypt_hash: 64 rounds of key expansion, then 64 encryptions of the magic string. */
        byte[] bcryptHash(int[] pass, int[] salt) {
            System.arraycopy(PI, 0, p, 0, 18);
            System.arraycopy(PI, 18, s, 0, 1024);
            expand(pass, salt);
            for (int i = 0; i < 64; i++) {
                expand0(salt);
                expand0(pass);
            }
            System.arraycopy(MAGIC, 0, data, 0, 8);
            for (int i = 0; i < 64; i++) {
                for (int k = 0; k < 8; k += 2) {
                    long lr = encipher(p, s, data[k], data[k + 1]);
                    data[k] = (int) (lr >>> 32);
                    data[k + 1] = (int) lr;
                }
            }
            byte[] out = new byte[HASH_BYTES];
            for (int i = 0; i < 8; i++) {
                int w = data[i];
                out[4 * i] = (byte) w;
                out[4 * i + 1] = (byte) (w >>> 8);
                out[4 * i + 2] = (byte) (w >>> 16);
                out[4 * i + 3] = (byte) (w >>> 24);
            }
            return out;
        }

        /** Blowfish_expandstate: the key into P, then P and the S-boxes re-keyed by encrypting the salt. */
        private void expand(int[] key, int[] salt) {
            int[] p = this.p;
            int[] s = this.s;
            for (int i = 0; i < 18; i++) {
                p[i] ^= key[i & 15];
            }
            int l = 0;
            int r = 0;
            int j = 0;
            for (int i = 0; i < 1042; i += 2) {
                l ^= salt[j];
                r ^= salt[j + 1];
                j = (j + 2) & 15;
                long lr = encipher(p, s, l, r);
                l = (int) (lr >>> 32);
                r = (int) lr;
                store(p, s, i, l, r);
            }
        }

        /** Blowfish_expand0state: as {@link #expand} without a salt. */
        private void expand0(int[] key) {
            int[] p = this.p;
            int[] s = this.s;
            for (int i = 0; i < 18; i++) {
                p[i] ^= key[i & 15];
            }
            int l = 0;
            int r = 0;
            for (int i = 0; i < 1042; i += 2) {
                long lr = encipher(p, s, l, r);
                l = (int) (lr >>> 32);
                r = (int) lr;
                store(p, s, i, l, r);
            }
        }

        /** Word {@code i} of the state counts P first, then the S-boxes. */
        private static void store(int[] p, int[] s, int i, int l, int r) {
            if (i < 18) {
                p[i] = l;
                p[i + 1] = r;
            } else {
                s[i - 18] = l;
                s[i - 17] = r;
            }
        }

        /** One Blowfish block, the 16 rounds written out; returns the new left half high, the right half low. */
        private static long encipher(int[] p, int[] s, int l, int r) {
            l ^= p[0];
            r ^= f(s, l) ^ p[1];
            l ^= f(s, r) ^ p[2];
            r ^= f(s, l) ^ p[3];
            l ^= f(s, r) ^ p[4];
            r ^= f(s, l) ^ p[5];
            l ^= f(s, r) ^ p[6];
            r ^= f(s, l) ^ p[7];
            l ^= f(s, r) ^ p[8];
            r ^= f(s, l) ^ p[9];
            l ^= f(s, r) ^ p[10];
            r ^= f(s, l) ^ p[11];
            l ^= f(s, r) ^ p[12];
            r ^= f(s, l) ^ p[13];
            l ^= f(s, r) ^ p[14];
            r ^= f(s, l) ^ p[15];
            l ^= f(s, r) ^ p[16];
            r ^= p[17];
            return ((long) r << 32) | (l & 0xffffffffL);
        }

        private static int f(int[] s, int x) {
            return ((s[x >>> 24] + s[256 + ((x >>> 16) & 0xff)]) ^ s[512 + ((x >>> 8) & 0xff)]) + s[768 + (x & 0xff)];
        }
    }

    /** Big-endian 32-bit words, as Blowfish_stream2word reads them. */
    private static int[] words(byte[] b) {
        int[] w = new int[b.length / 4];
        for (int i = 0; i < w.length; i++) {
            w[i] = ((b[4 * i] & 0xff) << 24) | ((b[4 * i + 1] & 0xff) << 16) | ((b[4 * i + 2] & 0xff) << 8)
                    | (b[4 * i + 3] & 0xff);
        }
        return w;
    }

    private static byte[] sha512(byte[] b) {
        return sha512().digest(b);
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-512", e);
        }
    }

    private static int[] loadPi() {
        try (InputStream in = BcryptPbkdf.class.getResourceAsStream("blowfish-pi.bin")) {
            if (in == null) {
                throw new IllegalStateException("blowfish-pi.bin is missing from the pki jar");
            }
            DataInputStream d = new DataInputStream(in);
            int[] w = new int[18 + 1024];
            for (int i = 0; i < w.length; i++) {
                w[i] = d.readInt();
            }
            return w;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read blowfish-pi.bin: " + e.getMessage(), e);
        }
    }
}
