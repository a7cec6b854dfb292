package dev.whale.pki.x509;

import dev.whale.pki.Passphrase;
import dev.whale.pki.PkiIOException;
import dev.whale.pki.UnsupportedAlgorithmException;
import dev.whale.pki.InvalidInputException;
import dev.whale.pki.internal.Oids;
import dev.whale.pki.internal.OpenSslText;
import dev.whale.pki.key.KeyText;
import dev.whale.pki.key.Keys;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The text {@code openssl x509} 3.0 prints for a certificate, byte for byte: {@code -text} ({@code X509_print_ex}
 * with the default {@code -nameopt oneline}, crypto/x509/t_x509.c) and the one-line fields {@code -subject},
 * {@code -issuer}, {@code -serial}, {@code -startdate}, {@code -enddate} and {@code -fingerprint} (apps/x509.c).
 */
public final class CertificateText {
    private static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
    private static final String MGF1 = "1.2.840.113549.1.1.8";
    /** Digests for {@code -fingerprint}: OpenSSL's names, lowercase, to the JDK's. */
    private static final Map<String, String> DIGESTS = Map.ofEntries(Map.entry("md5", "MD5"),
            Map.entry("sha1", "SHA-1"), Map.entry("sha224", "SHA-224"), Map.entry("sha256", "SHA-256"),
            Map.entry("sha384", "SHA-384"), Map.entry("sha512", "SHA-512"), Map.entry("sha512-224", "SHA-512/224"),
            Map.entry("sha512-256", "SHA-512/256"), Map.entry("sha3-224", "SHA3-224"),
            Map.entry("sha3-256", "SHA3-256"), Map.entry("sha3-384", "SHA3-384"), Map.entry("sha3-512", "SHA3-512"));

    private CertificateText() {}

    /** {@code openssl x509 -noout -text}. */
    public static String of(Certificate c) {
        return of(c, NameFormat.ONELINE);
    }

