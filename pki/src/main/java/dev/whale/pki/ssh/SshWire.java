package dev.whale.pki.ssh;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.PkiException;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The SSH wire encoding of RFC 4251 section 5: big-endian uint32, length-prefixed strings and mpints, as used in
 * public key blobs (RFC 4253 section 6.6) and in openssh-key-v1 files.
 */
final class SshWire {
    private SshWire() {}

    /** Reads wire data; every shortfall is a {@link PkiException} naming the input and the field. */
    static final class Reader {
        private final byte[] data;
        private final String source;
        private int pos;
        private final int end;

        Reader(byte[] data, String source) {
            this(data, 0, data.length, source);
        }

        Reader(byte[] data, int offset, int end, String source) {
            this.data = data;
            this.pos = offset;
            this.end = end;
            this.source = source;
        }

        /** The name of the input, for messages. */
        String source() {
            return source;
        }

        int remaining() {
            return end - pos;
        }

        int position() {
            return pos;
        }

        int uint32(String field) {
            need(4, field);
            int v = ((data[pos] & 0xff) << 24) | ((data[pos + 1] & 0xff) << 16) | ((data[pos + 2] & 0xff) << 8)
                    | (data[pos + 3] & 0xff);
            pos += 4;
            return v;
        }

        long uint64(String field) {
            long hi = Integer.toUnsignedLong(uint32(field));
            return hi << 32 | Integer.toUnsignedLong(uint32(field));
        }

        byte[] bytes(int n, String field) {
            need(n, field);
            byte[] b = Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
            return b;
        }

        byte[] string(String field) {
            int len = uint32(field);
            if (len < 0 || len > remaining()) {
                throw broken(field + " is longer than the data left");
            }
            return bytes(len, field);
        }

        /** A string that must hold text; OpenSSH writes names and comments as UTF-8. */
        String text(String field) {
            return new String(string(field), StandardCharsets.UTF_8);
        }

        /** A non-negative mpint (RFC 4251): two's complement, big-endian, no needless leading zero. */
        BigInteger mpint(String field) {
            byte[] b = string(field);
            if (b.length == 0) {
                return BigInteger.ZERO;
            }
            if ((b[0] & 0x80) != 0) {
                throw broken(field + " is negative");
            }
            return new BigInteger(1, b);
        }

        void expectEnd(String what) {
            if (remaining() != 0) {
                throw broken(remaining() + " unexpected bytes after " + what);
            }
        }

        PkiException broken(String what) {
            return new InvalidInputException(source + ": " + what);
        }

        private void need(int n, String field) {
            if (n < 0 || remaining() < n) {
                throw broken("truncated at " + field);
            }
        }
    }

    /** Builds wire data. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer uint32(int v) {
            out.write(v >>> 24);
            out.write(v >>> 16);
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Writer uint64(long v) {
            return uint32((int) (v >>> 32)).uint32((int) v);
        }

        Writer raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Writer raw(int b) {
            out.write(b);
            return this;
        }

        Writer string(byte[] b) {
            uint32(b.length);
            return raw(b);
        }

        Writer string(String s) {
            return string(s.getBytes(StandardCharsets.UTF_8));
        }

        Writer mpint(BigInteger v) {
            if (v.signum() < 0) {
                throw new IllegalArgumentException("mpint must not be negative here");
            }
            return string(v.signum() == 0 ? new byte[0] : v.toByteArray());
        }

        int size() {
            return out.size();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
