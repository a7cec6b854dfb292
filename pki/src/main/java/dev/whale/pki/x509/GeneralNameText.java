package dev.whale.pki.x509;

import dev.whale.pki.internal.OpenSslText;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * GeneralNames (RFC 5280 4.2.1.6) as OpenSSL 3.0 prints them (crypto/x509/v3_san.c): the {@code name:value} pairs of
 * {@code i2v_GENERAL_NAME}, used by subjectAltName and the access descriptions ({@code DNS:example.com},
 * {@code IP Address:10.0.0.1}, {@code DirName:/C=US/CN=x}), and {@code GENERAL_NAME_print}, used by the CRL
 * distribution points and name constraints ({@code DirName:C = US, CN = x}).
 */
final class GeneralNameText {
    private static final String SMTP_UTF8_MAILBOX = "1.3.6.1.5.5.7.8.9";
    private static final String XMPP_ADDR = "1.3.6.1.5.5.7.8.5";
    private static final String SRV_NAME = "1.3.6.1.5.5.7.8.7";
    private static final String MS_UPN = "1.3.6.1.4.1.311.20.2.3";
    private static final String NAI_REALM = "1.3.6.1.5.5.7.8.8";

    private GeneralNameText() {}

    /** {@code i2v_GENERAL_NAME}: the name as a {@code name:value} pair, the value raw. */
    static String pair(GeneralName g, String source) {
        return switch (g.getTagNo()) {
            case GeneralName.otherName -> otherNamePair(ASN1Sequence.getInstance(g.getName()));
            case GeneralName.x400Address -> "X400Name:<unsupported>";
            case GeneralName.ediPartyName -> "EdiPartyName:<unsupported>";
            case GeneralName.rfc822Name -> "email:" + rawIa5(g);
            case GeneralName.dNSName -> "DNS:" + rawIa5(g);
            case GeneralName.uniformResourceIdentifier -> "URI:" + rawIa5(g);
            case GeneralName.directoryName -> "DirName:" + NameText.slashed(X500Name.getInstance(g.getName()),
                    source);
            case GeneralName.iPAddress -> "IP Address:" + ipAddress(ASN1OctetString.getInstance(g.getName())
                    .getOctets(), 0, -1);
            case GeneralName.registeredID -> "Registered ID:"
                    + OpenSslText.objectShort(ASN1ObjectIdentifier.getInstance(g.getName()));
            default -> throw new ExtensionText.Undecodable("GeneralName tag " + g.getTagNo());
        };
    }

    /** {@code GENERAL_NAME_print}: strings through ASN1_STRING_print, directory names in the one-line form. */
    static void print(StringBuilder sb, GeneralName g, String source) {
        switch (g.getTagNo()) {
            case GeneralName.otherName -> sb.append(otherNamePrint(ASN1Sequence.getInstance(g.getName())));
            case GeneralName.x400Address -> sb.append("X400Name:<unsupported>");
            case GeneralName.ediPartyName -> sb.append("EdiPartyName:<unsupported>");
            case GeneralName.rfc822Name -> printed(sb.append("email:"), g);
            case GeneralName.dNSName -> printed(sb.append("DNS:"), g);
            case GeneralName.uniformResourceIdentifier -> printed(sb.append("URI:"), g);
            case GeneralName.directoryName -> NameText.oneline(sb.append("DirName:"),
                    X500Name.getInstance(g.getName()), source);
            case GeneralName.iPAddress -> sb.append("IP Address:")
                    .append(ipAddress(ASN1OctetString.getInstance(g.getName()).getOctets(), 0, -1));
            case GeneralName.registeredID -> sb.append("Registered ID:")
                    .append(OpenSslText.object(ASN1ObjectIdentifier.getInstance(g.getName())));
            default -> throw new ExtensionText.Undecodable("GeneralName tag " + g.getTagNo());
        }
    }

    private static void printed(StringBuilder sb, GeneralName g) {
        OpenSslText.stringPrint(sb, ASN1IA5String.getInstance(g.getName()).getOctets());
    }

