package dev.whale.pki.internal;

import dev.whale.pki.Asn1Exception;

/**
 * A strict reader of DER's tag-length-value structure (X.690): it walks every element, checks that each length fits
 * inside its parent, and refuses what DER forbids before any parser sees the bytes, so that bad input gets a message
 * naming the offset and the problem instead of a library's exception.
 */
public final class Der {
    /** Deeper nesting than this is refused: no key or certificate comes close, and it guards the stack. */
    public static final int MAX_DEPTH = 64;

    public static final int UNIVERSAL = 0;
    public static final int APPLICATION = 1;
    public static final int CONTEXT = 2;
    public static final int PRIVATE = 3;

    private Der() {}

    /**
     * One element: where it starts, the size of its header, the length of its content ({@link #INDEFINITE} for
     * BER's indefinite form), its class, whether it is constructed, and its tag number.
     */
    public record Tlv(int offset, int headerLength, int length, int tagClass, boolean constructed, int tag) {
        /** The offset of the first content byte. */
        public int contentOffset() {
            return offset + headerLength;
        }

        /** The offset just past the element; for an indefinite length, past its end-of-contents marker. */
        public int end() {
            return contentOffset() + length;
        }
    }

    public static final int INDEFINITE = -1;

    /** Receives each element in document order, with its depth (0 for the outermost). */
    @FunctionalInterface
    public interface Visitor {
        void visit(Tlv tlv, int depth);
    }

    public static String bytes(int n) {
        return n == 1 ? "1 byte" : n + " bytes";
    }

    /** Reads the header of the element at {@code offset}, which must end before {@code limit}. */
    public static Tlv header(byte[] b, int offset, int limit, String source, boolean allowIndefinite) {
        int p = offset;
        if (p >= limit) {
            throw new Asn1Exception(source + ": truncated DER: an element at offset " + offset + " has no tag");
        }
        int first = b[p++] & 0xff;
        int tagClass = first >>> 6;
        boolean constructed = (first & 0x20) != 0;
        int tag = first & 0x1f;
        if (tag == 0x1f) {
            tag = 0;
            int n = 0;
            int c;
            do {
                if (p >= limit) {
                    throw new Asn1Exception(source + ": truncated DER: the tag at offset " + offset + " is cut off");
                }
                c = b[p++] & 0xff;
                if (++n > 4) {
                    throw new Asn1Exception(source + ": bad DER: the tag at offset " + offset + " is too long");
                }
                tag = (tag << 7) | (c & 0x7f);
            } while ((c & 0x80) != 0);
        }
        if (p >= limit) {
            throw new Asn1Exception(source + ": truncated DER: the element at offset " + offset + " has no length");
        }
        int l = b[p++] & 0xff;
        int length;
        if (l < 0x80) {
            length = l;
        } else if (l == 0x80) {
            if (!allowIndefinite || !constructed) {
                throw new Asn1Exception(source + ": bad DER: indefinite length at offset " + offset
                        + " (DER requires definite lengths)");
            }
            length = INDEFINITE;
        } else {
            int n = l & 0x7f;
            if (n > 4) {
                throw new Asn1Exception(source + ": bad DER: the length at offset " + offset + " takes " + n
                        + " bytes");
            }
            if (p + n > limit) {
                throw new Asn1Exception(source + ": truncated DER: the length at offset " + offset + " is cut off");
            }
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 8) | (b[p++] & 0xff);
            }
            if (v > Integer.MAX_VALUE) {
                throw new Asn1Exception(source + ": bad DER: the length at offset " + offset + " is " + v);
            }
            length = (int) v;
        }
        Tlv t = new Tlv(offset, p - offset, length, tagClass, constructed, tag);
        if (length != INDEFINITE && (long) t.contentOffset() + length > limit) {
            int left = limit - t.contentOffset();
            throw new Asn1Exception(source + ": truncated DER: the element at offset " + offset + " has length "
                    + length + " but only " + bytes(left) + (left == 1 ? " follows" : " follow"));
        }
        return t;
    }

    /**
     * Walks the elements between {@code from} and {@code to}, descending into constructed ones, and returns the
     * offset where the walk stopped (past an end-of-contents marker when {@code stopAtEoc}).
     */
    public static int walk(byte[] b, int from, int to, int depth, String source, boolean allowIndefinite,
                           Visitor visitor) {
        if (depth > MAX_DEPTH) {
            throw new Asn1Exception(source + ": bad DER: nesting deeper than " + MAX_DEPTH + " levels at offset "
                    + from);
        }
        int p = from;
        while (p < to) {
            Tlv t = header(b, p, to, source, allowIndefinite);
            if (t.tagClass() == UNIVERSAL && t.tag() == 0 && !t.constructed() && t.length() == 0 && allowIndefinite) {
                visitor.visit(t, depth);
                return t.end();
            }
            visitor.visit(t, depth);
            if (t.length() == INDEFINITE) {
                int after = walk(b, t.contentOffset(), to, depth + 1, source, true, visitor);
                p = after;
            } else {
                if (t.constructed()) {
                    walk(b, t.contentOffset(), t.end(), depth + 1, source, allowIndefinite, visitor);
                }
                p = t.end();
            }
        }
        return p;
    }

    /**
     * Checks that {@code der} is exactly one well-formed DER element: definite lengths that fit, nesting within
     * {@link #MAX_DEPTH}, no trailing bytes.
     */
    public static void check(byte[] der, String source) {
        if (der.length == 0) {
            throw new Asn1Exception(source + ": empty input where DER was expected");
        }
        Tlv top = header(der, 0, der.length, source, false);
        walk(der, 0, top.end(), 0, source, false, (t, d) -> { });
        if (top.end() != der.length) {
            throw new Asn1Exception(source + ": bad DER: " + bytes(der.length - top.end()) + " after the end of "
                    + "the structure at offset " + top.end());
        }
    }

    /** ASN1_tag2str's names of the universal tags 0 to 30 (crypto/asn1/asn1_parse.c). */
    private static final String[] UNIVERSAL_NAMES = {
        "EOC", "BOOLEAN", "INTEGER", "BIT STRING", "OCTET STRING", "NULL", "OBJECT", "OBJECT DESCRIPTOR",
        "EXTERNAL", "REAL", "ENUMERATED", "<ASN1 11>", "UTF8STRING", "<ASN1 13>", "<ASN1 14>", "<ASN1 15>",
        "SEQUENCE", "SET", "NUMERICSTRING", "PRINTABLESTRING", "T61STRING", "VIDEOTEXSTRING", "IA5STRING",
        "UTCTIME", "GENERALIZEDTIME", "GRAPHICSTRING", "VISIBLESTRING", "GENERALSTRING", "UNIVERSALSTRING",
        "<ASN1 29>", "BMPSTRING"};

    /** {@code ASN1_tag2str}: OpenSSL's name of a universal tag, {@code <ASN1 n>} past 30. */
    public static String universalName(int tag) {
        return tag < 0 || tag > 30 ? "<ASN1 " + tag + ">" : UNIVERSAL_NAMES[tag];
    }
}
