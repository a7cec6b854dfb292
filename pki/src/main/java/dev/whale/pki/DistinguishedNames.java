package dev.whale.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * X.500 distinguished names the way OpenSSL compares and hashes them: two names are equal when their canonical
 * encodings are (crypto/x509/x_name.c: strings as UTF-8, trimmed, runs of spaces made one, ASCII lower-cased), and
 * the subject hash names a certificate's file in a CApath directory such as /etc/ssl/certs ({@code 5ad8a5d6.0}).
 */
public final class DistinguishedNames {
    private DistinguishedNames() {}

    /**
     * {@code name} on one line as OpenSSL 3 prints it by default, {@code CN = Zo\C3\AB, O = "a,b" + OU = x}: the
     * printer of {@code x509 -text}, shared.
     */
    public static String oneline(X500Name name) {
        return NameText.oneline(name, "a certificate name");
    }

    /**
     * The canonical encoding of {@code name} that OpenSSL compares and hashes: each RDN's SET, string values turned
     * into UTF8String, trimmed, runs of white space made one space, ASCII lower-cased; no outer SEQUENCE.
     */
    public static byte[] canonical(X500Name name) {
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
            throw new PkiException("cannot encode the name " + oneline(name), e);
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
                    java.nio.charset.Charset.forName("UTF-32BE"));
            default -> {
                return value;
            }
        }
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
        return new DERUTF8String(sb.toString());
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** True when OpenSSL's X509_NAME_cmp finds {@code a} and {@code b} equal. */
    public static boolean equal(X500Name a, X500Name b) {
        return java.util.Arrays.equals(canonical(a), canonical(b));
    }

    /**
     * The subject hash of {@code openssl x509 -hash} (X509_NAME_hash_ex): the first four bytes of the SHA-1 of the
     * canonical encoding, little-endian, as eight hex digits.
     */
    public static String hash(X500Name name) {
        try {
            byte[] md = MessageDigest.getInstance("SHA-1").digest(canonical(name));
            long h = (md[0] & 0xffL) | (md[1] & 0xffL) << 8 | (md[2] & 0xffL) << 16 | (md[3] & 0xffL) << 24;
            return String.format("%08x", h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    private static byte[] encode(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new PkiException("cannot encode a name attribute: " + e.getMessage(), e);
        }
    }
}
