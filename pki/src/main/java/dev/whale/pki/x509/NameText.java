package dev.whale.pki.x509;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.PkiIOException;
import dev.whale.pki.internal.Der;
import dev.whale.pki.internal.Oids;
import dev.whale.pki.internal.OpenSslText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Distinguished names as OpenSSL 3.0 prints them: the one-line form of {@code openssl x509 -text} and
 * {@code -subject} ({@code X509_NAME_print_ex} with {@code XN_FLAG_ONELINE}, crypto/asn1/a_strex.c), such as
 * {@code C = US, O = "Acme, Inc.", CN = x}, and the slash form of {@code X509_NAME_oneline} (crypto/x509/x509_obj.c),
 * such as {@code /C=US/O=Acme, Inc./CN=x}.
 */
final class NameText {
    // ASN1_STRFLGS_* and the character classes of crypto/asn1/charmap.h.
    private static final int ESC_2253 = 1;
    private static final int ESC_CTRL = 2;
    private static final int ESC_MSB = 4;
    private static final int ESC_QUOTE = 8;
    private static final int FIRST_ESC_2253 = 0x20;
    private static final int LAST_ESC_2253 = 0x40;
    private static final int BS_ESC = ESC_2253 | FIRST_ESC_2253 | LAST_ESC_2253;
    private static final int ESC_2254 = 0x400;
    /** The escaping that XN_FLAG_ONELINE asks for. */
    private static final int ONELINE = ESC_2253 | ESC_CTRL | ESC_MSB | ESC_QUOTE;
    /** The character classes of the ASCII range, as charmap.pl makes them. */
    private static final short[] CHAR_TYPE = new short[128];

    static {
        CHAR_TYPE[0] = ESC_CTRL | ESC_2254;
        for (int c = 1; c < 32; c++) {
            CHAR_TYPE[c] = ESC_CTRL;
        }
        CHAR_TYPE[127] = ESC_CTRL;
        CHAR_TYPE[' '] = ESC_QUOTE | FIRST_ESC_2253 | LAST_ESC_2253;
        CHAR_TYPE['#'] = ESC_QUOTE | FIRST_ESC_2253;
        CHAR_TYPE['"'] = ESC_2253;
        CHAR_TYPE['\\'] = ESC_2253 | ESC_2254;
        for (char c : new char[] {'+', ',', ';', '<', '>'}) {
            CHAR_TYPE[c] = ESC_2253 | ESC_QUOTE;
        }
    }

