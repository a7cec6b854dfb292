package dev.whale.pki.digest;

import dev.whale.pki.PkiIOException;
import dev.whale.pki.internal.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.Xof;

/**
 * One digest being computed: bytes go in with {@code update}, the digest comes out once with {@link #digest()}.
 * Large files and streams are read on a second thread while this one digests, through a few buffers that stay in
 * the CPU's caches: a file of any size costs at most {@link #BLOCKS} times {@link #BLOCK} bytes of memory.
 */
public abstract class Digester {
    /**
     * Bytes handed over at a time: large enough that the hand-over cost vanishes, small enough to stay in a core's
     * L2 cache (one buffer of 1 MiB digested 10% slower than 256 KiB ones, docs/benchmarks.md).
     */
    static final int BLOCK = 256 << 10;
    /** Buffers between the reader and the digest: enough that neither waits on the other's jitter. */
    static final int BLOCKS = 8;
    /** What the reader hands over after the last bytes, or after a failure. */
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    Digester() {}

    /** Adds the bytes between {@code b}'s position and its limit, moving the position to the limit. */
    public abstract void update(ByteBuffer b);

    /** Adds {@code len} bytes of {@code b} from {@code off}. */
    public Digester update(byte[] b, int off, int len) {
        update(ByteBuffer.wrap(b, off, len));
        return this;
    }

    /** The digest of everything added; the digester cannot be used afterwards. */
    public abstract byte[] digest();

