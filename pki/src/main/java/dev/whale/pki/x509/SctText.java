package dev.whale.pki.x509;

import dev.whale.pki.internal.OpenSslText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Certificate Transparency's signed certificate timestamps (RFC 6962 3.3) as OpenSSL 3.0 prints the SCT list
 * extension of a certificate (crypto/ct/ct_oct.c reads it, crypto/ct/ct_prn.c prints it).
 */
final class SctText {
    private static final DateTimeFormatter GENERALIZED =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private SctText() {}

    /** The SCTs of a TLS-encoded SignedCertificateTimestampList; false when OpenSSL would not read it. */
    static boolean print(StringBuilder sb, byte[] b, int indent) {
        if (b.length < 2 || u16(b, 0) != b.length - 2) {
            return false;
        }
        StringBuilder out = new StringBuilder();
        int p = 2;
        boolean first = true;
        while (p < b.length) {
            if (b.length - p < 2) {
                return false;
            }
            int len = u16(b, p);
            p += 2;
            if (len == 0 || len > b.length - p) {
                return false;
            }
            if (!first) {
                out.append('\n');
            }
            first = false;
            if (!sct(out, b, p, len, indent)) {
                return false;
            }
            p += len;
        }
        sb.append(out);
        return true;
    }

    private static boolean sct(StringBuilder sb, byte[] b, int p, int len, int indent) {
        OpenSslText.indent(sb, indent).append("Signed Certificate Timestamp:\n");
        OpenSslText.indent(sb, indent + 4).append("Version   : ");
        if (b[p] != 0) {
            sb.append("unknown\n");
            OpenSslText.indent(sb, indent + 16);
            OpenSslText.hexString(sb, b, p, len, indent + 16);
            return true;
        }
        if (len < 43) {
            return false;
        }
        int left = len - 43;
        int logId = p + 1;
        long timestamp = 0;
        for (int i = 0; i < 8; i++) {
            timestamp = (timestamp << 8) | (b[p + 33 + i] & 0xff);
        }
        int extLen = u16(b, p + 41);
        if (left < extLen) {
            return false;
        }
        int ext = p + 43;
        left -= extLen;
        int sig = ext + extLen;
        // digitally-signed struct: hash, signature algorithm, 2-byte length, signature.
        if (left <= 4) {
            return false;
        }
        int hash = b[sig] & 0xff;
        int alg = b[sig + 1] & 0xff;
        String sigName = hash == 4 && alg == 3 ? "ecdsa-with-SHA256" : hash == 4 && alg == 1
                ? "sha256WithRSAEncryption" : null;
        int sigLen = u16(b, sig + 2);
        if (sigName == null || sigLen > left - 4) {
            return false;
        }
        sb.append("v1 (0x0)\n");
        OpenSslText.indent(sb, indent + 4).append("Log ID    : ");
        OpenSslText.hexString(sb, b, logId, 32, indent + 16);
        sb.append('\n');
        OpenSslText.indent(sb, indent + 4).append("Timestamp : ").append(timestamp(timestamp)).append('\n');
        OpenSslText.indent(sb, indent + 4).append("Extensions: ");
        if (extLen == 0) {
            sb.append("none");
        } else {
            OpenSslText.hexString(sb, b, ext, extLen, indent + 16);
        }
        sb.append('\n');
        OpenSslText.indent(sb, indent + 4).append("Signature : ").append(sigName).append('\n');
        OpenSslText.indent(sb, indent + 4).append("            ");
        OpenSslText.hexString(sb, b, sig + 4, sigLen, indent + 16);
        return true;
    }

    /** {@code timestamp_print}: milliseconds since 1970 as a GeneralizedTime with three decimals. */
    private static String timestamp(long ms) {
        long days = Long.divideUnsigned(ms, 86_400_000L);
        long secs = Long.remainderUnsigned(ms, 86_400_000L) / 1000;
        String t = GENERALIZED.format(Instant.ofEpochSecond(days * 86_400L + secs));
        return OpenSslText.time(t + String.format(".%03dZ", Long.remainderUnsigned(ms, 1000)), true);
    }

    private static int u16(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }
}
