package dev.whale.pki.x509;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.PkiException;
import dev.whale.pki.internal.OpenSslText;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Certificate serial numbers as OpenSSL 3.0's {@code x509} and {@code req} take them: {@code -set_serial} (decimal,
 * or hex after {@code 0x}, either of them negative), and the CA serial file that {@code x509 -req -CA} keeps, such as
 * {@code ca.srl} beside {@code ca.pem}. That file holds the serial used last, in uppercase hex; the next certificate
 * gets that number plus one, and the file is rewritten with it.
 *
 * <pre>{@code
 * BigInteger next = Serials.readFile(Files.readAllBytes(srl), srl.toString()).add(BigInteger.ONE);
 * Files.writeString(srl, Serials.fileText(next));
 * }</pre>
 */
public final class Serials {
    /** The suffix of a serial file (apps/x509.c's POSTFIX). */
    public static final String SUFFIX = ".srl";

    private Serials() {}

    /**
     * A {@code -set_serial} value as s2i_ASN1_INTEGER reads it: an optional '-', then decimal digits, or hex digits
     * after {@code 0x} or {@code 0X}, which may have a '-' of their own; nothing else, not even a '+' or a space.
     */
    public static BigInteger parse(String text) {
        String v = text;
        boolean negative = v.startsWith("-");
        if (negative) {
            v = v.substring(1);
        }
        boolean hex = v.length() >= 2 && v.charAt(0) == '0' && (v.charAt(1) == 'x' || v.charAt(1) == 'X');
        if (hex) {
            v = v.substring(2);
        }
        if (v.startsWith("-")) {
            // BN_dec2bn and BN_hex2bn take a sign of their own; the number stays negative either way.
            negative = true;
            v = v.substring(1);
        }
        if (v.isEmpty()) {
            throw notANumber(text);
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'))) {
                throw notANumber(text);
            }
        }
        BigInteger n = new BigInteger(v, hex ? 16 : 10);
        return negative ? n.negate() : n;
    }

    private static PkiException notANumber(String text) {
        return new InvalidInputException("not a number: '" + text + "' (give a decimal number, or hex after 0x)");
    }

    /**
     * The serial file OpenSSL uses for the CA certificate file {@code caFile} when none is named: the name cut at
     * its last dot, which may be in a directory's name, and {@code .srl} ({@code ca.pem} gives {@code ca.srl},
     * {@code dir.x/ca} gives {@code dir.srl}).
     */
    public static String defaultFile(String caFile) {
        int dot = caFile.lastIndexOf('.');
        return (dot < 0 ? caFile : caFile.substring(0, dot)) + SUFFIX;
    }

    /**
     * The number in a serial file, as a2i_ASN1_INTEGER reads it: hex digits up to the first other character, a
     * leading {@code 00} dropped, an even number of them; a line that ends in a backslash goes on on the next one
     * (where, as in OpenSSL, the backslash itself counts against the digits). {@code source} names the file.
     */
    public static BigInteger readFile(byte[] content, String source) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream number = new ByteArrayOutputStream();
        int pos = 0;
        boolean first = true;
        while (true) {
            if (pos >= text.length()) {
                throw notASerialFile(source);
            }
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(pos, end);
            pos = nl < 0 ? text.length() : nl + 1;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                throw notASerialFile(source);
            }
            boolean again = line.charAt(line.length() - 1) == '\\';
            int digits = 0;
            while (digits < line.length() && Character.digit(line.charAt(digits), 16) >= 0
                    && line.charAt(digits) < 0x80) {
                digits++;
            }
            if (digits < 2) {
                throw notASerialFile(source);
            }
            int from = 0;
            if (first) {
                first = false;
                if (line.charAt(0) == '0' && line.charAt(1) == '0') {
                    from = 2;
                    digits -= 2;
                }
            }
            if (again) {
                digits--;
            }
            if (digits % 2 != 0) {
                throw notASerialFile(source);
            }
            for (int i = 0; i < digits; i += 2) {
                number.write(Character.digit(line.charAt(from + i), 16) << 4
                        | Character.digit(line.charAt(from + i + 1), 16));
            }
            if (!again) {
                break;
            }
        }
        return new BigInteger(1, number.toByteArray());
    }

    private static PkiException notASerialFile(String source) {
        return new InvalidInputException(source
                + ": not a serial number file: it holds one line of hex digits, an even "
                + "number of them, such as 1000");
    }

    /**
     * What OpenSSL writes to a serial file for {@code serial} (i2a_ASN1_INTEGER and a newline): uppercase hex pairs,
     * {@code 00} for zero, broken with a backslash every 35 bytes.
     */
    public static String fileText(BigInteger serial) {
        return OpenSslText.integerHex(serial) + "\n";
    }

    /** A random positive serial of 159 bits, as OpenSSL's rand_serial makes it. */
    public static BigInteger random(SecureRandom random) {
        return new BigInteger(159, random);
    }

    /**
     * The serial after {@code last}, as x509 -CA takes the next one from its file; OpenSSL adds one to a random
     * serial as well when it starts a file.
     */
    public static BigInteger next(BigInteger last) {
        return last.add(BigInteger.ONE);
    }
}