    /** Adds the whole file {@code file}; {@code file} names it in errors. */
    public Digester update(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            // At least OpenSSL's 8 KiB: files in /proc and devices say they are empty.
            return size < BLOCK ? update(ch, file.toString(), ByteBuffer.allocate((int) Math.max(size + 1, 8192)))
                    : update(ch, file.toString());
        } catch (IOException e) {
            throw new PkiIOException(file + ": " + IoErrors.strerror(e), e);
        }
    }

    /** Adds everything {@code in} holds, up to its end; {@code source} names it in errors. */
    public Digester update(InputStream in, String source) {
        return update(Channels.newChannel(in), source);
    }

    /**
     * Reads {@code in} to its end through {@code buf} on this thread: for a small file, where a second thread and
     * its buffers would cost more than the reading. The size is only a hint: a file that grew is read to its end.
     */
    private Digester update(ReadableByteChannel in, String source, ByteBuffer buf) {
        try {
            while (in.read(buf.clear()) >= 0) {
                update(buf.array(), 0, buf.position());
            }
            return this;
        } catch (IOException e) {
            throw new PkiIOException(source + ": " + IoErrors.strerror(e), e);
        }
    }

    /**
     * Reads {@code in} to its end on a second thread and digests on this one. The kernel's copy of a file costs
     * about a third of what SHA-256 costs, so on two cores the reading is nearly free; OpenSSL does both on one.
     */
    private Digester update(ReadableByteChannel in, String source) {
        BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BLOCKS);
        BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(BLOCKS + 1);
        AtomicReference<IOException> failure = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().name("whale-digest-reader").daemon().start(() -> {
            try {
                int n = 0;
                int buffers = 0;
                while (n >= 0) {
                    // a new buffer only while none is free: a file of 300 KiB needs two
                    ByteBuffer b = free.poll();
                    if (b == null) {
                        b = buffers < BLOCKS ? ByteBuffer.allocate(BLOCK) : free.take();
                        buffers++;
                    }
                    b.clear();
                    while (b.hasRemaining() && (n = in.read(b)) >= 0) {
                        // fill the buffer: a pipe hands over a few KiB at a time
                    }
                    if (b.flip().hasRemaining()) {
                        full.put(b);
                    }
                }
            } catch (IOException e) {
                failure.set(e);
            } catch (InterruptedException e) {
                // the digest stopped: nobody waits for more
            } finally {
                full.add(END); // there is always room: one more place than buffers
            }
        });
        try {
            for (ByteBuffer b = full.take(); b != END; b = full.take()) {
                update(b.array(), 0, b.limit());
                free.add(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PkiIOException(source + ": interrupted", new InterruptedIOException());
        } finally {
            reader.interrupt();
        }
        IOException e = failure.get();
        if (e != null) {
            throw new PkiIOException(source + ": " + IoErrors.strerror(e), e);
        }
        return this;
    }

    static Digester of(MessageDigest md) {
        return new Digester() {
            @Override
            public void update(ByteBuffer b) {
                md.update(b);
            }

            @Override
            public Digester update(byte[] b, int off, int len) {
                md.update(b, off, len);
                return this;
            }

            @Override
            public byte[] digest() {
                return md.digest();
            }
        };
    }

    /**
     * HMAC (RFC 2104): the digest of the padded key XOR 0x36 and the message, then the digest of the padded key XOR
     * 0x5c and that. A key longer than a block is digested first. The padded keys are zeroed once used.
     */
    static Digester hmac(DigestAlgorithm algorithm, byte[] key, int blockSize) {
        byte[] k = key.length > blockSize ? algorithm.start().update(key, 0, key.length).digest() : key;
        byte[] padded = Arrays.copyOf(k, blockSize);
        if (k != key) {
            Arrays.fill(k, (byte) 0);
        }
        byte[] outerKey = new byte[blockSize];
        for (int i = 0; i < blockSize; i++) {
            outerKey[i] = (byte) (padded[i] ^ 0x5c);
            padded[i] ^= 0x36;
        }
        Digester inner = algorithm.start().update(padded, 0, blockSize);
        Arrays.fill(padded, (byte) 0);
        return new Digester() {
            @Override
            public void update(ByteBuffer b) {
                inner.update(b);
            }

            @Override
            public Digester update(byte[] b, int off, int len) {
                inner.update(b, off, len);
                return this;
            }

            @Override
            public byte[] digest() {
                byte[] h = inner.digest();
                byte[] mac = algorithm.start().update(outerKey, 0, blockSize).update(h, 0, h.length).digest();
                Arrays.fill(outerKey, (byte) 0);
                return mac;
            }
        };
    }

    /** MD5 and SHA-1 side by side, as TLS 1.0 signed them (OpenSSL's md5-sha1). */
    static Digester concat(MessageDigest first, MessageDigest second) {
        return new Digester() {
            @Override
            public void update(ByteBuffer b) {
                ByteBuffer dup = b.duplicate();
                first.update(b);
                second.update(dup);
            }

            @Override
            public byte[] digest() {
                byte[] a = first.digest();
                byte[] c = second.digest();
                byte[] out = new byte[a.length + c.length];
                System.arraycopy(a, 0, out, 0, a.length);
                System.arraycopy(c, 0, out, a.length, c.length);
                return out;
            }
        };
    }

    static Digester of(Digest d) {
        return new BcDigester(d) {
            @Override
            public byte[] digest() {
                byte[] out = new byte[d.getDigestSize()];
                d.doFinal(out, 0);
                return out;
            }
        };
    }

    static Digester of(Xof x, int length) {
        return new BcDigester(x) {
            @Override
            public byte[] digest() {
                byte[] out = new byte[length];
                x.doFinal(out, 0, length);
                return out;
            }
        };
    }

    /** BouncyCastle's digests take arrays: a direct buffer is copied through a small one. */
    private abstract static class BcDigester extends Digester {
        private final Digest d;
        private byte[] chunk;

        BcDigester(Digest d) {
            this.d = d;
        }

        @Override
        public void update(ByteBuffer b) {
            if (b.hasArray()) {
                d.update(b.array(), b.arrayOffset() + b.position(), b.remaining());
                b.position(b.limit());
                return;
            }
            if (chunk == null) {
                chunk = new byte[64 * 1024];
            }
            while (b.hasRemaining()) {
                int n = Math.min(chunk.length, b.remaining());
                b.get(chunk, 0, n);
                d.update(chunk, 0, n);
            }
        }

        @Override
        public Digester update(byte[] b, int off, int len) {
            d.update(b, off, len);
            return this;
        }
    }
}
