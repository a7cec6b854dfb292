package dev.whale.pki.x509;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.Pem;
import dev.whale.pki.PemException;
import dev.whale.pki.PkiException;
import dev.whale.pki.internal.Der;
import dev.whale.pki.internal.OpenSslText;
import dev.whale.pki.internal.Signatures;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.asn1.x509.Time;

/**
 * A certificate revocation list (RFC 5280 5.1), as {@code openssl ca -gencrl} writes it: the issuer, this and the
 * next update, the revoked serial numbers with their dates and reasons, signed by the issuer. Printed as
 * {@code openssl crl} 3.0 prints it.
 *
 * <pre>{@code
 * Crl crl = Crl.read(Files.readAllBytes(path), "crl.pem");
 * crl.text(NameFormat.ONELINE);   // "Certificate Revocation List (CRL):\n        Version 2 (0x1)\n..."
 * crl.signedBy(caCertificate);    // the "verify OK" of openssl crl -CAfile
 * }</pre>
 */
public final class Crl {
    /** The PEM label of a CRL (PEM_STRING_X509_CRL). */
    public static final String PEM_LABEL = "X509 CRL";
    private final String source;
    private final byte[] der;
    private final CertificateList list;

    private Crl(String source, byte[] der, CertificateList list) {
        this.source = source;
        this.der = der;
        this.list = list;
    }

    /** The CRL in {@code bytes}: PEM ({@code -----BEGIN X509 CRL-----}) or DER, told apart by a BEGIN line. */
    public static Crl read(byte[] bytes, String source) {
        return Pem.looksLikePem(bytes) ? readPem(bytes, source) : readDer(bytes, source);
    }

    /** The first X509 CRL block of PEM text. */
    public static Crl readPem(byte[] bytes, String source) {
        if (bytes.length == 0) {
            throw new PemException(source + ": empty file, expected a PEM CRL");
        }
        return readDer(Pem.readOne(new String(bytes, StandardCharsets.ISO_8859_1), source, PEM_LABEL).der(), source);
    }