    /** {@code openssl x509 -noout -text -nameopt ...}: the names in {@code names}' form. */
    public static String of(Certificate c, NameFormat names) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("Certificate:\n    Data:\n");
        if (c.version >= 0 && c.version <= 2) {
            sb.append("        Version: ").append(c.version + 1).append(" (0x").append(Long.toHexString(c.version))
                    .append(")\n");
        } else {
            sb.append("        Version: Unknown (").append(c.version).append(")\n");
        }
        sb.append("        Serial Number:");
        serialNumber(sb, c.serial);
        sb.append('\n');
        sb.append("    ");
        signatureAlgorithm(sb, c.tbsSignature, null);
        sb.append("        Issuer:");
        names.field(sb, c.issuer, c.source());
        sb.append('\n');
        sb.append("        Validity\n");
        sb.append("            Not Before: ").append(OpenSslText.time(c.notBefore.text(), c.notBefore.generalized()));
        sb.append("\n            Not After : ").append(OpenSslText.time(c.notAfter.text(), c.notAfter.generalized()));
        sb.append('\n');
        sb.append("        Subject:");
        names.field(sb, c.subject, c.source());
        sb.append('\n');
        publicKeyInfo(sb, c.publicKeyInfo, c.source());
        if (c.issuerUniqueId != null) {
            sb.append("        Issuer Unique ID: ");
            signatureDump(sb, c.issuerUniqueId.getBytes(), 12);
        }
        if (c.subjectUniqueId != null) {
            sb.append("        Subject Unique ID: ");
            signatureDump(sb, c.subjectUniqueId.getBytes(), 12);
        }
        if (!c.extensions.isEmpty()) {
            sb.append("        X509v3 extensions:\n");
            for (Certificate.Ext e : c.extensions) {
                ExtensionText.print(sb, e.oid(), e.critical(), e.value(), 12, c.source());
            }
        }
        signatureAlgorithm(sb, c.signatureAlgorithm, c.signature);
        return sb.toString();
    }

    private static byte[] der(ASN1Encodable e, String source) {
        try {
            return e.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException x) {
            throw new PkiIOException(source + ": cannot encode: " + x.getMessage(), x);
        }
    }

    /** {@code -subject}: the subject name in the one-line form, without the {@code subject=} that OpenSSL adds. */
    public static String subject(Certificate c) {
        return NameText.oneline(c.subject, c.source());
    }

    /** {@code -issuer}: the issuer name in the one-line form. */
    public static String issuer(Certificate c) {
        return NameText.oneline(c.issuer, c.source());
    }

    /** {@code -subject -nameopt ...}: the subject as {@code names} prints it after {@code subject=}. */
    public static String subject(Certificate c, NameFormat names) {
        return names.line(c.subject());
    }

    /** {@code -issuer -nameopt ...}. */
    public static String issuer(Certificate c, NameFormat names) {
        return names.line(c.issuer());
    }

    /**
     * {@code -modulus}, what follows {@code Modulus=}: an RSA key's modulus, a DSA key's public value, in uppercase
     * hex ({@code BN_print}); for other keys OpenSSL's {@code No modulus for this public key type}.
     */
    public static String modulus(Certificate c) {
        return modulus(c.publicKeyInfo, c.source());
    }

    static boolean isRsa(SubjectPublicKeyInfo spki) {
        String alg = spki.getAlgorithm().getAlgorithm().getId();
        return alg.equals("1.2.840.113549.1.1.1") || alg.equals(RSASSA_PSS);
    }

    static String modulus(SubjectPublicKeyInfo spki, String source) {
        try {
            BigInteger n = isRsa(spki) ? RSAPublicKey.getInstance(spki.parsePublicKey()).getModulus()
                    : spki.getAlgorithm().getAlgorithm().getId().equals("1.2.840.10040.4.1")
                    ? ASN1Integer.getInstance(spki.parsePublicKey()).getValue() : null;
            return n == null ? "No modulus for this public key type" : n.toString(16).toUpperCase(Locale.ROOT);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(source + ": cannot read the public key: " + e.getMessage(), e);
        }
    }

    /**
     * {@code -ext NAMES}: the extensions whose OpenSSL short names ({@code subjectAltName}, {@code keyUsage}, ...)
     * are in the comma-separated {@code names}, in the certificate's order, each as {@code -text} prints it but
     * without indent; empty when none matches, where OpenSSL says {@code No extensions in certificate}.
     */
    public static String extensions(Certificate c, String names) {
        List<String> wanted = Arrays.asList(names.split(","));
        StringBuilder sb = new StringBuilder();
        for (Certificate.Ext e : c.extensions) {
            String oid = e.oid().getId();
            if (!Oids.known(oid)) {
                continue;
            }
            for (String w : wanted) { // a name given twice prints the extension twice, as in OpenSSL
                if (w.equals(Oids.shortName(oid))) {
                    ExtensionText.print(sb, e.oid(), e.critical(), e.value(), 0, c.source());
                }
            }
        }
        return sb.toString();
    }

    /** {@code -serial}: the serial number in uppercase hex, {@code -} first when negative. */
    public static String serial(Certificate c) {
        return OpenSslText.integerHex(c.serial);
    }

    /** {@code -startdate}: {@code Nov 24 06:47:58 2026 GMT}. */
    public static String notBefore(Certificate c) {
        return OpenSslText.time(c.notBefore.text(), c.notBefore.generalized());
    }

    /** {@code -enddate}. */
    public static String notAfter(Certificate c) {
        return OpenSslText.time(c.notAfter.text(), c.notAfter.generalized());
    }

    /**
     * {@code -fingerprint}: the digest of the DER certificate in uppercase hex pairs joined by ':'. {@code digest}
     * is an OpenSSL digest name in any case: md5, sha1, sha224, sha256, sha384, sha512, sha512-224, sha512-256,
     * sha3-224 ... sha3-512.
     */
    public static String fingerprint(Certificate c, String digest) {
        return OpenSslText.hexColons(digest(c.der(), digest));
    }

    /** The digest of {@code bytes} with {@code digest}, one of OpenSSL's names that {@link #isDigest} knows. */
    static byte[] digest(byte[] bytes, String digest) {
        String jdk = DIGESTS.get(digest.toLowerCase(Locale.ROOT));
        if (jdk == null) {
            throw new UnsupportedAlgorithmException("unknown digest " + digest + "; use one of " + String.join(", ",
                    new TreeSet<>(DIGESTS.keySet())));
        }
        try {
            return java.security.MessageDigest.getInstance(jdk).digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new UnsupportedAlgorithmException("unknown digest " + digest, e);
        }
    }

    /** True when {@link #fingerprint} knows {@code digest}. */
    public static boolean isDigest(String digest) {
        return DIGESTS.containsKey(digest.toLowerCase(Locale.ROOT));
    }

    /**
     * The serial number as {@code X509_print_ex} of OpenSSL 3.0 prints it: decimal and hex on the label's line when
     * the number fits in a signed 64-bit integer, else lowercase hex pairs on a line of their own.
     */
    private static void serialNumber(StringBuilder sb, BigInteger s) {
        // OpenSSL 3.0 reads the number into a long, and takes -1 for "does not fit".
        boolean fits = s.bitLength() <= 63 || s.equals(BigInteger.ONE.shiftLeft(63).negate());
        if (fits && !s.equals(BigInteger.ONE.negate())) {
            String neg = s.signum() < 0 ? "-" : "";
            BigInteger a = s.abs();
            sb.append(' ').append(neg).append(a).append(" (").append(neg).append("0x").append(a.toString(16))
                    .append(')');
            return;
        }
        sb.append("\n            ").append(s.signum() < 0 ? " (Negative)" : "");
        sb.append(HexFormat.ofDelimiter(":").formatHex(OpenSslText.magnitude(s)));
    }

    /**
     * {@code X509_signature_print}: the algorithm at 4 spaces, then for a signature its value as a hex dump; an
     * RSASSA-PSS algorithm has its parameters printed as {@code rsa_sig_print} does.
     */
    static void signatureAlgorithm(StringBuilder sb, AlgorithmIdentifier alg, byte[] sig) {
        sb.append("    Signature Algorithm: ").append(OpenSslText.object(alg.getAlgorithm()));
        if (sig != null) {
            sb.append("\n    Signature Value:");
        }
        if (RSASSA_PSS.equals(alg.getAlgorithm().getId())) {
            pssParameters(sb, alg.getParameters(), 8);
        } else {
            sb.append('\n');
        }
        if (sig != null) {
            signatureDump(sb, sig, 8);
        }
    }

    /** {@code rsa_pss_param_print} for a signature (crypto/rsa/rsa_ameth.c). */
    private static void pssParameters(StringBuilder sb, ASN1Encodable params, int indent) {
        ASN1Sequence seq;
        try {
            seq = params == null ? null : ASN1Sequence.getInstance(params);
        } catch (RuntimeException e) {
            seq = null;
        }
        OpenSslText.indent(sb, indent);
        if (seq == null) {
            sb.append("(INVALID PSS PARAMETERS)\n");
            return;
        }
        ASN1ObjectIdentifier hash = null;
        ASN1ObjectIdentifier mask = null;
        ASN1ObjectIdentifier maskHash = null;
        BigInteger salt = null;
        BigInteger trailer = null;
        boolean maskHashValid = false;
        for (ASN1Encodable e : seq) {
            ASN1TaggedObject t = ASN1TaggedObject.getInstance(e);
            switch (t.getTagNo()) {
                case 0 -> hash = AlgorithmIdentifier.getInstance(t, true).getAlgorithm();
                case 1 -> {
                    AlgorithmIdentifier m = AlgorithmIdentifier.getInstance(t, true);
                    mask = m.getAlgorithm();
                    if (MGF1.equals(mask.getId()) && m.getParameters() != null) {
                        try {
                            maskHash = AlgorithmIdentifier.getInstance(m.getParameters()).getAlgorithm();
                            maskHashValid = true;
                        } catch (RuntimeException ex) {
                            maskHashValid = false;
                        }
                    }
                }
                case 2 -> salt = ASN1Integer.getInstance(t, true).getValue();
                case 3 -> trailer = ASN1Integer.getInstance(t, true).getValue();
                default -> { }
            }
        }
        sb.append('\n');
        OpenSslText.indent(sb, indent).append("Hash Algorithm: ")
                .append(hash != null ? OpenSslText.object(hash) : "sha1 (default)").append('\n');
        OpenSslText.indent(sb, indent).append("Mask Algorithm: ");
        if (mask != null) {
            sb.append(OpenSslText.object(mask)).append(" with ")
                    .append(maskHashValid ? OpenSslText.object(maskHash) : "INVALID");
        } else {
            sb.append("mgf1 with sha1 (default)");
        }
        sb.append('\n');
        OpenSslText.indent(sb, indent).append(" Salt Length: 0x")
                .append(salt != null ? OpenSslText.integerHex(salt) : "14 (default)").append('\n');
        OpenSslText.indent(sb, indent).append("Trailer Field: 0x")
                .append(trailer != null ? OpenSslText.integerHex(trailer) : "01 (default)").append('\n');
    }

    /**
     * The PSS parameters an RSASSA-PSS key is restricted to, as {@code rsa_to_text} prints them
     * (providers/implementations/encode_decode/encode_key2text.c): defaults are SHA-1, MGF1 with SHA-1, a salt of 20
     * bytes and trailer field 1.
     */
    private static String pssRestrictions(ASN1Encodable params) {
        if (params == null) {
            return "No PSS parameter restrictions\n";
        }
        String hash = "SHA1";
        String mgf = "MGF1";
        String mgfHash = "SHA1";
        BigInteger salt = BigInteger.valueOf(20);
        BigInteger trailer = BigInteger.ONE;
        for (ASN1Encodable e : ASN1Sequence.getInstance(params)) {
            ASN1TaggedObject t = ASN1TaggedObject.getInstance(e);
            switch (t.getTagNo()) {
                case 0 -> hash = digestName(AlgorithmIdentifier.getInstance(t, true).getAlgorithm());
                case 1 -> {
                    AlgorithmIdentifier m = AlgorithmIdentifier.getInstance(t, true);
                    mgf = MGF1.equals(m.getAlgorithm().getId()) ? "MGF1" : OpenSslText.object(m.getAlgorithm());
                    mgfHash = digestName(AlgorithmIdentifier.getInstance(m.getParameters()).getAlgorithm());
                }
                case 2 -> salt = ASN1Integer.getInstance(t, true).getValue();
                case 3 -> trailer = ASN1Integer.getInstance(t, true).getValue();
                default -> { }
            }
        }
        return "PSS parameter restrictions:\n"
                + "  Hash Algorithm: " + hash + (hash.equals("SHA1") ? " (default)" : "") + "\n"
                + "  Mask Algorithm: " + mgf + " with " + mgfHash
                + (mgf.equals("MGF1") && mgfHash.equals("SHA1") ? " (default)" : "") + "\n"
                + "  Minimum Salt Length: " + salt + (salt.intValue() == 20 ? " (default)" : "") + "\n"
                + "  Trailer Field: 0x" + trailer.toString(16) + (trailer.intValue() == 1 ? " (default)" : "")
                + "\n";
    }

    /** The provider names of the digests RSA-PSS allows (crypto/rsa/rsa_schemes.c): SHA1, SHA2-256, ... */
    private static String digestName(ASN1ObjectIdentifier oid) {
        return switch (oid.getId()) {
            case "1.3.14.3.2.26" -> "SHA1";
            case "2.16.840.1.101.3.4.2.4" -> "SHA2-224";
            case "2.16.840.1.101.3.4.2.1" -> "SHA2-256";
            case "2.16.840.1.101.3.4.2.2" -> "SHA2-384";
            case "2.16.840.1.101.3.4.2.3" -> "SHA2-512";
            case "2.16.840.1.101.3.4.2.5" -> "SHA2-512/224";
            case "2.16.840.1.101.3.4.2.6" -> "SHA2-512/256";
            default -> throw new UnsupportedAlgorithmException("RSA-PSS key with an unsupported digest " + oid.getId());
        };
    }

    /** {@code X509_signature_dump}: lowercase hex pairs joined by ':', 18 to a line. */
    private static void signatureDump(StringBuilder sb, byte[] sig, int indent) {
        if (sig.length == 0) {
            sb.append('\n');
        }
        OpenSslText.hexLines(sb, sig, " ".repeat(indent), 18);
    }

    /**
     * {@code Subject Public Key Info:} at 8 spaces, the algorithm at 12, and {@code EVP_PKEY_print_public} at 16:
     * the key text of {@code openssl pkey -pubin -text}.
     */
    static void publicKeyInfo(StringBuilder sb, SubjectPublicKeyInfo spki, String source) {
        sb.append("        Subject Public Key Info:\n");
        sb.append("            Public Key Algorithm: ").append(OpenSslText.object(spki.getAlgorithm().getAlgorithm()))
                .append('\n');
        String text = KeyText.of(Keys.readDer(der(spki, source), source, Passphrase.none()), true);
        if (RSASSA_PSS.equals(spki.getAlgorithm().getAlgorithm().getId())) {
            text += pssRestrictions(spki.getAlgorithm().getParameters());
        }
        int p = 0;
        while (p < text.length()) {
            int nl = text.indexOf('\n', p);
            int end = nl < 0 ? text.length() : nl + 1;
            sb.append("                ").append(text, p, end);
            p = end;
        }
    }
}
