package dev.whale.pki.x509;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.PkiIOException;
import dev.whale.pki.internal.Der;
import dev.whale.pki.internal.Oids;
import dev.whale.pki.internal.OpenSslText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Distinguished names as OpenSSL 3.0 prints them: {@code X509_NAME_print_ex} (crypto/asn1/a_strex.c) under any
 * {@code -nameopt} flags, by default the one-line form of {@code openssl x509 -text} and {@code -subject}
 * ({@code XN_FLAG_ONELINE}), such as {@code C = US, O = "Acme, Inc.", CN = x}; the slash form of
 * {@code X509_NAME_oneline} (crypto/x509/x509_obj.c), such as {@code /C=US/O=Acme, Inc./CN=x}; and the old
 * {@code X509_NAME_print} (crypto/x509/t_x509.c) that {@code -nameopt compat} gives {@code -text}.
 */
final class NameText {
    // ASN1_STRFLGS_* (include/openssl/asn1.h) and the character classes of crypto/asn1/charmap.h.
    static final long ESC_2253 = 1;
    static final long ESC_CTRL = 2;
    static final long ESC_MSB = 4;
    static final long ESC_QUOTE = 8;
    static final long UTF8_CONVERT = 0x10;
    static final long IGNORE_TYPE = 0x20;
    static final long SHOW_TYPE = 0x40;
    static final long DUMP_ALL = 0x80;
    static final long DUMP_UNKNOWN = 0x100;
    static final long DUMP_DER = 0x200;
    static final long ESC_2254 = 0x400;
    static final long RFC2253_STRINGS = ESC_2253 | ESC_CTRL | ESC_MSB | UTF8_CONVERT | DUMP_UNKNOWN | DUMP_DER;
    private static final int FIRST_ESC_2253 = 0x20;
    private static final int LAST_ESC_2253 = 0x40;
    private static final int BS_ESC = (int) ESC_2253 | FIRST_ESC_2253 | LAST_ESC_2253;
    /** The string flags that say how to escape. */
    private static final int ESC_FLAGS = (int) (ESC_2253 | ESC_2254 | ESC_QUOTE | ESC_CTRL | ESC_MSB);

    // XN_FLAG_* (include/openssl/x509.h).
    static final long SEP_MASK = 0xfL << 16;
    static final long COMPAT = 0;
    static final long SEP_COMMA_PLUS = 1L << 16;
    static final long SEP_CPLUS_SPC = 2L << 16;
    static final long SEP_SPLUS_SPC = 3L << 16;
    static final long SEP_MULTILINE = 4L << 16;
    static final long DN_REV = 1L << 20;
    static final long FN_MASK = 3L << 21;
    static final long FN_SN = 0;
    static final long FN_LN = 1L << 21;
    static final long FN_OID = 2L << 21;
    static final long FN_NONE = 3L << 21;
    static final long SPC_EQ = 1L << 23;
    static final long DUMP_UNKNOWN_FIELDS = 1L << 24;
    static final long FN_ALIGN = 1L << 25;
    static final long RFC2253 = RFC2253_STRINGS | SEP_COMMA_PLUS | DN_REV | FN_SN | DUMP_UNKNOWN_FIELDS;
    static final long ONELINE = RFC2253_STRINGS | ESC_QUOTE | SEP_CPLUS_SPC | SPC_EQ | FN_SN;
    static final long MULTILINE = ESC_CTRL | ESC_MSB | SEP_MULTILINE | SPC_EQ | FN_LN | FN_ALIGN;

    /** The widths field names are padded to with {@code align}: FN_WIDTH_SN and FN_WIDTH_LN. */
    private static final int WIDTH_SN = 10;
    private static final int WIDTH_LN = 25;

    /** The character classes of the ASCII range, as charmap.pl makes them. */
    private static final short[] CHAR_TYPE = new short[128];

