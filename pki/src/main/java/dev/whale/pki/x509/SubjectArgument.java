package dev.whale.pki.x509;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.internal.Oids;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERNumericString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * The {@code -subj} argument of {@code openssl req}: {@code /type0=value0/type1=value1+type2=value2}, where
 * {@code \} escapes the next character and {@code +} adds a member to the same RDN (apps/lib/apps.c parse_name).
 * Each value gets the string type OpenSSL's default configuration gives it (crypto/asn1/a_strnid.c with
 * {@code string_mask = utf8only}): PrintableString for C and serialNumber, IA5String for emailAddress and DC,
 * UTF8String for the rest, with the same length limits.
 */
public final class SubjectArgument {
    private static final int PRINTABLE = 1;
    private static final int IA5 = 2;
    private static final int UTF8 = 3;
    private static final int BMP = 4;
    private static final int NUMERIC = 5;

    /** How OpenSSL stores one attribute: its string type, and its length limits in characters (-1: none). */
    private record Rule(int type, int min, int max) {}

    /** a_strnid.c's tbl_standard, with DIRSTRING_TYPE narrowed to UTF8String by utf8only. */
    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("2.5.4.3", new Rule(UTF8, 1, 64)),
            Map.entry("2.5.4.6", new Rule(PRINTABLE, 2, 2)),
            Map.entry("2.5.4.7", new Rule(UTF8, 1, 128)),
            Map.entry("2.5.4.8", new Rule(UTF8, 1, 128)),
            Map.entry("2.5.4.10", new Rule(UTF8, 1, 64)),
            Map.entry("2.5.4.11", new Rule(UTF8, 1, 64)),
            Map.entry("1.2.840.113549.1.9.1", new Rule(IA5, 1, 128)),
            Map.entry("1.2.840.113549.1.9.2", new Rule(UTF8, 1, -1)),
            Map.entry("1.2.840.113549.1.9.7", new Rule(UTF8, 1, -1)),
            Map.entry("1.2.840.113549.1.9.8", new Rule(UTF8, 1, -1)),
            Map.entry("2.5.4.42", new Rule(UTF8, 1, 32768)),
            Map.entry("2.5.4.4", new Rule(UTF8, 1, 32768)),
            Map.entry("2.5.4.43", new Rule(UTF8, 1, 32768)),
            Map.entry("2.5.4.5", new Rule(PRINTABLE, 1, 64)),
            Map.entry("1.2.840.113549.1.9.20", new Rule(BMP, -1, -1)),
            Map.entry("2.5.4.41", new Rule(UTF8, 1, 32768)),
            Map.entry("2.5.4.46", new Rule(PRINTABLE, -1, -1)),
            Map.entry("0.9.2342.19200300.100.1.25", new Rule(IA5, 1, -1)),
            Map.entry("1.3.6.1.4.1.311.17.1", new Rule(BMP, -1, -1)),
            Map.entry("1.2.643.3.131.1.1", new Rule(NUMERIC, 1, 12)),
            Map.entry("1.2.643.100.1", new Rule(NUMERIC, 1, 13)),
            Map.entry("1.2.643.100.3", new Rule(NUMERIC, 1, 11)));

    private static final Rule DEFAULT = new Rule(UTF8, -1, -1);

    /**
     * A parsed name, and the warnings OpenSSL prints about attributes it skipped (without its {@code req warning: }
     * prefix).
     */
    public record Parsed(Name name, List<String> warnings) {
        public Parsed {
            warnings = List.copyOf(warnings);
        }
    }

    private SubjectArgument() {}

    /**
     * Parses {@code text}. Without {@code utf8} each byte of the argument is one character, as OpenSSL takes it
     * (so {@code é} becomes two characters); with it the argument is UTF-8, as with {@code -utf8}.
     */
    public static Parsed parse(String text, boolean utf8) {
        if (!text.startsWith("/")) {
            throw new InvalidInputException("subject name is expected to be in the format /type0=value0/type1=value1/"
                    + "type2=... where characters may be escaped by \\. This name is not in that format: '"
                    + text + "'");
        }
        List<String> warnings = new ArrayList<>();
        List<List<AttributeTypeAndValue>> rdns = new ArrayList<>();
        int p = 1;
        boolean nextIsMulti = false;
        while (p < text.length()) {
            boolean multi = nextIsMulti;
            nextIsMulti = false;
            int eq = p;
            while (eq < text.length() && text.charAt(eq) != '=') {
                eq++;
            }
            String type = text.substring(p, eq);
            if (eq == text.length()) {
                throw new InvalidInputException("Missing '=' after RDN type string '" + type
                        + "' in subject name string");
            }
            p = eq + 1;
            StringBuilder value = new StringBuilder();
            for (; p < text.length() && text.charAt(p) != '/'; p++) {
                char c = text.charAt(p);
                if (c == '+') {
                    nextIsMulti = true;
                    break;
                }
                if (c == '\\') {
                    if (++p == text.length()) {
                        throw new InvalidInputException("Escape character at end of subject name string");
                    }
                    c = text.charAt(p);
                }
                value.append(c);
            }
            if (p < text.length()) {
                p++;
            }
            String oid = oid(type);
            if (oid == null) {
                warnings.add("Skipping unknown subject name attribute \"" + type + "\"");
                if (multi) {
                    warnings.add("hint: a '+' in a value string needs be escaped using '\\' else a new member of a "
                            + "multi-valued RDN is expected");
                }
                continue;
            }
            if (value.isEmpty()) {
                warnings.add("No value provided for subject name attribute \"" + type + "\", skipped");
                continue;
            }
            AttributeTypeAndValue atv = new AttributeTypeAndValue(new ASN1ObjectIdentifier(oid),
                    string(oid, type, value.toString(), utf8));
            if (multi && !rdns.isEmpty()) {
                rdns.get(rdns.size() - 1).add(atv);
            } else {
                rdns.add(new ArrayList<>(List.of(atv)));
            }
        }
        RDN[] out = new RDN[rdns.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new RDN(rdns.get(i).toArray(AttributeTypeAndValue[]::new));
        }
        return new Parsed(new Name(new X500Name(out)), warnings);
    }

    /** OBJ_txt2nid: a short name, a long name, or the dotted form of an OID that OpenSSL has a name for. */
    private static String oid(String type) {
        String oid = Oids.byName(type).orElse(null);
        if (oid == null && type.matches("[0-9]+(\\.[0-9]+)+") && Oids.known(type)) {
            oid = type;
        }
        return oid;
    }

    /** ASN1_mbstring_ncopy: the value as the attribute's string type, its characters and length checked. */
    private static ASN1Encodable string(String oid, String type, String value, boolean utf8) {
        int[] chars = utf8 ? value.codePoints().toArray() : latin1(value);
        Rule rule = RULES.getOrDefault(oid, DEFAULT);
        String error = null;
        if (rule.min() >= 0 && chars.length < rule.min()) {
            error = "string too short (at least " + rule.min() + " characters)";
        } else if (rule.max() >= 0 && chars.length > rule.max()) {
            error = "string too long (at most " + rule.max() + " characters)";
        } else {
            for (int c : chars) {
                boolean ok = switch (rule.type()) {
                    case PRINTABLE -> c < 0x80 && (Character.isLetterOrDigit(c) || " '()+,-./:=?".indexOf(c) >= 0);
                    case IA5 -> c < 0x80;
                    case NUMERIC -> (c >= '0' && c <= '9') || c == ' ';
                    case BMP -> c <= 0xffff;
                    default -> true;
                };
                if (!ok) {
                    error = "illegal characters for a " + switch (rule.type()) {
                        case PRINTABLE -> "PrintableString";
                        case IA5 -> "IA5String";
                        case NUMERIC -> "NumericString";
                        default -> "BMPString";
                    };
                    break;
                }
            }
        }
        if (error != null) {
            throw new InvalidInputException("Error adding subject name attribute \"/" + type + "=" + value + "\": "
                    + error);
        }
        String s = new String(chars, 0, chars.length);
        return switch (rule.type()) {
            case PRINTABLE -> new DERPrintableString(s);
            case IA5 -> new DERIA5String(s);
            case NUMERIC -> new DERNumericString(s);
            case BMP -> new DERBMPString(s);
            default -> new DERUTF8String(s);
        };
    }

    /** The argument's bytes, each taken as one character, as OpenSSL reads a name without -utf8. */
    private static int[] latin1(String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xff;
        }
        return out;
    }
}
