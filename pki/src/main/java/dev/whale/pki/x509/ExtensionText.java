package dev.whale.pki.x509;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.internal.OpenSslText;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.NoticeReference;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.PolicyQualifierInfo;
import org.bouncycastle.asn1.x509.UserNotice;

/**
 * X.509 v3 extensions as OpenSSL 3.0 prints them under {@code X509v3 extensions:} (crypto/x509/v3_prn.c and the
 * v3_*.c printer of each extension). An extension OpenSSL has no printer for, or whose value does not parse, is
 * printed as its raw bytes with non-printable ones as '.', as {@code X509V3_extensions_print} does.
 */
final class ExtensionText {
    private static final String[] NS_CERT_TYPE = {"SSL Client", "SSL Server", "S/MIME", "Object Signing", "Unused",
        "SSL CA", "S/MIME CA", "Object Signing CA"};
    private static final String[] CRL_REASONS = {"Unused", "Key Compromise", "CA Compromise", "Affiliation Changed",
        "Superseded", "Cessation Of Operation", "Certificate Hold", "Privilege Withdrawn", "AA Compromise"};

    /** The reason codes of a CRL entry (crl_reasons of crypto/x509/v3_enum.c); 7 is not used. */
    private static final java.util.Map<Integer, String> CRL_REASON_CODES = java.util.Map.of(0, "Unspecified",
            1, "Key Compromise", 2, "CA Compromise", 3, "Affiliation Changed", 4, "Superseded", 5,
            "Cessation Of Operation", 6, "Certificate Hold", 8, "Remove From CRL", 9, "Privilege Withdrawn", 10,
            "AA Compromise");

    private ExtensionText() {}

    /** One extension: its header line ({@code X509v3 Key Usage: critical}) and its value at {@code indent + 4}. */
    static void print(StringBuilder sb, ASN1ObjectIdentifier oid, boolean critical, byte[] value, int indent,
                      String source) {
        OpenSslText.indent(sb, indent).append(OpenSslText.object(oid)).append(": ").append(critical ? "critical" : "")
                .append('\n');
        int mark = sb.length();
        boolean printed;
        try {
            printed = value(sb, oid.getId(), value, indent + 4, source);
        } catch (IOException | Undecodable | InvalidInputException | IllegalArgumentException | ClassCastException
                 | IllegalStateException e) {
            // The value does not decode (BouncyCastle's getInstance refuses a structure with IllegalArgumentException,
            // ClassCastException or, for a lazily parsed one, ASN1ParsingException; a name inside it may not be
            // printable) or holds what OpenSSL's printer refuses: OpenSSL falls back to the raw bytes, and so does
            // whale. Any other exception is a bug and goes on up.
            printed = false;
        }
        if (!printed) {
            sb.setLength(mark);
            OpenSslText.indent(sb, indent + 4);
            OpenSslText.stringPrint(sb, value);
        }
        sb.append('\n');
    }


