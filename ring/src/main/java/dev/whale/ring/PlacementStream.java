package dev.whale.ring;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code whale ring locate} over a stream: keys one per line in, one placement line out for each, exactly as
 * {@link RingText#placement} or {@link RingText#placementCsv} writes it. Lines end as {@link java.io.BufferedReader}
 * ends them (a line feed, a carriage return, or both). Built for millions of keys: it reads bytes in large blocks,
 * hashes an ASCII key without decoding it, and writes its output in blocks of characters.
 */
public final class PlacementStream {
    private static final int BLOCK = 1 << 16;

    private final Partitioner partitioner;
    private final HashFunction hash;
    private final List<Node> nodes;
    /** Whether the hash is its position (at most 64 bits wide), so that no BigInteger is needed to print it. */
    private final boolean narrow;
    private final boolean csv;
    private final Writer out;
    private char[] chars = new char[BLOCK];
    private int used;

    private PlacementStream(Partitioner partitioner, boolean csv, Writer out) {
        this.partitioner = partitioner;
        this.hash = partitioner.hash();
        this.nodes = partitioner.nodes();
        this.narrow = hash.bits() <= 64;
        this.csv = csv;
        this.out = out;
    }

    /**
     * Places each line of {@code in} and writes its placement line to {@code out}, as text ({@code csv} false) or
     * CSV; returns how many keys it placed. {@code out} is flushed at the end.
     */
    public static long place(Partitioner partitioner, boolean csv, InputStream in, Writer out) throws IOException {
        return new PlacementStream(partitioner, csv, out).run(in);
    }

    private long run(InputStream in) throws IOException {
        byte[] buf = new byte[BLOCK];
        int start = 0;
        int end = 0;
        // How far the line from start has been scanned for its end, and whether that part is ASCII.
        int scanned = 0;
        boolean ascii = true;
        long keys = 0;
        boolean skipLineFeed = false;
        boolean eof = false;
        while (!eof) {
            // Room to read: the unread part moved to the front, or a larger buffer for a line longer than it.
            if (end == buf.length) {
                if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    scanned -= start;
                    start = 0;
                } else {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
            while (start < end) {
                if (skipLineFeed) {
                    skipLineFeed = false;
                    if (buf[start] == '\n') {
                        start++;
                        scanned = start;
                        continue;
                    }
                }
                int i = scanned;
                while (i < end && buf[i] != '\n' && buf[i] != '\r') {
                    ascii &= buf[i] >= 0;
                    i++;
                }
                scanned = i;
                if (i == end && !eof) {
                    break;
                }
                key(buf, start, i, ascii);
                keys++;
                skipLineFeed = i < end && buf[i] == '\r';
                start = Math.min(i + 1, end);
                scanned = start;
                ascii = true;
            }
            if (start == end) {
                start = end = scanned = 0;
            }
        }
        flush();
        out.flush();
        return keys;
    }

    /** Places the key in {@code buf[from, to)} and writes its line. */
    private void key(byte[] buf, int from, int to, boolean ascii) throws IOException {
        // A key beyond ASCII is decoded as a reader decodes it, malformed bytes included, so that the key hashed is
        // the one printed.
        String text = ascii ? null : new String(buf, from, to - from, StandardCharsets.UTF_8);
        byte[] key = ascii ? Arrays.copyOfRange(buf, from, to) : text.getBytes(StandardCharsets.UTF_8);
        String partition;
        String node;
        long position = 0;
        Placement wide = null;
        if (narrow) {
            // The position is the hash: what Partitioner.place does, without a BigInteger a key.
            position = hash.position(key);
            partition = partitioner.partitionAt(position);
            int n = partitioner.nodeAt(position);
            node = n == Partitioner.ROUND_ROBIN ? Placement.ROUND_ROBIN : nodes.get(n).name();
        } else {
            wide = partitioner.place(key);
            partition = wide.partition();
            node = wide.node();
        }
        char separator = csv ? ',' : '\t';
        if (csv) {
            append(RingText.csv(ascii ? new String(buf, from, to - from, StandardCharsets.ISO_8859_1) : text));
        } else if (ascii) {
            ascii(buf, from, to);
        } else {
            append(text);
        }
        append(separator);
        append(csv ? RingText.csv(node) : node);
        append(separator);
        append(csv ? RingText.csv(partition) : partition);
        append(separator);
        if (wide != null) {
            append(wide.hash().toString());
        } else {
            digits(position);
        }
        append('\n');
    }

    /** An unsigned position in decimal. */
    private void digits(long v) throws IOException {
        if (v < 0) {
            append(Long.toUnsignedString(v));
            return;
        }
        room(19);
        int n = 1;
        while (n < POWERS.length && v >= POWERS[n]) {
            n++;
        }
        for (int i = used + n - 1; i >= used; i--) {
            chars[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        used += n;
    }

    /** 10^0 to 10^18: a positive long has at most 19 digits. */
    private static final long[] POWERS = new long[19];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    private void ascii(byte[] b, int from, int to) throws IOException {
        room(to - from);
        for (int i = from; i < to; i++) {
            chars[used++] = (char) b[i];
        }
    }

    private void append(String s) throws IOException {
        room(s.length());
        s.getChars(0, s.length(), chars, used);
        used += s.length();
    }

    private void append(char c) throws IOException {
        room(1);
        chars[used++] = c;
    }

    private void room(int n) throws IOException {
        if (used + n > chars.length) {
            flush();
            if (n > chars.length) {
                chars = new char[n];
            }
        }
    }

    private void flush() throws IOException {
        out.write(chars, 0, used);
        used = 0;
    }
}