    static {
        CHAR_TYPE[0] = (short) (ESC_CTRL | ESC_2254);
        for (int c = 1; c < 32; c++) {
            CHAR_TYPE[c] = (short) ESC_CTRL;
        }
        CHAR_TYPE[127] = (short) ESC_CTRL;
        CHAR_TYPE[' '] = (short) (ESC_QUOTE | FIRST_ESC_2253 | LAST_ESC_2253);
        CHAR_TYPE['#'] = (short) (ESC_QUOTE | FIRST_ESC_2253);
        CHAR_TYPE['"'] = (short) ESC_2253;
        CHAR_TYPE['\\'] = (short) (ESC_2253 | ESC_2254);
        for (char c : new char[] {'+', ',', ';', '<', '>'}) {
            CHAR_TYPE[c] = (short) (ESC_2253 | ESC_QUOTE);
        }
    }

    /** {@code tag2nbyte} of a_strex.c: bytes per character of each string type, 0 for UTF-8, -1 to dump. */
    private static final int[] TAG_WIDTH = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, -1, -1, -1, -1, -1,
        1, 1, 1, -1, 1, 1, 1, -1, 1, -1, 4, -1, 2};
    /** do_buf's flag: convert each character to UTF-8 before escaping its bytes. */
    private static final int CONVERT_UTF8 = 8;

    /** Longest slash-form name the extension printers keep: they print into a 256-byte buffer. */
    private static final int ONELINE_BUFFER = 255;

    private NameText() {}

    /** The one-line form, {@code C = US, O = "Acme, Inc.", CN = x}; multi-valued RDNs are joined with " + ". */
    static String oneline(X500Name name, String source) {
        StringBuilder sb = new StringBuilder(128);
        oneline(sb, name, source);
        return sb.toString();
    }

    static void oneline(StringBuilder sb, X500Name name, String source) {
        print(sb, name, 0, ONELINE, source);
    }

    /** One attribute of a name with the index of the RDN it belongs to. */
    private record Entry(int set, AttributeTypeAndValue atv) {}

    /**
     * {@code X509_NAME_print_ex} ({@code do_name_ex}): {@code indent} spaces, then the entries, separated as
     * {@code flags} say, each RDN's further values after the multi-value separator. Flags of 0 ({@code compat})
     * give {@code X509_NAME_print}.
     */
    static void print(StringBuilder sb, X500Name name, int indent, long flags, String source) {
        if (flags == COMPAT) {
            compat(sb, name, source);
            return;
        }
        OpenSslText.indent(sb, indent);
        String sepDn;
        String sepMv;
        long sep = flags & SEP_MASK;
        if (sep == SEP_MULTILINE) {
            sepDn = "\n";
            sepMv = " + ";
        } else if (sep == SEP_COMMA_PLUS) {
            sepDn = ",";
            sepMv = "+";
            indent = 0;
        } else if (sep == SEP_CPLUS_SPC) {
            sepDn = ", ";
            sepMv = " + ";
            indent = 0;
        } else if (sep == SEP_SPLUS_SPC) {
            sepDn = "; ";
            sepMv = " + ";
            indent = 0;
        } else {
            return; // OpenSSL prints nothing for a separator it does not know
        }
        String sepEq = (flags & SPC_EQ) != 0 ? " = " : "=";
        long fn = flags & FN_MASK;
        List<Entry> entries = new ArrayList<>();
        RDN[] rdns = name.getRDNs();
        for (int i = 0; i < rdns.length; i++) {
            for (AttributeTypeAndValue atv : rdns[i].getTypesAndValues()) {
                entries.add(new Entry(i, atv));
            }
        }
        int prev = -1;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get((flags & DN_REV) != 0 ? entries.size() - 1 - i : i);
            if (prev != -1) {
                if (prev == e.set()) {
                    sb.append(sepMv);
                } else {
                    sb.append(sepDn);
                    OpenSslText.indent(sb, indent);
                }
            }
            prev = e.set();
            String oid = e.atv().getType().getId();
            boolean known = Oids.known(oid);
            if (fn != FN_NONE) {
                String field;
                int width;
                if (fn == FN_OID || !known) {
                    field = oid;
                    width = 0;
                } else if (fn == FN_SN) {
                    field = Oids.shortName(oid);
                    width = WIDTH_SN;
                } else {
                    field = Oids.longName(oid);
                    width = WIDTH_LN;
                }
                sb.append(field);
                if (field.length() < width && (flags & FN_ALIGN) != 0) {
                    OpenSslText.indent(sb, width - field.length());
                }
                sb.append(sepEq);
            }
            long strFlags = !known && (flags & DUMP_UNKNOWN_FIELDS) != 0 ? flags | DUMP_ALL : flags;
            value(sb, e.atv().getValue(), strFlags, source);
        }
    }

    /**
     * {@code do_print_ex}: the string with its type first under {@code show_type}; dumped as {@code #} and hex
     * when it is no string (or {@code dump_all}); else each character escaped as the flags ask, UTF-8 converted under
     * {@code utf8}, and in quotes when {@code use_quote} finds a character that needs them.
     */
    private static void value(StringBuilder sb, ASN1Encodable value, long lflags, String source) {
        byte[] der = encoded(value, source);
        Der.Tlv t = Der.header(der, 0, der.length, source, false);
        int tag = t.tagClass() == Der.UNIVERSAL && !t.constructed() ? t.tag() : -1;
        int flags = (int) (lflags & ESC_FLAGS);
        if ((lflags & SHOW_TYPE) != 0) {
            sb.append(Der.universalName(tag)).append(':');
        }
        int type;
        if ((lflags & DUMP_ALL) != 0) {
            type = -1;
        } else if ((lflags & IGNORE_TYPE) != 0) {
            type = 1;
        } else {
            type = tag > 0 && tag < TAG_WIDTH.length ? TAG_WIDTH[tag] : -1;
            if (type == -1 && (lflags & DUMP_UNKNOWN) == 0) {
                type = 1;
            }
        }
        if (type == -1) {
            sb.append('#').append((lflags & DUMP_DER) != 0 ? OpenSslText.hex(der)
                    : OpenSslText.hex(Arrays.copyOfRange(der, t.contentOffset(), t.end())));
            return;
        }
        if ((lflags & UTF8_CONVERT) != 0) {
            type = type == 0 ? 1 : type | CONVERT_UTF8;
        }
        // The escaped text is built a byte to a char, then read as UTF-8, as a terminal shows OpenSSL's bytes.
        StringBuilder bytes = new StringBuilder(t.length() + 8);
        boolean quotes = escape(bytes, der, t.contentOffset(), t.end(), type, flags, source);
        String text = new String(bytes.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        if (quotes) {
            sb.append('"').append(text).append('"');
        } else {
            sb.append(text);
        }
    }

    /**
     * {@code do_buf}: reads the characters of a string {@code type & 7} bytes wide (0: UTF-8) and escapes each, or
     * each byte of its UTF-8 form; returns true when the value must be quoted.
     */
    private static boolean escape(StringBuilder sb, byte[] b, int from, int to, int type, int flags,
                                  String source) {
        int width = type & 7;
        if ((width == 2 || width == 4) && (to - from) % width != 0) {
            throw new InvalidInputException(source + ": a name holds a "
                    + (width == 2 ? "BMPString" : "UniversalString")
                    + " of " + (to - from) + " bytes, which is not whole characters");
        }
        boolean[] quotes = {false};
        int p = from;
        byte[] utf8 = new byte[6];
        while (p < to) {
            int or = p == from && (flags & ESC_2253) != 0 ? FIRST_ESC_2253 : 0;
            long c;
            if (width == 0) {
                long[] decoded = utf8Char(b, p, to);
                if (decoded == null) {
                    throw new InvalidInputException(source + ": a name holds a UTF8String that is not UTF-8");
                }
                c = decoded[0];
                p += (int) decoded[1];
            } else {
                c = 0;
                for (int i = 0; i < width; i++) {
                    c = (c << 8) | (b[p++] & 0xff);
                }
            }
            if (p == to && (flags & ESC_2253) != 0) {
                or = LAST_ESC_2253;
            }
            if ((type & CONVERT_UTF8) != 0) {
                int n = putUtf8(utf8, c);
                for (int i = 0; i < n; i++) {
                    escapeChar(sb, utf8[i] & 0xff, flags | or, quotes);
                }
            } else {
                escapeChar(sb, c, flags | or, quotes);
            }
        }
        return quotes[0];
    }

    /** {@code do_esc_char}. */
    private static void escapeChar(StringBuilder sb, long c, int flags, boolean[] quotes) {
        if (c > 0xffff) {
            sb.append("\\W").append(String.format("%08X", c));
            return;
        }
        if (c > 0xff) {
            sb.append("\\U").append(String.format("%04X", c));
            return;
        }
        int ch = (int) c;
        int classes = ch > 0x7f ? flags & (int) ESC_MSB : CHAR_TYPE[ch] & flags;
        if ((classes & BS_ESC) != 0) {
            if ((classes & ESC_QUOTE) != 0) {
                quotes[0] = true;
                sb.append((char) ch);
            } else {
                sb.append('\\').append((char) ch);
            }
        } else if ((classes & (ESC_CTRL | ESC_MSB | ESC_2254)) != 0) {
            sb.append('\\').append(OpenSslText.UPPER_DIGITS.charAt(ch >> 4))
                    .append(OpenSslText.UPPER_DIGITS.charAt(ch & 0xf));
        } else if (ch == '\\' && (flags & ESC_FLAGS) != 0) {
            sb.append("\\\\");
        } else {
            // A byte above 0x7f unescaped: one char per byte, as the ISO-8859-1 view of the output keeps it.
            sb.append((char) ch);
        }
    }

    /** {@code UTF8_getc}: the character at {@code p} and its length in bytes, or null when it is not UTF-8. */
    private static long[] utf8Char(byte[] b, int p, int to) {
        int c0 = b[p] & 0xff;
        int n;
        long value;
        if (c0 < 0x80) {
            return new long[] {c0, 1};
        } else if ((c0 & 0xe0) == 0xc0) {
            n = 2;
            value = c0 & 0x1f;
        } else if ((c0 & 0xf0) == 0xe0) {
            n = 3;
            value = c0 & 0xf;
        } else if ((c0 & 0xf8) == 0xf0) {
            n = 4;
            value = c0 & 0x7;
        } else if ((c0 & 0xfc) == 0xf8) {
            n = 5;
            value = c0 & 0x3;
        } else if ((c0 & 0xfe) == 0xfc) {
            n = 6;
            value = c0 & 0x1;
        } else {
            return null;
        }
        if (p + n > to) {
            return null;
        }
        for (int i = 1; i < n; i++) {
            int ci = b[p + i] & 0xff;
            if ((ci & 0xc0) != 0x80) {
                return null;
            }
            value = (value << 6) | (ci & 0x3f);
        }
        long[] min = {0, 0, 0x80, 0x800, 0x10000, 0x200000, 0x4000000};
        return value < min[n] ? null : new long[] {value, n};
    }

    /** {@code UTF8_putc}: up to six bytes, as the original UTF-8 allowed; returns how many. */
    private static int putUtf8(byte[] out, long c) {
        if (c < 0x80) {
            out[0] = (byte) c;
            return 1;
        }
        int n = c < 0x800 ? 2 : c < 0x10000 ? 3 : c < 0x200000 ? 4 : c < 0x4000000 ? 5 : 6;
        int lead = new int[] {0, 0, 0xc0, 0xe0, 0xf0, 0xf8, 0xfc}[n];
        out[0] = (byte) (lead | (c >>> (6 * (n - 1))));
        for (int i = 1; i < n; i++) {
            out[i] = (byte) (0x80 | ((c >>> (6 * (n - 1 - i))) & 0x3f));
        }
        return n;
    }

    /**
     * {@code X509_NAME_print}: the slash form split into {@code ", "}-separated parts at each '/' that starts a
     * one- or two-letter uppercase field name.
     */
    private static void compat(StringBuilder sb, X500Name name, String source) {
        String s = slashed(name, source, Integer.MAX_VALUE);
        if (s.isEmpty()) {
            return;
        }
        int c = 1;
        for (int i = 1; ; i++) {
            boolean end = i == s.length();
            if (end || s.charAt(i) == '/' && upper(s, i + 1) && (at(s, i + 2) == '='
                    || upper(s, i + 2) && at(s, i + 3) == '=')) {
                sb.append(s, c, i);
                c = i + 1;
                if (!end) {
                    sb.append(", ");
                }
            }
            if (end) {
                return;
            }
        }
    }

    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : 0;
    }

    private static boolean upper(String s, int i) {
        char c = at(s, i);
        return c >= 'A' && c <= 'Z';
    }

    /**
     * The slash form of {@code X509_NAME_oneline} into a 256-byte buffer, as the extension printers use it for a
     * directory name: {@code /C=US/O=Acme/OU=a+OU=b/CN=x}, with '+' before the further values of a multi-valued RDN,
     * '/' and '+' in values escaped with a backslash and bytes outside printable ASCII as {@code \xXX}; entries that
     * no longer fit are left off.
     */
    static String slashed(X500Name name, String source) {
        return slashed(name, source, ONELINE_BUFFER);
    }

    /** The slash form in a buffer of {@code limit} characters ({@code X509_NAME_oneline}'s own is unlimited). */
    static String slashed(X500Name name, String source, int limit) {
        StringBuilder sb = new StringBuilder(64);
        for (RDN rdn : name.getRDNs()) {
            boolean firstInSet = true;
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                String field = Oids.shortName(atv.getType().getId());
                if (field.length() >= 80) {
                    field = field.substring(0, 79);
                }
                byte[] der = encoded(atv.getValue(), source);
                Der.Tlv t = Der.header(der, 0, der.length, source, false);
                int from = t.contentOffset();
                int num = t.length();
                boolean[] doit = {true, true, true, true};
                if (t.tag() == 27 && t.tagClass() == Der.UNIVERSAL && num % 4 == 0) {
                    // A GeneralString that looks like UCS-4 is printed by its low bytes only.
                    boolean[] nonzero = new boolean[4];
                    for (int j = 0; j < num; j++) {
                        nonzero[j & 3] |= der[from + j] != 0;
                    }
                    if (!(nonzero[0] || nonzero[1] || nonzero[2])) {
                        doit = new boolean[] {false, false, false, true};
                    }
                }
                StringBuilder v = new StringBuilder(num);
                for (int j = 0; j < num; j++) {
                    if (!doit[j & 3]) {
                        continue;
                    }
                    int n = der[from + j] & 0xff;
                    if (n < ' ' || n > '~') {
                        v.append("\\x").append(OpenSslText.UPPER_DIGITS.charAt(n >> 4))
                                .append(OpenSslText.UPPER_DIGITS.charAt(n & 0xf));
                    } else {
                        if (n == '/' || n == '+') {
                            v.append('\\');
                        }
                        v.append((char) n);
                    }
                }
                if (sb.length() + 2 + field.length() + v.length() > limit) {
                    return sb.toString();
                }
                sb.append(firstInSet ? '/' : '+').append(field).append('=').append(v);
                firstInSet = false;
            }
        }
        return sb.toString();
    }

    private static byte[] encoded(ASN1Encodable value, String source) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new PkiIOException(source + ": cannot encode a name attribute: " + e.getMessage(), e);
        }
    }
}
