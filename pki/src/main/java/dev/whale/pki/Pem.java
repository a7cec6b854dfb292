package dev.whale.pki;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PEM text (RFC 7468): blocks of base64 DER between {@code -----BEGIN LABEL-----} and {@code -----END LABEL-----}.
 * The reader takes any label, several blocks, text around them, CRLF line ends and RFC 1421 headers; the writer
 * wraps base64 at 64 columns as OpenSSL does.
 */
public final class Pem {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private Pem() {}

    /** True when {@code bytes} hold a PEM BEGIN line, so that they are to be read as text, not DER. */
    public static boolean looksLikePem(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 1 << 16), StandardCharsets.ISO_8859_1);
        return head.contains(BEGIN);
    }

    /** Every block in {@code text}; {@code source} names the input in errors. */
    public static List<PemBlock> read(String text, String source) {
        List<PemBlock> blocks = new ArrayList<>();
        Lines lines = new Lines(text);
        while (lines.next()) {
            if (!lines.startsWith(BEGIN)) {
                continue;
            }
            String line = lines.line();
            if (!line.endsWith(DASHES) || line.length() < BEGIN.length() + DASHES.length()) {
                throw new PemException(source + ": malformed BEGIN line at line " + lines.number());
            }
            String label = line.substring(BEGIN.length(), line.length() - DASHES.length());
            int begin = lines.number() - 1;
            Map<String, String> headers = new LinkedHashMap<>();
            StringBuilder b64 = new StringBuilder(2048);
            boolean ended = false;
            boolean inHeaders = true;
            while (lines.next()) {
                if (lines.startsWith(END)) {
                    String l = lines.line();
                    String endLabel = l.endsWith(DASHES) ? l.substring(END.length(), l.length() - DASHES.length()) : "";
                    if (!endLabel.equals(label)) {
                        throw new PemException(source + ": BEGIN " + label + " at line " + (begin + 1)
                                + " ends with " + l);
                    }
                    ended = true;
                    break;
                }
                if (lines.startsWith(BEGIN)) {
                    throw new PemException(source + ": no END line for BEGIN " + label + " at line " + (begin + 1));
                }
                int colon = lines.indexOf(':');
                if (inHeaders && colon > 0 && b64.isEmpty()) {
                    String l = lines.line();
                    headers.put(l.substring(0, colon).strip(), l.substring(colon + 1).strip());
                    continue;
                }
                inHeaders = false;
                lines.appendTo(b64);
            }
            if (!ended) {
                throw new PemException(source + ": no END line for BEGIN " + label + " at line " + (begin + 1));
            }
            blocks.add(new PemBlock(label, headers, decode(b64.toString(), source, label, begin)));
        }
        if (blocks.isEmpty()) {
            throw new PemException(source + ": no PEM data (no -----BEGIN line)");
        }
        return blocks;
    }

    /**
     * The lines of a text, split at CRLF, LF or CR, each stripped of white space at both ends: a cursor over the
     * text that makes a String only when one is asked for, since a bundle of certificates has thousands of lines.
     */
    private static final class Lines {
        private final String text;
        private int next;
        private int start;
        private int end;
        private int number;

        Lines(String text) {
            this.text = text;
            this.next = 0;
        }

        /** Moves to the next line; false when there is none. */
        boolean next() {
            if (next > text.length()) {
                return false;
            }
            int i = next;
            int n = text.length();
            while (i < n) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r') {
                    break;
                }
                i++;
            }
            int s = next;
            int e = i;
            if (i == n) {
                next = n + 1;
            } else {
                next = text.charAt(i) == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
            }
            while (s < e && Character.isWhitespace(text.charAt(s))) {
                s++;
            }
            while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
                e--;
            }
            start = s;
            end = e;
            number++;
            return true;
        }

        /** The number of the line, from 1. */
        int number() {
            return number;
        }

        String line() {
            return text.substring(start, end);
        }

        boolean startsWith(String prefix) {
            return end - start >= prefix.length() && text.startsWith(prefix, start);
        }

        /** The index of {@code c} in the line, or -1. */
        int indexOf(char c) {
            for (int i = start; i < end; i++) {
                if (text.charAt(i) == c) {
                    return i - start;
                }
            }
            return -1;
        }

        void appendTo(StringBuilder sb) {
            sb.append(text, start, end);
        }
    }

    /**
     * The bytes of a block's base64. The strict decoder takes the usual block, whose lines hold nothing else; one with
     * white space inside its lines goes through the MIME decoder, which skips what is not base64, so it is checked
     * first.
     */
    private static byte[] decode(String b64, String source, String label, int begin) {
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException strict) {
            try {
                if (isBase64(b64)) {
                    return Base64.getMimeDecoder().decode(b64);
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw new PemException(source + ": " + label + " block at line " + (begin + 1) + " is not valid base64");
        }
    }

    /** True when {@code s} holds only base64 characters, '=' and ASCII white space (regex {@code \\s}). */
    private static boolean isBase64(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=' || c == ' ' || c >= '\t' && c <= '\r')) {
                return false;
            }
        }
        return true;
    }

    /** The first block of {@code text}, which must carry one of {@code labels}. */
    public static PemBlock readOne(String text, String source, String... labels) {
        PemBlock b = read(text, source).get(0);
        for (String l : labels) {
            if (l.equals(b.label())) {
                return b;
            }
        }
        throw new PemException(source + ": expected BEGIN " + String.join(" or BEGIN ", labels) + ", found BEGIN "
                + b.label());
    }

    /** A PEM block with base64 lines of 64 characters. */
    public static String write(String label, byte[] der) {
        return write(PemBlock.of(label, der), 64);
    }

    /** A PEM block with base64 lines of {@code width} characters (OpenSSH uses 70). */
    public static String write(String label, byte[] der, int width) {
        return write(PemBlock.of(label, der), width);
    }

    /** A PEM block, its RFC 1421 headers (if any) after the BEGIN line and a blank line, base64 at {@code width}. */
    public static String write(PemBlock block, int width) {
        String label = block.label();
        String b64 = Base64.getEncoder().encodeToString(block.der());
        StringBuilder sb = new StringBuilder(b64.length() + b64.length() / width + 64);
        sb.append(BEGIN).append(label).append(DASHES).append('\n');
        block.headers().forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        if (!block.headers().isEmpty()) {
            sb.append('\n');
        }
        for (int i = 0; i < b64.length(); i += width) {
            sb.append(b64, i, Math.min(b64.length(), i + width)).append('\n');
        }
        sb.append(END).append(label).append(DASHES).append('\n');
        return sb.toString();
    }
}
