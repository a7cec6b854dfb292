package dev.whale.pki.digest;

import dev.whale.pki.PkiIOException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.Xof;

/**
 * One digest being computed: bytes go in with {@code update}, the digest comes out once with {@link #digest()}.
 * Files are streamed through a direct buffer, so that a file of any size costs one megabyte of memory.
 */
public abstract class Digester {
    /** Big enough that the per-call cost vanishes, small enough to stay in the CPU's caches. */
    private static final int BUFFER = 1 << 20;

    Digester() {}

    /** Adds the bytes between {@code b}'s position and its limit, moving the position to the limit. */
    public abstract void update(ByteBuffer b);

    /** Adds {@code len} bytes of {@code b} from {@code off}. */
    public void update(byte[] b, int off, int len) {
        update(ByteBuffer.wrap(b, off, len));
    }

    /** The digest of everything added; the digester cannot be used afterwards. */
    public abstract byte[] digest();

    /** Adds the whole file {@code file}, read in large blocks; {@code file} names it in errors. */
    public Digester update(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
            while (ch.read(buf) >= 0) {
                buf.flip();
                update(buf);
                buf.clear();
            }
            return this;
        } catch (IOException e) {
            throw new PkiIOException(file + ": " + reason(e), e);
        }
    }

    /** Adds everything {@code in} holds, up to its end; {@code source} names it in errors. */
    public Digester update(InputStream in, String source) {
        byte[] buf = new byte[BUFFER];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                update(buf, 0, n);
            }
            return this;
        } catch (IOException e) {
            throw new PkiIOException(source + ": " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static Digester of(MessageDigest md) {
        return new Digester() {
            @Override
            public void update(ByteBuffer b) {
                md.update(b);
            }

            @Override
            public void update(byte[] b, int off, int len) {
                md.update(b, off, len);
            }

            @Override
            public byte[] digest() {
                return md.digest();
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
        public void update(byte[] b, int off, int len) {
            d.update(b, off, len);
        }
    }
}
