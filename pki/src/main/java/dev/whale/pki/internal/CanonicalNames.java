package dev.whale.pki.internal;

import dev.whale.pki.Asn1Exception;
import dev.whale.pki.PkiIOException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.util.Strings;

/**
 * X.500 distinguished names the way OpenSSL compares and hashes them: two names are equal when their canonical
 * encodings are (crypto/x509/x_name.c: strings as UTF-8, trimmed, runs of spaces made one, ASCII lower-cased), and
 * the subject hash names a certificate's file in a CApath directory such as /etc/ssl/certs ({@code 5ad8a5d6.0}).
 */
public final class CanonicalNames {
    private CanonicalNames() {}

    /**
     * The canonical encoding of {@code name} that OpenSSL compares and hashes: each RDN's SET, string values turned
     * into UTF8String, trimmed, runs of white space made one space, ASCII lower-cased; no outer SEQUENCE.
     */
    public static byte[] canonical(X500Name name) {
        byte[] der;
        try {
            der = name.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new PkiIOException("cannot encode a name: " + e.getMessage(), e);
        }
        return canonical(der, 0, der.length);
    }

    /**
     * {@link #canonical} of the Name encoded in {@code der} from {@code off} to {@code end}, worked out on the bytes:
     * chain building asks it of every certificate it reads. A Name laid out in an unusual way takes the way through
     * BouncyCastle's objects, which gives the same bytes.
     */
    public static byte[] canonical(byte[] der, int off, int end) {
        try {
            byte[] fast = canonicalBytes(der, off, end);
            if (fast != null) {
                return fast;
            }
        } catch (Asn1Exception e) {
            // fall through to the careful way, which says what is wrong
        }
        return canonicalObjects(X500Name.getInstance(Arrays.copyOfRange(der, off, end)));
    }

    /**
     * Where the issuer and subject Names lie in a certificate's DER, as {@code {issuerStart, issuerEnd,
     * subjectStart, subjectEnd}}; null when the bytes are not laid out as a Certificate's (RFC 5280 4.1). Chain
     * building compares names without reading the rest of the certificate.
     */
    public static int[] spansInCertificate(byte[] der) {
        try {
            Der.Tlv cert = Der.header(der, 0, der.length, "certificate", false);
            Der.Tlv tbs = Der.header(der, cert.contentOffset(), cert.end(), "certificate", false);
            if (!sequence(cert) || !sequence(tbs)) {
                return null;
            }
            int end = tbs.end();
            Der.Tlv t = Der.header(der, tbs.contentOffset(), end, "certificate", false);
            if (t.tagClass() == Der.CONTEXT && t.tag() == 0) {
                t = Der.header(der, t.end(), end, "certificate", false);
            }
            if (t.tagClass() != Der.UNIVERSAL || t.tag() != 2) {
                return null; // the serial number, an INTEGER
            }
            Der.Tlv algorithm = Der.header(der, t.end(), end, "certificate", false);
            Der.Tlv issuer = Der.header(der, algorithm.end(), end, "certificate", false);
            Der.Tlv validity = Der.header(der, issuer.end(), end, "certificate", false);
            Der.Tlv subject = Der.header(der, validity.end(), end, "certificate", false);
            if (!sequence(algorithm) || !sequence(issuer) || !sequence(validity) || !sequence(subject)) {
                return null;
            }
            return new int[] {issuer.offset(), issuer.end(), subject.offset(), subject.end()};
        } catch (Asn1Exception e) {
            return null;
        }
    }

    private static boolean sequence(Der.Tlv t) {
        return universal(t, 16, true);
    }

    /** The canonical encoding straight from DER: null when the Name is not a SEQUENCE of SETs of (OID, value). */
    private static byte[] canonicalBytes(byte[] b, int off, int end) {
        Der.Tlv name = Der.header(b, off, end, "name", false);
        if (!universal(name, 16, true) || name.end() != end) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(name.length());
        int p = name.contentOffset();
        while (p < name.end()) {
            Der.Tlv rdn = Der.header(b, p, name.end(), "name", false);
            if (!universal(rdn, 17, true)) {
                return null;
            }
            byte[] first = null;
            int q = rdn.contentOffset();
            while (q < rdn.end()) {
                Der.Tlv atv = Der.header(b, q, rdn.end(), "name", false);
                if (!universal(atv, 16, true)) {
                    return null;
                }
                Der.Tlv oid = Der.header(b, atv.contentOffset(), atv.end(), "name", false);
                if (!universal(oid, 6, false) || oid.end() >= atv.end()) {
                    return null;
                }
                Der.Tlv value = Der.header(b, oid.end(), atv.end(), "name", false);
                if (value.end() != atv.end()) {
                    return null;
                }
                if (first != null) {
                    return null; // a multi-valued RDN: its SET is sorted, which the objects do
                }
                ByteArrayOutputStream a = new ByteArrayOutputStream(atv.length() + 8);
                a.write(b, oid.offset(), oid.end() - oid.offset());
                a.writeBytes(canonicalValue(b, value));
                first = tlv(0x30, a.toByteArray());
                q = atv.end();
            }
            out.writeBytes(tlv(0x31, first == null ? new byte[0] : first));
            p = rdn.end();
        }
        return out.toByteArray();
    }