    /** A DER CRL. */
    public static Crl readDer(byte[] der, String source) {
        if (der.length == 0) {
            throw new InvalidInputException(source + ": empty file, expected a CRL");
        }
        if (Pem.looksLikePem(der)) {
            throw new InvalidInputException(source + ": expected DER (-inform DER), found PEM text");
        }
        Der.check(der, source);
        try {
            CertificateList list = CertificateList.getInstance(ASN1Primitive.fromByteArray(der));
            // The issuer's attributes and the entries, their fields and extensions, parsed now, not while printing:
            // OpenSSL does not load such a CRL either.
            Name.parsed(list.getIssuer());
            for (TBSCertList.CRLEntry r : list.getTBSCertList().getRevokedCertificates()) {
                r.getUserCertificate();
                r.getRevocationDate();
                r.getExtensions();
            }
            return new Crl(source, der.clone(), list);
        } catch (java.io.IOException | RuntimeException e) {
            throw new InvalidInputException(source + ": not an X.509 CRL: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /** The name of the input, for messages. */
    public String source() {
        return source;
    }

    /** Who issued and signed the CRL. */
    public Name issuer() {
        return new Name(list.getIssuer());
    }

    /** The CRL's DER encoding, as read. */
    public byte[] der() {
        return der.clone();
    }

    /** The CRL as PEM, {@code -----BEGIN X509 CRL-----}. */
    public String pem() {
        return Pem.write(PEM_LABEL, der);
    }

    /** {@code -lastupdate}: the thisUpdate time, {@code Dec  6 03:52:31 2026 GMT}. */
    public String lastUpdate() {
        return time(list.getThisUpdate());
    }

    /** {@code -nextupdate}: the nextUpdate time, or {@code NONE}. */
    public String nextUpdate() {
        return list.getNextUpdate() == null ? "NONE" : time(list.getNextUpdate());
    }

    /**
     * {@code -crlnumber}: what follows {@code crlNumber=}: {@code 0x} and the number's hex, or {@code <NONE>} when
     * there is none or it is not an INTEGER, as OpenSSL prints it.
     */
    public String crlNumber() {
        Extensions ext = list.getTBSCertList().getExtensions();
        Extension n = ext == null ? null : ext.getExtension(Extension.cRLNumber);
        if (n == null) {
            return "<NONE>";
        }
        try {
            return "0x" + OpenSslText.integerHex(ASN1Integer.getInstance(n.getParsedValue()).getValue());
        } catch (IllegalArgumentException e) {
            return "<NONE>";
        }
    }

    /**
     * {@code -fingerprint}: {@code SHA1 Fingerprint=} and the digest of the DER in uppercase hex pairs, the digest
     * named as OpenSSL 3.0 names it ({@code SHA2-256} for sha256).
     */
    public String fingerprint(String digest) {
        String d = digest.toLowerCase(Locale.ROOT);
        String name = d.equals("md5") || d.equals("sha1") || d.startsWith("sha3-") ? d.toUpperCase(Locale.ROOT)
                : "SHA2-" + d.substring(3).replace('-', '/');
        return name + " Fingerprint=" + OpenSslText.hexColons(CertificateText.digest(der, digest));
    }

    /** The certificate among {@code candidates} whose subject is the CRL's issuer, or null, as OpenSSL looks it up. */
    public Certificate issuerAmong(List<Certificate> candidates) {
        Name issuer = issuer();
        for (Certificate c : candidates) {
            if (c.subject().equals(issuer)) {
                return c;
            }
        }
        return null;
    }

    /**
     * True when {@code issuer}'s public key verifies the CRL's signature; a key of another kind than the signature
     * algorithm's is an error, as in OpenSSL ({@code wrong public key type}).
     */
    public boolean signedBy(Certificate issuer) {
        String keyFamily = Signatures.keyFamily(issuer.publicKeyInfo.getAlgorithm().getAlgorithm());
        String sigFamily = Signatures.family(list.getSignatureAlgorithm().getAlgorithm());
        if (keyFamily == null || sigFamily == null || !Signatures.matches(keyFamily, sigFamily)) {
            throw new InvalidInputException(source + ": wrong public key type: the CRL is signed with "
                    + OpenSslText.object(list.getSignatureAlgorithm().getAlgorithm()) + ", " + issuer.source()
                    + " holds " + issuer.publicKeyAlgorithm() + " key");
        }
        Der.Tlv outer = Der.header(der, 0, der.length, source, false);
        Der.Tlv tbs = Der.header(der, outer.contentOffset(), outer.end(), source, false);
        try {
            return Signatures.verify(list.getSignatureAlgorithm(), Arrays.copyOfRange(der, tbs.offset(), tbs.end()),
                    list.getSignature().getBytes(), issuer.publicKeyInfo);
        } catch (PkiException e) {
            return false;
        }
    }

    /** {@code openssl crl -text} ({@code X509_CRL_print_ex}, crypto/x509/t_crl.c), names in {@code names}' form. */
    public String text(NameFormat names) {
        TBSCertList tbs = list.getTBSCertList();
        StringBuilder sb = new StringBuilder(2048);
        sb.append("Certificate Revocation List (CRL):\n");
        int version = tbs.getVersionNumber() - 1;
        if (version == 0 || version == 1) {
            sb.append("        Version ").append(version + 1).append(" (0x").append(version).append(")\n");
        } else {
            sb.append("        Version unknown (").append(version).append(")\n");
        }
        sb.append("    ");
        CertificateText.signatureAlgorithm(sb, list.getSignatureAlgorithm(), null);
        sb.append("        Issuer: ");
        NameText.print(sb, list.getIssuer(), 0, names.flags, source);
        sb.append('\n');
        sb.append("        Last Update: ").append(lastUpdate()).append('\n');
        sb.append("        Next Update: ").append(nextUpdate()).append('\n');
        extensions(sb, "CRL extensions", tbs.getExtensions());
        TBSCertList.CRLEntry[] revoked = tbs.getRevokedCertificates();
        sb.append(revoked.length > 0 ? "Revoked Certificates:\n" : "No Revoked Certificates.\n");
        for (TBSCertList.CRLEntry r : revoked) {
            sb.append("    Serial Number: ").append(OpenSslText.integerHex(r.getUserCertificate().getValue()));
            sb.append("\n        Revocation Date: ").append(time(r.getRevocationDate())).append('\n');
            extensions(sb, "CRL entry extensions", r.getExtensions());
        }
        CertificateText.signatureAlgorithm(sb, list.getSignatureAlgorithm(), list.getSignature().getBytes());
        return sb.toString();
    }

    /** {@code X509V3_extensions_print} with a title at 8 spaces, the extensions at 12; nothing when there are none. */
    private void extensions(StringBuilder sb, String title, Extensions exts) {
        if (exts == null) {
            return;
        }
        ASN1Sequence seq = ASN1Sequence.getInstance(exts.toASN1Primitive());
        if (seq.size() == 0) {
            return;
        }
        sb.append("        ").append(title).append(":\n");
        for (ASN1Encodable e : seq) {
            Extension x = Extension.getInstance(e);
            ExtensionText.print(sb, x.getExtnId(), x.isCritical(), x.getExtnValue().getOctets(), 12, source);
        }
    }

    private static String time(Time t) {
        ASN1Primitive p = t.toASN1Primitive();
        return OpenSslText.time(new String(OpenSslText.content(p), StandardCharsets.ISO_8859_1),
                p instanceof ASN1GeneralizedTime);
    }

    @Override
    public String toString() {
        return "Crl.read(" + source + ")";
    }
}