    /** {@code tag2nbyte} of a_strex.c: bytes per character of each string type, 0 for UTF-8, -1 to dump. */
    private static final int[] TAG_WIDTH = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, -1, -1, -1, -1, -1,
        1, 1, 1, -1, 1, 1, 1, -1, 1, -1, 4, -1, 2};

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
        boolean first = true;
        for (RDN rdn : name.getRDNs()) {
            boolean firstInSet = true;
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (!first) {
                    sb.append(firstInSet ? ", " : " + ");
                }
                first = false;
                firstInSet = false;
                sb.append(Oids.shortName(atv.getType().getId())).append(" = ");
                value(sb, atv.getValue(), source);
            }
        }
    }

    /**
     * {@code do_print_ex} with the one-line flags: strings are converted to UTF-8, bytes outside printable ASCII
     * are escaped as {@code \XX}, RFC 2253 specials put the value in quotes, and types that are not strings are
     * dumped as {@code #} and the hex of their DER.
     */
    private static void value(StringBuilder sb, ASN1Encodable value, String source) {
        byte[] der = encoded(value, source);
        Der.Tlv t = Der.header(der, 0, der.length, source, false);
        int tag = t.tagClass() == Der.UNIVERSAL && !t.constructed() ? t.tag() : -1;
        int width = tag > 0 && tag < TAG_WIDTH.length ? TAG_WIDTH[tag] : -1;
        if (width < 0) {
            sb.append('#').append(OpenSslText.hex(der));
            return;
        }
        int from = t.contentOffset();
        int to = t.end();
        if ((width == 2 && (to - from) % 2 != 0) || (width == 4 && (to - from) % 4 != 0)) {
            throw new InvalidInputException(source + ": a name holds a "
                    + (width == 2 ? "BMPString" : "UniversalString")
                    + " of " + (to - from) + " bytes, which is not whole characters");
        }
        // Converting to UTF-8 and escaping every byte above 0x7f gives the same bytes as escaping a UTF8String as
        // it is, which is what OpenSSL does with one.
        byte[] utf8 = toUtf8(der, from, to, width);
        int mark = sb.length();
        boolean quotes = escape(sb, utf8, width == 0 ? null : charStarts(der, from, to, width, utf8));
        if (quotes) {
            sb.insert(mark, '"').append('"');
        }
    }

    /** The string's characters as UTF-8 bytes; a UTF8String is taken as its bytes. */
    private static byte[] toUtf8(byte[] b, int from, int to, int width) {
        if (width == 0) {
            return Arrays.copyOfRange(b, from, to);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((to - from) * 2);
        for (int p = from; p < to; p += width) {
            putUtf8(out, codePoint(b, p, width));
        }
        return out.toByteArray();
    }

    private static long codePoint(byte[] b, int p, int width) {
        long c = 0;
        for (int i = 0; i < width; i++) {
            c = (c << 8) | (b[p + i] & 0xff);
        }
        return c;
    }

    /** {@code UTF8_putc}: up to six bytes, as the original UTF-8 allowed. */
    private static void putUtf8(ByteArrayOutputStream out, long c) {
        if (c < 0x80) {
            out.write((int) c);
            return;
        }
        int n = c < 0x800 ? 2 : c < 0x10000 ? 3 : c < 0x200000 ? 4 : c < 0x4000000 ? 5 : 6;
        int lead = new int[] {0, 0, 0xc0, 0xe0, 0xf0, 0xf8, 0xfc}[n];
        out.write((int) (lead | (c >>> (6 * (n - 1)))));
        for (int i = n - 2; i >= 0; i--) {
            out.write((int) (0x80 | ((c >>> (6 * i)) & 0x3f)));
        }
    }

    /**
     * Which UTF-8 bytes begin the first and the last character, for the RFC 2253 rules on leading and trailing
     * spaces and '#': {@code [firstCharLength, lastCharStart]}.
     */
    private static int[] charStarts(byte[] b, int from, int to, int width, byte[] utf8) {
        if (to == from) {
            return new int[] {0, 0};
        }
        ByteArrayOutputStream one = new ByteArrayOutputStream(6);
        putUtf8(one, codePoint(b, from, width));
        int firstLen = one.size();
        one.reset();
        putUtf8(one, codePoint(b, to - width, width));
        return new int[] {firstLen, utf8.length - one.size()};
    }

    /**
     * Escapes {@code s} into {@code sb} ({@code do_buf} and {@code do_esc_char}); returns true when the value must
     * be quoted. {@code bounds} is null when each byte is a character.
     */
    private static boolean escape(StringBuilder sb, byte[] s, int[] bounds) {
        boolean quotes = false;
        int firstLen = bounds == null ? 1 : bounds[0];
        int lastStart = bounds == null ? s.length - 1 : bounds[1];
        for (int i = 0; i < s.length; i++) {
            int c = s[i] & 0xff;
            // do_buf sets the first-character flag, then replaces it by the last-character flag on the last one.
            int or = i >= lastStart ? LAST_ESC_2253 : i < firstLen ? FIRST_ESC_2253 : 0;
            int flags = ONELINE | or;
            int ch = c > 0x7f ? flags & ESC_MSB : CHAR_TYPE[c] & flags;
            if ((ch & BS_ESC) != 0) {
                if ((ch & ESC_QUOTE) != 0) {
                    quotes = true;
                    sb.append((char) c);
                } else {
                    sb.append('\\').append((char) c);
                }
            } else if ((ch & (ESC_CTRL | ESC_MSB | ESC_2254)) != 0) {
                sb.append('\\').append(OpenSslText.UPPER_DIGITS.charAt(c >> 4))
                        .append(OpenSslText.UPPER_DIGITS.charAt(c & 0xf));
            } else if (c == '\\') {
                sb.append("\\\\");
            } else {
                sb.append((char) c);
            }
        }
        return quotes;
    }


    /**
     * The slash form of {@code X509_NAME_oneline} into a 256-byte buffer, as the extension printers use it for a
     * directory name: {@code /C=US/O=Acme/OU=a+OU=b/CN=x}, with '+' before the further values of a multi-valued RDN,
     * '/' and '+' in values escaped with a backslash and bytes outside printable ASCII as {@code \xXX}; entries that
     * no longer fit are left off.
     */
    static String slashed(X500Name name, String source) {
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
                if (sb.length() + 2 + field.length() + v.length() > ONELINE_BUFFER) {
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
