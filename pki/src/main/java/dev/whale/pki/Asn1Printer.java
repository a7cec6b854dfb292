package dev.whale.pki;

import dev.whale.pki.internal.Der;
import dev.whale.pki.internal.Oids;
import dev.whale.pki.internal.OpenSslText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The text of {@code openssl asn1parse} for DER or BER bytes, byte for byte as OpenSSL 3.0 prints it: one line per
 * element with its offset, depth, header and content lengths, tag and value (crypto/asn1/asn1_parse.c), after the
 * {@code -strparse}, {@code -offset} and {@code -length} selection of apps/asn1parse.c.
 *
 * <p>Where OpenSSL stops with "Error in encoding" and an error stack, this class throws an {@link Asn1Exception} that
 * names the input, the offset and the problem, and prints nothing. It is stricter than OpenSSL in two places: nesting
 * deeper than {@link Der#MAX_DEPTH} and an indefinite length without its end-of-contents marker are errors.
 */
public final class Asn1Printer {
    /** Longest OBJECT IDENTIFIER body that OBJ_obj2txt turns into text (OpenSSL 3.0.9 and later, CVE-2023-2650). */
    private static final int MAX_OID_TEXT_BYTES = 586;


    private static final int BOOLEAN = 1;
    private static final int INTEGER = 2;
    private static final int BIT_STRING = 3;
    private static final int OCTET_STRING = 4;
    private static final int NULL = 5;
    private static final int OBJECT = 6;
    private static final int ENUMERATED = 10;
    private static final int UTF8STRING = 12;
    private static final int SEQUENCE = 16;
    private static final int SET = 17;
    private static final int NUMERICSTRING = 18;
    private static final int PRINTABLESTRING = 19;
    private static final int T61STRING = 20;
    private static final int IA5STRING = 22;
    private static final int UTCTIME = 23;
    private static final int GENERALIZEDTIME = 24;
    private static final int VISIBLESTRING = 26;
    private static final int UNIVERSALSTRING = 28;
    private static final int BMPSTRING = 30;

    private static final byte[] HEX = OpenSslText.UPPER_DIGITS.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LOWER_HEX = OpenSslText.LOWER_DIGITS.getBytes(StandardCharsets.US_ASCII);

    private final boolean indent;
    private final int dump;
    private final List<Integer> strparse;
    private final int offset;
    private final int length;

    private Asn1Printer(Builder b) {
        this.indent = b.indent;
        this.dump = b.dump;
        this.strparse = List.copyOf(b.strparse);
        this.offset = b.offset;
        this.length = b.length;
    }

    /** A printer with OpenSSL's defaults: no indentation, no dump, the whole input. */
    public static Asn1Printer openssl() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The options of {@code openssl asn1parse} that change what is printed. */
    public static final class Builder {
        private boolean indent;
        private int dump;
        private final List<Integer> strparse = new ArrayList<>();
        private int offset;
        private int length;

        private Builder() {}

        /** {@code -i}: indents each tag name by its depth. */
        public Builder indent(boolean on) {
            this.indent = on;
            return this;
        }

        /** {@code -dump}: shows strings that are not text, and other unprinted values, as a hex dump. */
        public Builder dumpAll() {
            this.dump = -1;
            return this;
        }

        /** {@code -dlimit N}: like {@link #dumpAll()}, but dumps only the first {@code bytes} bytes of each value. */
        public Builder dumpLimit(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("dump limit must be positive: " + bytes);
            }
            this.dump = bytes;
            return this;
        }

        /**
         * {@code -strparse OFFSET}, repeatable: parses the value of the element at {@code at} instead of the whole
         * input; each further one is an offset inside the previous value.
         */
        public Builder strparse(int at) {
            if (at <= 0) {
                throw new IllegalArgumentException("strparse offset must be positive: " + at);
            }
            strparse.add(at);
            return this;
        }

        /** {@code -offset N}: starts parsing {@code n} bytes into the (strparse-selected) data. */
        public Builder offset(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("offset must not be negative: " + n);
            }
            this.offset = n;
            return this;
        }

        /** {@code -length N}: parses at most {@code n} bytes; 0 means up to the end. */
        public Builder length(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("length must not be negative: " + n);
            }
            this.length = n;
            return this;
        }

        public Asn1Printer build() {
            return new Asn1Printer(this);
        }
    }

    /**
     * What {@code openssl asn1parse} prints for {@code data} (DER or BER, after PEM decoding), as bytes: string
     * values are copied raw, as OpenSSL copies them. {@code source} names the input in errors.
     *
     * @throws Asn1Exception when the bytes are not a structure OpenSSL would print in full
     */
    public byte[] print(byte[] data, String source) {
        byte[] selected = select(data, source);
        Printing run = new Printing(strparse.isEmpty() ? source : source + " (" + strparseFlags(strparse) + ")");
        int p = 0;
        while (p < selected.length) {
            p = run.element(selected, p, selected.length, 0);
            if (run.endOfContents) {
                break;
            }
        }
        return run.out.toByteArray();
    }

    /** {@link #print} as text; string values that are not UTF-8 come out as U+FFFD. */
    public String text(byte[] data, String source) {
        return new String(print(data, source), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Asn1Printer[");
        List<String> flags = new ArrayList<>();
        if (indent) {
            flags.add("-i");
        }
        if (dump == -1) {
            flags.add("-dump");
        } else if (dump > 0) {
            flags.add("-dlimit " + dump);
        }
        if (!strparse.isEmpty()) {
            flags.add(strparseFlags(strparse));
        }
        if (offset > 0) {
            flags.add("-offset " + offset);
        }
        if (length > 0) {
            flags.add("-length " + length);
        }
        return sb.append(String.join(" ", flags)).append(']').toString();
    }

    private static String strparseFlags(List<Integer> offsets) {
        StringBuilder sb = new StringBuilder();
        for (int at : offsets) {
            sb.append(sb.isEmpty() ? "" : " ").append("-strparse ").append(at);
        }
        return sb.toString();
    }

    /** The bytes that apps/asn1parse.c hands to ASN1_parse_dump after -strparse, -offset and -length. */
    private byte[] select(byte[] data, String source) {
        byte[] d = data;
        String where = source;
        for (int i = 0; i < strparse.size(); i++) {
            int at = strparse.get(i);
            if (at >= d.length) {
                throw new Asn1Exception(where + ": -strparse " + at + " is out of range: the data has " + d.length
                        + " bytes");
            }
            d = value(d, at, where + ": -strparse " + at);
            where = source + " (" + strparseFlags(strparse.subList(0, i + 1)) + ")";
        }
        if (d.length == 0) {
            throw new Asn1Exception(where + ": no data to parse");
        }
        if (offset >= d.length) {
            throw new Asn1Exception(where + ": -offset " + offset + " is out of range: the data has " + d.length
                    + " bytes");
        }
        int n = d.length - offset;
        if (length > 0 && length < n) {
            n = length;
        }
        return offset == 0 && n == d.length ? d : Arrays.copyOfRange(d, offset, offset + n);
    }

    /**
     * The value that d2i_ASN1_TYPE gives -strparse for the element at {@code at}: the whole encoding of a SEQUENCE,
     * a SET or a tagged element; the content of a string; the magnitude of an INTEGER; the bits of a BIT STRING.
     */
    private static byte[] value(byte[] d, int at, String where) {
        Der.Tlv t = Der.header(d, at, d.length, where, true);
        int c = t.contentOffset();
        if (t.tagClass() != Der.UNIVERSAL || (t.constructed() && (t.tag() == SEQUENCE || t.tag() == SET))) {
            int end = t.length() == Der.INDEFINITE
                    ? Der.walk(d, c, d.length, 1, where, true, (x, depth) -> { })
                    : t.end();
            return Arrays.copyOfRange(d, at, end);
        }
        String name = t.tag() <= 30 ? Der.universalName(t.tag()) : "universal tag " + t.tag();
        if (t.constructed()) {
            throw new Asn1Exception(where + ": the element there is a constructed " + name
                    + " (BER), which -strparse does not join");
        }
        int len = t.length();
        switch (t.tag()) {
            case 0, BOOLEAN, NULL, OBJECT -> throw new Asn1Exception(where + ": the element there is "
                    + (t.tag() == OBJECT || t.tag() == 0 ? "an " : "a ") + name
                    + ", which holds no nested structure");
            case BIT_STRING -> {
                if (len < 1 || (d[c] & 0xff) > 7) {
                    throw new Asn1Exception(where + ": the BIT STRING there is malformed (no or bad unused-bits "
                            + "byte)");
                }
                byte[] bits = Arrays.copyOfRange(d, c + 1, c + len);
                if (bits.length > 0) {
                    bits[bits.length - 1] &= (byte) (0xff << (d[c] & 0xff));
                }
                return bits;
            }
            case INTEGER, ENUMERATED -> {
                byte[] m = magnitude(d, c, len);
                if (m == null) {
                    throw new Asn1Exception(where + ": the " + name + " there is malformed (empty or padded)");
                }
                return Arrays.copyOfRange(m, 1, m.length);
            }
            case BMPSTRING, UNIVERSALSTRING -> {
                if (len % (t.tag() == BMPSTRING ? 2 : 4) != 0) {
                    throw new Asn1Exception(where + ": the " + name + " there has a bad length " + len);
                }
                return Arrays.copyOfRange(d, c, c + len);
            }
            default -> {
                return Arrays.copyOfRange(d, c, c + len);
            }
        }
    }

    /**
     * The sign and magnitude that c2i_ASN1_INTEGER makes of a two's complement INTEGER body: element 0 is 1 for a
     * negative number, the rest the magnitude without the sign pad; null for what OpenSSL refuses (an empty body,
     * or a pad byte that DER forbids).
     */
    private static byte[] magnitude(byte[] b, int off, int len) {
        if (len == 0) {
            return null;
        }
        int first = b[off] & 0xff;
        boolean negative = (first & 0x80) != 0;
        int pad = 0;
        if (len > 1) {
            if (first == 0) {
                pad = 1;
            } else if (first == 0xff) {
                for (int i = 1; i < len; i++) {
                    if (b[off + i] != 0) {
                        pad = 1;
                        break;
                    }
                }
            }
            if (pad == 1 && negative == ((b[off + 1] & 0x80) != 0)) {
                return null;
            }
        }
        int n = len - pad;
        byte[] m = new byte[n + 1];
        m[0] = (byte) (negative ? 1 : 0);
        if (!negative) {
            System.arraycopy(b, off + pad, m, 1, n);
            return m;
        }
        int carry = 1;
        for (int i = n - 1; i >= 0; i--) {
            int v = ((b[off + pad + i] & 0xff) ^ 0xff) + carry;
            m[i + 1] = (byte) v;
            carry = v >>> 8;
        }
        return m;
    }

    /** The state of one parse: the output and whether the last element was an end-of-contents marker. */
    private final class Printing {
        final String source;
        final Out out = new Out();
        boolean endOfContents;

        Printing(String source) {
            this.source = source;
        }

        /** Prints the element at {@code p}, which must end by {@code bound}, and what it holds; returns its end. */
        int element(byte[] b, int p, int bound, int depth) {
            Der.Tlv t = Der.header(b, p, bound, source, true);
            if (depth > Der.MAX_DEPTH) {
                throw new Asn1Exception(source + ": bad DER: nesting deeper than " + Der.MAX_DEPTH
                        + " levels at offset " + p);
            }
            info(t, depth);
            endOfContents = false;
            if (t.constructed()) {
                out.newline();
                int q = t.contentOffset();
                if (t.length() == Der.INDEFINITE) {
                    while (true) {
                        if (q >= bound) {
                            throw new Asn1Exception(source + ": truncated BER: the indefinite length at offset " + p
                                    + " has no end-of-contents marker");
                        }
                        q = element(b, q, bound, depth + 1);
                        if (endOfContents) {
                            endOfContents = false;
                            return q;
                        }
                    }
                }
                while (q < t.end()) {
                    q = element(b, q, t.end(), depth + 1);
                }
                endOfContents = false;
                return t.end();
            }
            if (t.tagClass() == Der.UNIVERSAL) {
                value(b, t);
                endOfContents = t.tag() == 0;
            } else {
                out.newline();
            }
            return t.end();
        }

        /** The line prefix and the tag name, as asn1_print_info writes them. */
        private void info(Der.Tlv t, int depth) {
            out.padLeft(t.offset(), 5).ascii(":d=").padRight(Integer.toString(depth), 2).ascii(" hl=")
                    .decimal(t.headerLength());
            if (t.length() == Der.INDEFINITE) {
                out.ascii(" l=inf  ");
            } else {
                out.ascii(" l=").padLeft(t.length(), 4).ascii(" ");
            }
            out.ascii(t.constructed() ? "cons: " : "prim: ");
            if (indent) {
                out.spaces(depth);
            }
            out.padRight(tagName(t), 18);
        }

        /** The value of a universal primitive, then the end of the line. */
        private void value(byte[] b, Der.Tlv t) {
            int c = t.contentOffset();
            int len = t.length();
            boolean badContent = false;
            boolean dumped = false;
            switch (t.tag()) {
                case PRINTABLESTRING, T61STRING, IA5STRING, VISIBLESTRING, NUMERICSTRING, UTF8STRING, UTCTIME,
                     GENERALIZEDTIME -> out.ascii(":").raw(b, c, len);
                case OBJECT -> {
                    if (Oids.isValidEncoding(b, c, len)) {
                        out.ascii(":");
                        object(b, c, len);
                    } else {
                        out.ascii(":BAD OBJECT");
                        badContent = true;
                    }
                }
                case BOOLEAN -> {
                    if (len != 1) {
                        out.ascii(":BAD BOOLEAN");
                        badContent = true;
                    }
                    if (len > 0) {
                        out.ascii(":").decimal(b[c] & 0xff);
                    }
                }
                case BMPSTRING -> {
                    // OpenSSL 3.0 prints nothing for a BMPSTRING, not even with -dump.
                }
                case OCTET_STRING -> {
                    if (len > 0) {
                        if (printable(b, c, len)) {
                            out.ascii(":").raw(b, c, len);
                        } else if (dump == 0) {
                            out.ascii("[HEX DUMP]:").hex(b, c, len);
                        } else {
                            out.newline();
                            hexDump(b, c, dump == -1 ? len : Math.min(dump, len), 6);
                            dumped = true;
                        }
                    }
                }
                case INTEGER, ENUMERATED -> {
                    byte[] m = magnitude(b, c, len);
                    if (m == null) {
                        out.ascii(t.tag() == INTEGER ? ":BAD INTEGER" : ":BAD ENUMERATED");
                        badContent = true;
                    } else {
                        out.ascii(m[0] == 1 ? ":-" : ":").hex(m, 1, m.length - 1);
                    }
                }
                default -> {
                    if (len > 0 && dump != 0) {
                        out.newline();
                        hexDump(b, c, dump == -1 ? len : Math.min(dump, len), 6);
                        dumped = true;
                    }
                }
            }
            if (badContent) {
                out.ascii(":[").hex(b, c, len).ascii("]");
            }
            if (!dumped) {
                out.newline();
            }
        }

        /** i2a_ASN1_OBJECT: the long name, else the dotted OID, else {@code <INVALID>} and a dump of the body. */
        private void object(byte[] b, int c, int len) {
            if (len > MAX_OID_TEXT_BYTES) {
                out.ascii("<INVALID>");
                hexDump(b, c, len, 0);
                return;
            }
            out.ascii(Oids.longName(Oids.dotted(b, c, len)));
        }

        /** BIO_dump_indent: rows of 16 bytes with the offset, hex and the printable characters. */
        private void hexDump(byte[] b, int off, int len, int indentBy) {
            int width = 16 - (indentBy - Math.min(indentBy, 6) + 3) / 4;
            for (int row = 0; row * width < len; row++) {
                int start = row * width;
                out.spaces(indentBy);
                String pos = Integer.toHexString(start);
                out.ascii("0000".substring(Math.min(4, pos.length()))).ascii(pos).ascii(" - ");
                for (int j = 0; j < width; j++) {
                    if (start + j >= len) {
                        out.ascii("   ");
                    } else {
                        int v = b[off + start + j] & 0xff;
                        out.put(LOWER_HEX[v >>> 4]).put(LOWER_HEX[v & 15]).put(j == 7 ? '-' : ' ');
                    }
                }
                out.ascii("  ");
                for (int j = 0; j < width && start + j < len; j++) {
                    int v = b[off + start + j] & 0xff;
                    out.put(v >= ' ' && v <= '~' ? v : '.');
                }
                out.newline();
            }
        }
    }

    private static String tagName(Der.Tlv t) {
        return switch (t.tagClass()) {
            case Der.PRIVATE -> "priv [ " + t.tag() + " ] ";
            case Der.CONTEXT -> "cont [ " + t.tag() + " ]";
            case Der.APPLICATION -> "appl [ " + t.tag() + " ]";
            default -> Der.universalName(t.tag());
        };
    }

    /** OpenSSL's test for an OCTET STRING to print as text: printable ASCII, tab, CR and LF only. */
    private static boolean printable(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            int v = b[i] & 0xff;
            if ((v < ' ' && v != '\n' && v != '\r' && v != '\t') || v > '~') {
                return false;
            }
        }
        return true;
    }

    /** A growable byte buffer with the few formatting helpers the printer needs. */
    private static final class Out {
        private byte[] buf = new byte[4096];
        private int n;

        Out put(int v) {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[n++] = (byte) v;
            return this;
        }

        Out raw(byte[] b, int off, int len) {
            if (n + len > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + len));
            }
            System.arraycopy(b, off, buf, n, len);
            n += len;
            return this;
        }

        Out ascii(String s) {
            for (int i = 0; i < s.length(); i++) {
                put(s.charAt(i));
            }
            return this;
        }

        Out decimal(long v) {
            return ascii(Long.toString(v));
        }

        Out spaces(int count) {
            for (int i = 0; i < count; i++) {
                put(' ');
            }
            return this;
        }

        Out padLeft(long v, int width) {
            String s = Long.toString(v);
            return spaces(width - s.length()).ascii(s);
        }

        Out padRight(String s, int width) {
            return ascii(s).spaces(width - s.length());
        }

        Out hex(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                put(HEX[(b[i] >>> 4) & 15]).put(HEX[b[i] & 15]);
            }
            return this;
        }

        Out newline() {
            return put('\n');
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, n);
        }
    }
}