    /**
     * A value that decodes but that OpenSSL's printer refuses, such as a NUL inside an IA5 name: the extension is
     * printed as its raw bytes.
     */
    static final class Undecodable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Undecodable(String why) {
            super(why, null, false, false);
        }
    }

    /** The value of one extension by its printer; false when OpenSSL 3.0 would print the raw bytes instead. */
    private static boolean value(StringBuilder sb, String oid, byte[] value, int indent, String source)
            throws IOException {
        switch (oid) {
            case "2.5.29.19" -> { // basicConstraints, v3_bcons.c
                BasicConstraints bc = BasicConstraints.getInstance(parse(value));
                List<String> v = new ArrayList<>(2);
                v.add("CA:" + (bc.isCA() ? "TRUE" : "FALSE"));
                if (bc.getPathLenConstraint() != null) {
                    v.add("pathlen:" + OpenSslText.integer(bc.getPathLenConstraint()));
                }
                return values(sb, v, indent, false);
            }
            case "2.5.29.15" -> { // keyUsage, v3_bitst.c
                return values(sb, bits(ASN1BitString.getInstance(parse(value)), KeyUsageBit.LONG_NAMES), indent, false);
            }
            case "2.16.840.1.113730.1.1" -> { // nsCertType
                return values(sb, bits(ASN1BitString.getInstance(parse(value)), NS_CERT_TYPE), indent, false);
            }
            case "2.5.29.14" -> { // subjectKeyIdentifier, v3_skid.c
                OpenSslText.indent(sb, indent).append(OpenSslText.hexColons(ASN1OctetString.getInstance(parse(value))
                        .getOctets()));
                return true;
            }
            case "2.5.29.35" -> { // authorityKeyIdentifier, v3_akid.c
                return authorityKeyId(sb, AuthorityKeyIdentifier.getInstance(parse(value)), indent, source);
            }
            case "2.5.29.17", "2.5.29.18", "2.5.29.29" -> { // subjectAltName, issuerAltName, certificateIssuer
                List<String> v = new ArrayList<>();
                for (GeneralName g : GeneralNames.getInstance(parse(value)).getNames()) {
                    v.add(GeneralNameText.pair(g, source));
                }
                return values(sb, v, indent, false);
            }
            case "2.5.29.37" -> { // extendedKeyUsage, v3_extku.c
                List<String> v = new ArrayList<>();
                for (ASN1Encodable e : ASN1Sequence.getInstance(parse(value))) {
                    v.add(OpenSslText.objectShort(ASN1ObjectIdentifier.getInstance(e)));
                }
                return !v.isEmpty() && values(sb, v, indent, false);
            }
            case "1.3.6.1.5.5.7.1.1", "1.3.6.1.5.5.7.1.11" -> { // authorityInfoAccess, subjectInfoAccess
                List<String> v = new ArrayList<>();
                for (ASN1Encodable e : ASN1Sequence.getInstance(parse(value))) {
                    AccessDescription ad = AccessDescription.getInstance(e);
                    v.add(OpenSslText.objectShort(ad.getAccessMethod()) + " - "
                            + GeneralNameText.pair(ad.getAccessLocation(), source));
                }
                return values(sb, v, indent, true);
            }
            case "2.5.29.32" -> { // certificatePolicies, v3_cpols.c
                policies(sb, ASN1Sequence.getInstance(parse(value)), indent);
                return true;
            }
            case "2.5.29.31", "2.5.29.46" -> { // cRLDistributionPoints, freshestCRL, v3_crld.c
                distributionPoints(sb, ASN1Sequence.getInstance(parse(value)), indent, source);
                return true;
            }
            case "2.5.29.30" -> { // nameConstraints, v3_ncons.c
                nameConstraints(sb, NameConstraints.getInstance(parse(value)), indent, source);
                return true;
            }
            case "2.5.29.36" -> { // policyConstraints, v3_pcons.c
                List<String> v = new ArrayList<>(2);
                for (ASN1Encodable e : ASN1Sequence.getInstance(parse(value))) {
                    ASN1TaggedObject t = ASN1TaggedObject.getInstance(e);
                    BigInteger n = ASN1Integer.getInstance(t, false).getValue();
                    v.add((t.getTagNo() == 0 ? "Require Explicit Policy:" : "Inhibit Policy Mapping:")
                            + OpenSslText.integer(n));
                }
                return !v.isEmpty() && values(sb, v, indent, false);
            }
            case "2.5.29.33" -> { // policyMappings, v3_pmaps.c
                List<String> v = new ArrayList<>();
                for (ASN1Encodable e : ASN1Sequence.getInstance(parse(value))) {
                    ASN1Sequence m = ASN1Sequence.getInstance(e);
                    v.add(OpenSslText.objectShort(ASN1ObjectIdentifier.getInstance(m.getObjectAt(0))) + ":"
                            + OpenSslText.objectShort(ASN1ObjectIdentifier.getInstance(m.getObjectAt(1))));
                }
                return !v.isEmpty() && values(sb, v, indent, false);
            }
            case "2.5.29.54", "2.5.29.20", "2.5.29.27" -> { // inhibitAnyPolicy, cRLNumber, deltaCRLIndicator
                OpenSslText.indent(sb, indent)
                        .append(OpenSslText.integer(ASN1Integer.getInstance(parse(value)).getValue()));
                return true;
            }
            case "2.5.29.21" -> { // CRLReason, v3_enum.c
                BigInteger r = ASN1Enumerated.getInstance(parse(value)).getValue();
                String name = r.bitLength() < 8 ? CRL_REASON_CODES.get(r.intValue()) : null;
                OpenSslText.indent(sb, indent).append(name != null ? name : OpenSslText.integer(r));
                return true;
            }
            case "2.5.29.24" -> { // invalidityDate, a GeneralizedTime
                ASN1GeneralizedTime t = ASN1GeneralizedTime.getInstance(parse(value));
                OpenSslText.indent(sb, indent).append(OpenSslText.time(new String(OpenSslText.content(t),
                        StandardCharsets.ISO_8859_1), true));
                return true;
            }
            case "2.5.29.23" -> { // holdInstructionCode, an OID printed by its long name
                OpenSslText.indent(sb, indent).append(OpenSslText.object(ASN1ObjectIdentifier.getInstance(
                        parse(value))));
                return true;
            }
            case "2.5.29.16" -> { // privateKeyUsagePeriod, v3_pku.c
                privateKeyUsagePeriod(sb, ASN1Sequence.getInstance(parse(value)), indent);
                return true;
            }
            case "2.16.840.1.113730.1.2", "2.16.840.1.113730.1.3", "2.16.840.1.113730.1.4",
                 "2.16.840.1.113730.1.7", "2.16.840.1.113730.1.8", "2.16.840.1.113730.1.12",
                 "2.16.840.1.113730.1.13" -> { // the Netscape strings, v3_ia5.c
                byte[] s = ASN1IA5String.getInstance(parse(value)).getOctets();
                if (s.length == 0) {
                    return false;
                }
                OpenSslText.indent(sb, indent).append(OpenSslText.cString(s));
                return true;
            }
            case "1.3.6.1.5.5.7.1.24" -> { // TLS feature, v3_tlsf.c
                List<String> v = new ArrayList<>();
                for (ASN1Encodable e : ASN1Sequence.getInstance(parse(value))) {
                    BigInteger n = ASN1Integer.getInstance(e).getValue();
                    v.add(n.equals(BigInteger.valueOf(5)) ? "status_request"
                            : n.equals(BigInteger.valueOf(17)) ? "status_request_v2" : OpenSslText.integer(n));
                }
                return !v.isEmpty() && values(sb, v, indent, false);
            }
            case "1.3.6.1.5.5.7.48.1.5" -> { // OCSP No Check: OpenSSL takes any value and prints nothing
                return true;
            }
            case "1.3.6.1.4.1.11129.2.4.3" -> { // CT precertificate poison
                ASN1Null.getInstance(parse(value));
                OpenSslText.indent(sb, indent).append("NULL");
                return true;
            }
            case "1.3.6.1.4.1.11129.2.4.2", "1.3.6.1.4.1.11129.2.4.5" -> { // CT SCT lists, crypto/ct/ct_prn.c
                return SctText.print(sb, ASN1OctetString.getInstance(parse(value)).getOctets(), indent);
            }
            default -> {
                return false;
            }
        }
    }

    /** The first element of the value; like OpenSSL's d2i, bytes after it are ignored. */
    private static ASN1Primitive parse(byte[] value) throws IOException {
        try (ASN1InputStream in = new ASN1InputStream(value)) {
            ASN1Primitive p = in.readObject();
            if (p == null) {
                throw new IOException("empty extension value");
            }
            return p;
        }
    }

    /** {@code X509V3_EXT_val_prn}: name:value pairs, one per line or joined by ", ". */
    private static boolean values(StringBuilder sb, List<String> v, int indent, boolean multiline) {
        if (!multiline || v.isEmpty()) {
            OpenSslText.indent(sb, indent);
            if (v.isEmpty()) {
                sb.append("<EMPTY>\n");
            }
        }
        for (int i = 0; i < v.size(); i++) {
            if (multiline) {
                if (i > 0) {
                    sb.append('\n');
                }
                OpenSslText.indent(sb, indent);
            } else if (i > 0) {
                sb.append(", ");
            }
            sb.append(v.get(i));
        }
        return true;
    }

    /** The names of the bits set in {@code bits} ({@code ASN1_BIT_STRING_get_bit}: bit 0 is the top bit). */
    private static List<String> bits(ASN1BitString bits, String[] names) {
        byte[] b = bits.getBytes();
        List<String> set = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (i / 8 < b.length && (b[i / 8] & (0x80 >> (i % 8))) != 0) {
                set.add(names[i]);
            }
        }
        if (set.isEmpty()) {
            // i2v_ASN1_BIT_STRING returns no list at all, and OpenSSL then prints the raw bytes.
            throw new Undecodable("no bits set");
        }
        return set;
    }

    private static boolean authorityKeyId(StringBuilder sb, AuthorityKeyIdentifier aki, int indent,
                                          String source) {
        List<String> v = new ArrayList<>(3);
        boolean more = aki.getAuthorityCertIssuer() != null || aki.getAuthorityCertSerialNumber() != null;
        if (aki.getKeyIdentifierObject() != null) {
            String hex = OpenSslText.hexColons(aki.getKeyIdentifierObject().getOctets());
            v.add(more ? "keyid:" + hex : hex);
        }
        if (aki.getAuthorityCertIssuer() != null) {
            for (GeneralName g : aki.getAuthorityCertIssuer().getNames()) {
                v.add(GeneralNameText.pair(g, source));
            }
        }
        if (aki.getAuthorityCertSerialNumber() != null) {
            v.add("serial:" + OpenSslText.hexColons(OpenSslText.magnitude(aki.getAuthorityCertSerialNumber())));
        }
        return !v.isEmpty() && values(sb, v, indent, true);
    }

    /** {@code i2r_certpol}: each policy, its CPS pointers and user notices. */
    private static void policies(StringBuilder sb, ASN1Sequence seq, int indent) {
        for (int i = 0; i < seq.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            PolicyInformation pi = PolicyInformation.getInstance(seq.getObjectAt(i));
            OpenSslText.indent(sb, indent).append("Policy: ").append(OpenSslText.object(pi.getPolicyIdentifier()));
            if (pi.getPolicyQualifiers() != null) {
                sb.append('\n');
                qualifiers(sb, pi.getPolicyQualifiers(), indent + 2);
            }
        }
    }

    private static void qualifiers(StringBuilder sb, ASN1Sequence quals, int indent) {
        for (int i = 0; i < quals.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            PolicyQualifierInfo q = PolicyQualifierInfo.getInstance(quals.getObjectAt(i));
            switch (q.getPolicyQualifierId().getId()) {
                case "1.3.6.1.5.5.7.2.1" -> OpenSslText.indent(sb, indent).append("CPS: ")
                        .append(OpenSslText.cString(ASN1IA5String.getInstance(q.getQualifier()).getOctets()));
                case "1.3.6.1.5.5.7.2.2" -> {
                    OpenSslText.indent(sb, indent).append("User Notice:\n");
                    notice(sb, UserNotice.getInstance(q.getQualifier()), indent + 2);
                }
                default -> OpenSslText.indent(sb, indent + 2).append("Unknown Qualifier: ")
                        .append(OpenSslText.object(q.getPolicyQualifierId()));
            }
        }
    }

    private static void notice(StringBuilder sb, UserNotice n, int indent) {
        NoticeReference ref = n.getNoticeRef();
        if (ref != null) {
            OpenSslText.indent(sb, indent).append("Organization: ")
                    .append(OpenSslText.cString(OpenSslText.content(ref.getOrganization()))).append('\n');
            ASN1Integer[] nums = ref.getNoticeNumbers();
            OpenSslText.indent(sb, indent).append("Number").append(nums.length > 1 ? "s" : "").append(": ");
            for (int i = 0; i < nums.length; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(OpenSslText.integer(nums[i].getValue()));
            }
            if (n.getExplicitText() != null) {
                sb.append('\n');
            }
        }
        if (n.getExplicitText() != null) {
            OpenSslText.indent(sb, indent).append("Explicit Text: ")
                    .append(OpenSslText.cString(OpenSslText.content(n.getExplicitText())));
        }
    }

    /** {@code i2r_crldp}: each distribution point's name, reasons and CRL issuer. */
    private static void distributionPoints(StringBuilder sb, ASN1Sequence seq, int indent, String source) {
        for (int i = 0; i < seq.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            DistributionPoint dp = DistributionPoint.getInstance(seq.getObjectAt(i));
            if (dp.getDistributionPoint() != null) {
                distributionPointName(sb, dp.getDistributionPoint(), indent, source);
            }
            if (dp.getReasons() != null) {
                OpenSslText.indent(sb, indent).append("Reasons:\n");
                OpenSslText.indent(sb, indent + 2);
                byte[] b = dp.getReasons().getBytes();
                boolean first = true;
                for (int bit = 0; bit < CRL_REASONS.length; bit++) {
                    if (bit / 8 < b.length && (b[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                        sb.append(first ? "" : ", ").append(CRL_REASONS[bit]);
                        first = false;
                    }
                }
                sb.append(first ? "<EMPTY>\n" : "\n");
            }
            if (dp.getCRLIssuer() != null) {
                OpenSslText.indent(sb, indent).append("CRL Issuer:\n");
                names(sb, dp.getCRLIssuer(), indent, source);
            }
        }
    }

    private static void distributionPointName(StringBuilder sb, DistributionPointName dpn, int indent,
                                              String source) {
        if (dpn.getType() == DistributionPointName.FULL_NAME) {
            OpenSslText.indent(sb, indent).append("Full Name:\n");
            // OpenSSL 3.0 ends the names without a newline (3.2 added one).
            names(sb, GeneralNames.getInstance(dpn.getName()), indent, source);
        } else {
            OpenSslText.indent(sb, indent).append("Relative Name:\n");
            OpenSslText.indent(sb, indent + 2);
            X500Name rdn = X500Name.getInstance(new DERSequence(
                    ASN1Set.getInstance(dpn.getName())));
            NameText.oneline(sb, rdn, source);
            sb.append('\n');
        }
    }

    /** {@code OSSL_GENERAL_NAMES_print}: one name a line, two spaces in. */
    private static void names(StringBuilder sb, GeneralNames names, int indent, String source) {
        GeneralName[] g = names.getNames();
        for (int i = 0; i < g.length; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            OpenSslText.indent(sb, indent + 2);
            GeneralNameText.print(sb, g[i], source);
        }
    }

    /** {@code i2r_NAME_CONSTRAINTS}: the permitted and the excluded subtrees. */
    private static void nameConstraints(StringBuilder sb, NameConstraints nc, int indent, String source) {
        subtrees(sb, nc.getPermittedSubtrees(), indent, "Permitted", source);
        if (nc.getPermittedSubtrees() != null && nc.getExcludedSubtrees() != null) {
            sb.append('\n');
        }
        subtrees(sb, nc.getExcludedSubtrees(), indent, "Excluded", source);
    }

    private static void subtrees(StringBuilder sb, GeneralSubtree[] trees, int indent, String label,
                                 String source) {
        if (trees == null || trees.length == 0) {
            return;
        }
        OpenSslText.indent(sb, indent).append(label).append(":\n");
        for (int i = 0; i < trees.length; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            OpenSslText.indent(sb, indent + 2);
            GeneralName base = trees[i].getBase();
            if (base.getTagNo() == GeneralName.iPAddress) {
                // An address and its mask.
                byte[] ip = ASN1OctetString.getInstance(base.getName()).getOctets();
                int len1 = ip.length >= 16 ? 16 : ip.length >= 4 ? 4 : ip.length;
                sb.append("IP:").append(GeneralNameText.ipAddress(ip, 0, len1)).append('/')
                        .append(GeneralNameText.ipAddress(ip, len1, ip.length - len1));
            } else {
                GeneralNameText.print(sb, base, source);
            }
        }
    }

    /** {@code i2r_PKEY_USAGE_PERIOD}. */
    private static void privateKeyUsagePeriod(StringBuilder sb, ASN1Sequence seq, int indent) {
        String notBefore = null;
        String notAfter = null;
        for (ASN1Encodable e : seq) {
            ASN1TaggedObject t = ASN1TaggedObject.getInstance(e);
            String time = OpenSslText.time(new String(OpenSslText.content(t), StandardCharsets.US_ASCII), true);
            if (t.getTagNo() == 0) {
                notBefore = time;
            } else {
                notAfter = time;
            }
        }
        OpenSslText.indent(sb, indent);
        if (notBefore != null) {
            sb.append("Not Before: ").append(notBefore);
            if (notAfter != null) {
                sb.append(", ");
            }
        }
        if (notAfter != null) {
            sb.append("Not After: ").append(notAfter);
        }
    }
}
