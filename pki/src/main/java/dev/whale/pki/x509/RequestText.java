package dev.whale.pki.x509;

import dev.whale.pki.internal.OpenSslText;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1NumericString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1T61String;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.x509.Extension;

/**
 * The text {@code openssl req -text} 3.0 prints for a request ({@code X509_REQ_print_ex}, crypto/x509/t_req.c):
 * version, subject, public key, the attributes other than the requested extensions, the requested extensions
 * (their heading printed even when there are none, as 3.0 does), and the signature.
 */
final class RequestText {
    /** extensionRequest and Microsoft's, the attributes X509_REQ_get_extensions reads (crypto/x509/x509_req.c). */
    private static final String EXT_REQ = "1.2.840.113549.1.9.14";
    private static final String MS_EXT_REQ = "1.3.6.1.4.1.311.2.1.14";
    /** The column {@code :} goes to after an attribute's name. */
    private static final int ATTRIBUTE_COLUMN = 25;

    private RequestText() {}

    static String of(CertificationRequest req, NameFormat names, String source) {
        CertificationRequestInfo info = req.getCertificationRequestInfo();
        StringBuilder sb = new StringBuilder(2048);
        sb.append("Certificate Request:\n    Data:\n");
        long v = info.getVersion().getValue().longValue();
        if (v == 0) {
            sb.append("        Version: 1 (0x0)\n");
        } else {
            sb.append("        Version: Unknown (").append(info.getVersion().getValue()).append(")\n");
        }
        sb.append("        Subject:");
        names.field(sb, info.getSubject(), source);
        sb.append('\n');
        CertificateText.publicKeyInfo(sb, info.getSubjectPublicKeyInfo(), source);
        sb.append("        Attributes:\n");
        ASN1Set attrs = info.getAttributes();
        ASN1Sequence extensions = null;
        if (attrs == null || attrs.size() == 0) {
            sb.append("            (none)\n");
        } else {
            for (ASN1Encodable e : attrs) {
                Attribute a = Attribute.getInstance(e);
                String oid = a.getAttrType().getId();
                if (oid.equals(EXT_REQ) || oid.equals(MS_EXT_REQ)) {
                    continue;
                }
                attribute(sb, a);
            }
            extensions = requestedExtensions(attrs);
        }
        sb.append("            Requested Extensions:\n");
        if (extensions != null) {
            for (ASN1Encodable e : extensions) {
                Extension x = Extension.getInstance(e);
                ExtensionText.print(sb, x.getExtnId(), x.isCritical(), x.getExtnValue().getOctets(), 16, source);
            }
        }
        CertificateText.signatureAlgorithm(sb, req.getSignatureAlgorithm(), req.getSignature().getBytes());
        return sb.toString();
    }

    /** The extensions of the first extension request attribute, as X509_REQ_get_extensions picks it. */
    private static ASN1Sequence requestedExtensions(ASN1Set attrs) {
        for (String want : new String[] {EXT_REQ, MS_EXT_REQ}) {
            for (ASN1Encodable e : attrs) {
                Attribute a = Attribute.getInstance(e);
                if (a.getAttrType().getId().equals(want) && a.getAttrValues().size() > 0) {
                    return ASN1Sequence.getInstance(a.getAttrValues().getObjectAt(0));
                }
            }
        }
        return null;
    }

    /**
     * One attribute: at 12 spaces its name, padded to column 25, then {@code :} and each value's bytes when it is a
     * string OpenSSL prints, else {@code unable to print attribute}. Further values follow on lines of their own,
     * padded as OpenSSL's loop pads them.
     */
    private static void attribute(StringBuilder sb, Attribute a) {
        sb.append("            ");
        String name = OpenSslText.object(a.getAttrType());
        sb.append(name);
        int j = name.length();
        ASN1Set values = a.getAttrValues();
        for (int i = 0; i < Math.max(1, values.size()); i++) {
            for (j = ATTRIBUTE_COLUMN - j; j > 0; j--) {
                sb.append(' ');
            }
            sb.append(':');
            ASN1Primitive v = values.size() == 0 ? null : values.getObjectAt(i).toASN1Primitive();
            if (v instanceof ASN1PrintableString || v instanceof ASN1T61String || v instanceof ASN1NumericString
                    || v instanceof ASN1UTF8String || v instanceof ASN1IA5String) {
                sb.append(OpenSslText.cString(OpenSslText.content(v))).append('\n');
            } else {
                sb.append("unable to print attribute\n");
            }
        }
    }
}