    /**
     * The value of an IA5 name kept as a C string: OpenSSL refuses a NUL inside it (the extension then prints raw),
     * but lets one trailing NUL pass.
     */
    private static String rawIa5(GeneralName g) {
        byte[] b = ASN1IA5String.getInstance(g.getName()).getOctets();
        for (int i = 0; i < b.length - 1; i++) {
            if (b[i] == 0) {
                throw new ExtensionText.Undecodable("NUL inside a name");
            }
        }
        return OpenSslText.cString(b);
    }

    /**
     * OpenSSL 3.0 labels an otherName {@code othername: TYPE:} and then adds the usual ':' and the value, so the
     * value follows two colons: {@code othername: UPN::user@example.com}.
     */
    private static String otherNamePair(ASN1Sequence on) {
        ASN1ObjectIdentifier type = ASN1ObjectIdentifier.getInstance(on.getObjectAt(0));
        ASN1Encodable value = ASN1TaggedObject.getInstance(on.getObjectAt(1)).getExplicitBaseObject();
        String label = switch (type.getId()) {
            case SMTP_UTF8_MAILBOX -> "SmtpUTF8Mailbox";
            case XMPP_ADDR -> "XmppAddr";
            case SRV_NAME -> "SRVName";
            case MS_UPN -> "UPN";
            case NAI_REALM -> "NAIRealm";
            default -> null;
        };
        if (label == null) {
            String prefix = "othername: " + OpenSslText.object(type) + ":";
            if (value instanceof ASN1IA5String || value instanceof ASN1UTF8String) {
                return prefix + ":" + rawString(value);
            }
            return prefix + ":<unsupported>";
        }
        boolean wantIa5 = type.getId().equals(SRV_NAME);
        if (wantIa5 ? !(value instanceof ASN1IA5String) : !(value instanceof ASN1UTF8String)) {
            throw new ExtensionText.Undecodable("otherName " + label + " of the wrong type");
        }
        return "othername: " + label + "::" + rawString(value);
    }

    private static String rawString(ASN1Encodable value) {
        return OpenSslText.cString(OpenSslText.content(value));
    }

    private static String otherNamePrint(ASN1Sequence on) {
        ASN1ObjectIdentifier type = ASN1ObjectIdentifier.getInstance(on.getObjectAt(0));
        ASN1Encodable value = ASN1TaggedObject.getInstance(on.getObjectAt(1)).getExplicitBaseObject();
        boolean srv = type.getId().equals(SRV_NAME);
        if (srv ? !(value instanceof ASN1IA5String) : !(value instanceof ASN1UTF8String)) {
            return "othername:<unsupported>";
        }
        String s = ((ASN1String) value).getString();
        return switch (type.getId()) {
            case SMTP_UTF8_MAILBOX -> "othername:SmtpUTF8Mailbox:" + s;
            case XMPP_ADDR -> "othername:XmppAddr:" + s;
            case SRV_NAME -> "othername:SRVName:" + s;
            case MS_UPN -> "othername:UPN:" + s;
            case NAI_REALM -> "othername:NAIRealm:" + s;
            default -> "othername:<unsupported>";
        };
    }

    /**
     * {@code ossl_ipaddr_to_asc} of {@code length} bytes at {@code offset} (all of them when negative): dotted
     * decimal for 4 bytes, eight uppercase hex groups for 16, else {@code <invalid length=N>}.
     */
    static String ipAddress(byte[] b, int offset, int length) {
        int n = length < 0 ? b.length - offset : length;
        if (n == 4) {
            return (b[offset] & 0xff) + "." + (b[offset + 1] & 0xff) + "." + (b[offset + 2] & 0xff) + "."
                    + (b[offset + 3] & 0xff);
        }
        if (n == 16) {
            StringBuilder sb = new StringBuilder(40);
            for (int i = 0; i < 8; i++) {
                if (i > 0) {
                    sb.append(':');
                }
                sb.append(Integer.toHexString(((b[offset + 2 * i] & 0xff) << 8) | (b[offset + 2 * i + 1] & 0xff))
                        .toUpperCase(Locale.ROOT));
            }
            return sb.toString();
        }
        return "<invalid length=" + n + ">";
    }
}