    private static boolean universal(Der.Tlv t, int tag, boolean constructed) {
        return t.tagClass() == Der.UNIVERSAL && t.tag() == tag && t.constructed() == constructed
                && t.length() != Der.INDEFINITE;
    }

    /** One value made canonical: a string as a UTF8String, trimmed, spaces made one, ASCII lower-cased. */
    private static byte[] canonicalValue(byte[] b, Der.Tlv v) {
        int tag = b[v.offset()] & 0xff;
        Charset cs = switch (tag) {
            case 12 -> StandardCharsets.UTF_8;
            case 19, 20, 22, 26 -> StandardCharsets.ISO_8859_1;
            case 30 -> StandardCharsets.UTF_16BE;
            case 28 -> Charset.forName("UTF-32BE");
            default -> null;
        };
        if (cs == null) {
            return Arrays.copyOfRange(b, v.offset(), v.end());
        }
        String text = canonicalText(new String(b, v.contentOffset(), v.length(), cs));
        return tlv(0x0c, Strings.toUTF8ByteArray(text));
    }

    /** {@code tag}, the DER length of {@code content}, and {@code content}. */
    private static byte[] tlv(int tag, byte[] content) {
        int n = content.length;
        int lengthBytes = n < 0x80 ? 0 : n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
        byte[] out = new byte[2 + lengthBytes + n];
        out[0] = (byte) tag;
        if (lengthBytes == 0) {
            out[1] = (byte) n;
        } else {
            out[1] = (byte) (0x80 | lengthBytes);
            for (int i = 0; i < lengthBytes; i++) {
                out[2 + i] = (byte) (n >>> (8 * (lengthBytes - 1 - i)));
            }
        }
        System.arraycopy(content, 0, out, 2 + lengthBytes, n);
        return out;
    }

    /** The canonical encoding through BouncyCastle's objects: each RDN's SET, sorted as DER sorts a SET. */
    static byte[] canonicalObjects(X500Name name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (RDN rdn : name.getRDNs()) {
                ASN1EncodableVector v = new ASN1EncodableVector();
                for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                    v.add(new AttributeTypeAndValue(atv.getType(), canonicalValue(atv.getValue())));
                }
                out.write(new DERSet(v).getEncoded(ASN1Encoding.DER));
            }
        } catch (IOException e) {
            throw new PkiIOException("cannot encode a name: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static ASN1Encodable canonicalValue(ASN1Encodable value) {
        byte[] der = encode(value);
        int tag = der[0] & 0xff;
        Der.Tlv tlv = Der.header(der, 0, der.length, "name", false);
        String s;
        switch (tag) {
            case 12 -> s = new String(der, tlv.contentOffset(), tlv.length(), StandardCharsets.UTF_8);
            case 19, 20, 22, 26 -> s = new String(der, tlv.contentOffset(), tlv.length(), StandardCharsets.ISO_8859_1);
            case 30 -> s = new String(der, tlv.contentOffset(), tlv.length(), StandardCharsets.UTF_16BE);
            case 28 -> s = new String(der, tlv.contentOffset(), tlv.length(),
                    Charset.forName("UTF-32BE"));
            default -> {
                return value;
            }
        }
        return new DERUTF8String(canonicalText(s));
    }

    /** Trimmed, runs of white space made one space, ASCII lower-cased (x_name.c's asn1_string_canon). */
    private static String canonicalText(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        int end = s.length();
        while (i < end && isSpace(s.charAt(i))) {
            i++;
        }
        while (end > i && isSpace(s.charAt(end - 1))) {
            end--;
        }
        while (i < end) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                sb.append(' ');
                while (isSpace(s.charAt(i))) {
                    i++;
                }
            } else {
                sb.append(c < 0x80 ? Character.toLowerCase(c) : c);
                i++;
            }
        }
        return sb.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** True when OpenSSL's X509_NAME_cmp finds {@code a} and {@code b} equal. */
    public static boolean equal(X500Name a, X500Name b) {
        return Arrays.equals(canonical(a), canonical(b));
    }

    /**
     * The subject hash of {@code openssl x509 -hash} (X509_NAME_hash_ex): the first four bytes of the SHA-1 of the
     * canonical encoding, little-endian, as eight hex digits.
     */
    public static String hash(X500Name name) {
        return hashOfCanonical(canonical(name));
    }

    /** {@link #hash} of a name whose {@link #canonical} encoding is {@code canonical}. */
    public static String hashOfCanonical(byte[] canonical) {
        return littleEndianHex(Digests.sha1(canonical));
    }

    /**
     * OpenSSL's old name hash (X509_NAME_hash_old, OpenSSL 0.9.8's CApath links): the first four bytes of the MD5
     * of the name's DER encoding {@code der}, not canonicalised, little-endian, as eight hex digits.
     */
    public static String hashOld(byte[] der) {
        return littleEndianHex(Digests.digest("MD5", der));
    }

    private static String littleEndianHex(byte[] md) {
        int h = (md[0] & 0xff) | (md[1] & 0xff) << 8 | (md[2] & 0xff) << 16 | (md[3] & 0xff) << 24;
        return HexFormat.of().toHexDigits(h);
    }

    private static byte[] encode(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new PkiIOException("cannot encode a name attribute: " + e.getMessage(), e);
        }
    }
}
