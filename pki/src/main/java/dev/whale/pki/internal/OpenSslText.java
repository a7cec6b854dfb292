package dev.whale.pki.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * The small printing routines that OpenSSL 3.0's certificate text is built from, each named after the C function it
 * reproduces: object names ({@code i2a_ASN1_OBJECT}), integers ({@code i2s_ASN1_INTEGER}, {@code i2a_ASN1_INTEGER}),
 * hex strings ({@code OPENSSL_buf2hexstr}), raw strings ({@code ASN1_STRING_print}, {@code "%.*s"}) and times
 * ({@code ASN1_TIME_print}, crypto/asn1/a_time.c).
 */
public final class OpenSslText {
    private static final HexFormat UPPER = HexFormat.of().withUpperCase();
    private static final HexFormat UPPER_COLON = HexFormat.ofDelimiter(":").withUpperCase();
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};
    /** {@code i2t_ASN1_OBJECT} writes into an 80-byte buffer: longer names are cut to 79 characters. */
    private static final int OBJ_BUFFER = 80;

    private OpenSslText() {}

    /** {@code i2a_ASN1_OBJECT}: OpenSSL's long name of the object, or its dotted form when OpenSSL has none. */
    public static String object(ASN1ObjectIdentifier oid) {
        return Oids.longName(oid.getId());
    }

    /** {@code i2t_ASN1_OBJECT} into OpenSSL's 80-byte buffers, as the extension printers use it. */
    public static String objectShort(ASN1ObjectIdentifier oid) {
        String s = object(oid);
        return s.length() < OBJ_BUFFER ? s : s.substring(0, OBJ_BUFFER - 1);
    }

    /** {@code OPENSSL_buf2hexstr}: uppercase hex pairs joined by ':'; empty for no bytes. */
    public static String hexColons(byte[] b) {
        return UPPER_COLON.formatHex(b);
    }

    /** Hex digits, upper and lower case, for the printers that build their output a byte or a char at a time. */
    public static final String UPPER_DIGITS = "0123456789ABCDEF";
    public static final String LOWER_DIGITS = "0123456789abcdef";
    private static final String SPACES = " ".repeat(64);

    /** {@code n} spaces, as OpenSSL's {@code BIO_printf(out, "%*s", n, "")} indents. */
    public static StringBuilder indent(StringBuilder sb, int n) {
        return sb.append(SPACES, 0, n);
    }

    /** The byte as two uppercase hex digits. */
    public static StringBuilder upperHex(StringBuilder sb, byte x) {
        return sb.append(UPPER_DIGITS.charAt((x >> 4) & 0xf)).append(UPPER_DIGITS.charAt(x & 0xf));
    }

    /**
     * Bytes as lowercase hex pairs joined by ':', {@code perLine} to a line, each line indented, the last without a
     * colon: {@code ASN1_buf_print} for keys (15 to a line) and {@code X509_signature_dump} (18).
     */
    public static void hexLines(StringBuilder sb, byte[] b, String indent, int perLine) {
        // One line at a time into a buffer: a modulus or a signature is hundreds of bytes.
        char[] line = new char[indent.length() + perLine * 3];
        indent.getChars(0, indent.length(), line, 0);
        for (int start = 0; start < b.length; start += perLine) {
            int end = Math.min(b.length, start + perLine);
            int n = indent.length();
            for (int i = start; i < end; i++) {
                line[n++] = LOWER_DIGITS.charAt((b[i] >> 4) & 0xf);
                line[n++] = LOWER_DIGITS.charAt(b[i] & 0xf);
                if (i + 1 < b.length) {
                    line[n++] = ':';
                }
            }
            sb.append(line, 0, n).append('\n');
        }
    }

    /**
     * {@code BIO_hex_string}: {@code len} bytes from {@code off} as uppercase hex pairs joined by ':', 16 to a line,
     * lines after the first indented by {@code indent}; no line end after the last.
     */
    public static void hexString(StringBuilder sb, byte[] b, int off, int len, int indent) {
        if (len < 1) {
            return;
        }
        int j = 0;
        int i;
        for (i = 0; i < len - 1; i++) {
            if (i != 0 && j == 0) {
                indent(sb, indent);
            }
            upperHex(sb, b[off + i]).append(':');
            j = (j + 1) % 16;
            if (j == 0) {
                sb.append('\n');
            }
        }
        if (i != 0 && j == 0) {
            indent(sb, indent);
        }
        upperHex(sb, b[off + len - 1]);
    }

    /** Uppercase hex without separators. */
    public static String hex(byte[] b) {
        return UPPER.formatHex(b);
    }

    /**
     * {@code ASN1_STRING_print}: the bytes as they are, except that bytes outside printable ASCII (bar CR and LF)
     * become '.'.
     */
    public static void stringPrint(StringBuilder sb, byte[] b) {
        for (byte x : b) {
            sb.append(x >= ' ' && x <= '~' || x == '\n' || x == '\r' ? (char) x : '.');
        }
    }

    /**
     * A string printed with C's {@code "%.*s"} or kept as a C string: it stops at the first NUL byte. The bytes are
     * shown as UTF-8, which is what they are in practice; other encodings cannot come out byte for byte.
     */
    public static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** The magnitude of {@code v} in as few bytes as it takes (one zero byte for zero), as ASN1_INTEGER keeps it. */
    public static byte[] magnitude(BigInteger v) {
        byte[] m = v.abs().toByteArray();
        if (m.length > 1 && m[0] == 0) {
            return Arrays.copyOfRange(m, 1, m.length);
        }
        return m;
    }

    /**
     * {@code i2s_ASN1_INTEGER} (crypto/x509/v3_utl.c): decimal below 128 bits, else {@code 0x} and uppercase hex,
     * with the sign in front.
     */
    public static String integer(BigInteger v) {
        if (v.abs().bitLength() < 128) {
            return v.toString();
        }
        return (v.signum() < 0 ? "-0x" : "0x") + hex(magnitude(v));
    }

    /**
     * {@code i2a_ASN1_INTEGER} (crypto/asn1/f_int.c): '-' for a negative number, then the magnitude in uppercase hex
     * pairs, broken with a backslash and newline every 35 bytes.
     */
    public static String integerHex(BigInteger v) {
        byte[] m = magnitude(v);
        StringBuilder sb = new StringBuilder(m.length * 2 + 4);
        if (v.signum() < 0) {
            sb.append('-');
        }
        for (int i = 0; i < m.length; i++) {
            if (i != 0 && i % 35 == 0) {
                sb.append("\\\n");
            }
            upperHex(sb, m[i]);
        }
        return sb.toString();
    }

    /**
     * {@code ASN1_TIME_print} with the RFC 822 format ({@code "%s %2d %02d:%02d:%02d%s %d GMT"}), for a UTCTime
     * ({@code generalized} false) or GeneralizedTime holding {@code text}; a GeneralizedTime keeps its fraction of a
     * second. A time that does not parse prints {@code Bad time value}, as OpenSSL prints it.
     */
    public static String time(String text, boolean generalized) {
        LocalDateTime t = parseTime(text, generalized);
        if (t == null) {
            return "Bad time value";
        }
        String fraction = "";
        if (generalized && text.length() > 15 && text.charAt(14) == '.') {
            int end = 15;
            while (end < text.length() && isDigit(text.charAt(end))) {
                end++;
            }
            fraction = text.substring(14, end);
        }
        StringBuilder sb = new StringBuilder(32);
        sb.append(MONTHS[t.getMonthValue() - 1]).append(' ');
        if (t.getDayOfMonth() < 10) {
            sb.append(' ');
        }
        sb.append(t.getDayOfMonth()).append(' ');
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        // A time with an offset has been moved to GMT, and OpenSSL 3.0 says GMT for it too.
        two(sb, t.getSecond()).append(fraction).append(' ').append(t.getYear()).append(" GMT");
        return sb.toString();
    }

    private static StringBuilder two(StringBuilder sb, int n) {
        return sb.append(n < 10 ? "0" : "").append(n);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The moment a UTCTime or GeneralizedTime holding {@code text} names, as OpenSSL reads it; null if none. */
    public static Instant instant(String text, boolean generalized) {
        LocalDateTime t = parseTime(text, generalized);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    /**
     * {@code ossl_asn1_time_to_tm}, not strict: seconds may be missing, a {@code +hhmm} or {@code -hhmm} offset is
     * applied; null when the text is not a time.
     */
    private static LocalDateTime parseTime(String a, boolean generalized) {
        int[] min = {0, 0, 1, 1, 0, 0, 0, 0, 0};
        int[] max = {99, 99, 12, 31, 23, 59, 59, 12, 59};
        int end = generalized ? 7 : 6;
        int btz = generalized ? 6 : 5;
        int l = a.length();
        if (l < (generalized ? 13 : 11)) {
            return null;
        }
        int[] f = new int[7];
        int o = 0;
        for (int i = 0; i < end; i++) {
            char c = a.charAt(o);
            if (i == btz && (c == 'Z' || c == '+' || c == '-')) {
                break;
            }
            if (!isDigit(c) || ++o == l || !isDigit(a.charAt(o))) {
                return null;
            }
            int n = (c - '0') * 10 + a.charAt(o) - '0';
            if (++o == l) {
                return null;
            }
            int i2 = generalized ? i : i + 1;
            if (n < min[i2] || n > max[i2]) {
                return null;
            }
            f[i2] = n;
        }
        int year = generalized ? f[0] * 100 + f[1] : (f[1] < 50 ? 2000 + f[1] : 1900 + f[1]);
        if (f[3] > YearMonth.of(year, f[2]).lengthOfMonth()) {
            return null;
        }
        if (generalized && a.charAt(o) == '.') {
            if (++o == l) {
                return null;
            }
            int start = o;
            while (o < l && isDigit(a.charAt(o))) {
                o++;
            }
            if (start == o || o == l) {
                return null;
            }
        }
        LocalDateTime t = LocalDateTime.of(year, f[2], f[3], f[4], f[5], f[6]);
        char z = a.charAt(o);
        if (z == 'Z') {
            o++;
        } else if (z == '+' || z == '-') {
            o++;
            if (o + 4 != l || !isDigit(a.charAt(o)) || !isDigit(a.charAt(o + 1)) || !isDigit(a.charAt(o + 2))
                    || !isDigit(a.charAt(o + 3))) {
                return null;
            }
            int hh = (a.charAt(o) - '0') * 10 + a.charAt(o + 1) - '0';
            int mm = (a.charAt(o + 2) - '0') * 10 + a.charAt(o + 3) - '0';
            if (hh > 12 || mm > 59) {
                return null;
            }
            o += 4;
            // OpenSSL moves the time to GMT: an offset east of Greenwich is subtracted.
            int seconds = (hh * 3600 + mm * 60) * (z == '-' ? 1 : -1);
            t = t.plusSeconds(seconds);
        } else {
            return null;
        }
        return o == l ? t : null;
    }

    /** The content octets of a string, as OpenSSL's {@code ASN1_STRING} holds them. */
    public static byte[] content(ASN1Encodable value) {
        try {
            byte[] der = value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
            Der.Tlv t = Der.header(der, 0, der.length, "a value", false);
            return Arrays.copyOfRange(der, t.contentOffset(), t.end());
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
