package dev.whale.pki.x509;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.PkiIOException;
import dev.whale.pki.UnsupportedAlgorithmException;
import dev.whale.pki.internal.Digests;
import dev.whale.pki.internal.Oids;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Turns {@link ExtensionSpec}s into DER extensions as OpenSSL 3.0 does (crypto/x509/v3_bcons.c, v3_bitst.c,
 * v3_extku.c, v3_san.c, v3_skid.c, v3_akid.c): basicConstraints, keyUsage, extendedKeyUsage, subjectAltName,
 * subjectKeyIdentifier and authorityKeyIdentifier. A later extension of the same kind replaces an earlier one and
 * moves to the end, as X509V3_CTX_REPLACE does.
 */
final class ExtensionValues {
    /**
     * What the values may refer to: the subject's key, and the issuer, whose key identifier, issuer name and serial
     * go into an authority key identifier. {@code sameIssuer}: the issuer certificate is the one being made (req
     * -x509), so its key identifier is the one made just before; {@code selfSigned}: the issuer's key is the
     * subject's; {@code request}: a certificate request, which has no issuer.
     */
    record Context(SubjectPublicKeyInfo subjectKey, SubjectPublicKeyInfo issuerKey, byte[] issuerSubjectKeyId,
                   X500Name issuerIssuer, BigInteger issuerSerial, boolean sameIssuer, boolean selfSigned,
                   boolean request) {}

    private ExtensionValues() {}

    static List<Extension> encode(List<ExtensionSpec> specs, Context ctx) {
        List<Extension> out = new ArrayList<>();
        for (ExtensionSpec s : specs) {
            Extension e = encode(s, ctx, out);
            if (e == null) {
                continue;
            }
            out.removeIf(x -> x.getExtnId().equals(e.getExtnId()));
            out.add(e);
        }
        return out;
    }

    private static Extension encode(ExtensionSpec s, Context ctx, List<Extension> sofar) {
        String v = s.body();
        try {
            return switch (s.name()) {
                case "basicConstraints" -> ext(Extension.basicConstraints, s, basicConstraints(v, s));
                case "keyUsage" -> ext(Extension.keyUsage, s, keyUsage(v, s));
                case "extendedKeyUsage" -> ext(Extension.extendedKeyUsage, s, extendedKeyUsage(v, s));
                case "subjectAltName" -> ext(Extension.subjectAlternativeName, s, generalNames(v, s));
                case "subjectKeyIdentifier" -> {
                    byte[] id = subjectKeyId(v, ctx.subjectKey(), s);
                    yield id == null ? null : ext(Extension.subjectKeyIdentifier, s, new DEROctetString(id));
                }
                case "authorityKeyIdentifier" -> {
                    AuthorityKeyIdentifier a = authorityKeyId(v, ctx, sofar, s);
                    yield a == null ? null : ext(Extension.authorityKeyIdentifier, s, a);
                }
                default -> throw new UnsupportedAlgorithmException(s.source() + ": unsupported extension "
                        + s.name() + "; whale "
                        + "knows basicConstraints, keyUsage, extendedKeyUsage, subjectAltName, subjectKeyIdentifier "
                        + "and authorityKeyIdentifier");
            };
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(s.source() + ": " + s + ": " + e.getMessage(), e);
        }
    }

    private static Extension ext(ASN1ObjectIdentifier oid, ExtensionSpec s, ASN1Encodable value) {
        try {
            return new Extension(oid, s.critical(), new DEROctetString(value.toASN1Primitive()
                    .getEncoded(ASN1Encoding.DER)));
        } catch (IOException e) {
            throw new PkiIOException(s.source() + ": cannot encode " + s.name() + ": " + e.getMessage(), e);
        }
    }

    private static List<String> items(String v) {
        List<String> out = new ArrayList<>();
        for (String p : v.split(",")) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }

    private static BasicConstraints basicConstraints(String v, ExtensionSpec s) {
        boolean ca = false;
        Integer pathLen = null;
        for (String item : items(v)) {
            int colon = item.indexOf(':');
            String k = colon < 0 ? item : item.substring(0, colon).strip();
            String val = colon < 0 ? "" : item.substring(colon + 1).strip();
            switch (k) {
                case "CA" -> ca = bool(val, s);
                case "pathlen" -> {
                    try {
                        pathLen = Integer.parseInt(val);
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException(s.source() + ": " + s + ": pathlen needs a number: " + val);
                    }
                    if (pathLen < 0) {
                        throw new InvalidInputException(s.source() + ": " + s + ": pathlen cannot be negative: " + val);
                    }
                }
                default -> throw new InvalidInputException(s.source() + ": " + s
                        + ": unknown basicConstraints item " + item
                        + "; expected CA:TRUE, CA:FALSE or pathlen:N");
            }
        }
        if (pathLen != null && ca) {
            return new BasicConstraints(pathLen);
        }
        return new BasicConstraints(ca);
    }

    /** X509V3_get_value_bool. */
    private static boolean bool(String v, ExtensionSpec s) {
        return switch (v) {
            case "TRUE", "true", "Y", "y", "YES", "yes" -> true;
            case "FALSE", "false", "N", "n", "NO", "no" -> false;
            default -> throw new InvalidInputException(s.source() + ": " + s + ": CA needs TRUE or FALSE, not " + v);
        };
    }

    private static KeyUsage keyUsage(String v, ExtensionSpec s) {
        int bits = 0;
        for (String item : items(v)) {
            KeyUsageBit bit = KeyUsageBit.named(item).orElseThrow(() -> new InvalidInputException(s.source() + ": " + s
                    + ": unknown key usage " + item + "; expected " + KeyUsageBit.SHORT_NAMES));
            bits |= bit.mask();
        }
        return new KeyUsage(bits);
    }

    private static ExtendedKeyUsage extendedKeyUsage(String v, ExtensionSpec s) {
        List<KeyPurposeId> ids = new ArrayList<>();
        for (String item : items(v)) {
            String oid = Oids.byName(item).orElse(item.matches("[0-9]+(\\.[0-9]+)+") ? item : null);
            if (oid == null) {
                throw new InvalidInputException(s.source() + ": " + s + ": unknown extended key usage " + item
                        + "; use a name such as serverAuth or clientAuth, or a dotted OID");
            }
            ids.add(KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid)));
        }
        return new ExtendedKeyUsage(ids.toArray(KeyPurposeId[]::new));
    }

    /** {@code hash} (SHA-1 of the public key's bits, RFC 5280 4.2.1.2 method 1), {@code none}, or hex bytes. */
    private static byte[] subjectKeyId(String v, SubjectPublicKeyInfo key, ExtensionSpec s) {
        if (v.equals("none")) {
            return null;
        }
        if (v.equals("hash")) {
            return keyHash(key);
        }
        try {
            return HexFormat.of().parseHex(v.replace(":", "").toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(s.source() + ": " + s + ": expected hash, none or hex bytes");
        }
    }

    static byte[] keyHash(SubjectPublicKeyInfo key) {
        return Digests.sha1(key.getPublicKeyData().getBytes());
    }

    /**
     * v2i_AUTHORITY_KEYID of OpenSSL 3.0: {@code keyid} adds the issuer's key identifier unless the certificate is
     * self-signed, {@code keyid:always} always; {@code issuer} adds the issuer's name and serial when no key
     * identifier went in, {@code issuer:always} always.
     */
    private static AuthorityKeyIdentifier authorityKeyId(String v, Context ctx, List<Extension> sofar,
                                                         ExtensionSpec s) {
        if (ctx.request()) {
            throw new InvalidInputException(s.source()
                    + ": authorityKeyIdentifier needs an issuer certificate and cannot go "
                    + "into a certificate request");
        }
        int keyid = 0;
        int issuer = 0;
        for (String item : items(v)) {
            switch (item) {
                case "keyid" -> keyid = 1;
                case "keyid:always" -> keyid = 2;
                case "issuer" -> issuer = 1;
                case "issuer:always" -> issuer = 2;
                case "none" -> {
                    return null;
                }
                default -> throw new InvalidInputException(s.source() + ": " + s + ": unknown item " + item
                        + "; expected "
                        + "keyid, keyid:always, issuer or issuer:always");
            }
        }
        byte[] ikeyid = null;
        if (keyid == 2 || (keyid == 1 && !ctx.selfSigned())) {
            if (!ctx.sameIssuer()) {
                ikeyid = ctx.issuerSubjectKeyId();
            } else {
                if (ctx.selfSigned()) {
                    for (Extension e : sofar) {
                        if (e.getExtnId().equals(Extension.subjectKeyIdentifier)) {
                            ikeyid = DEROctetString.getInstance(e.getParsedValue()).getOctets();
                        }
                    }
                }
                if (ikeyid == null) {
                    ikeyid = keyHash(ctx.issuerKey());
                }
            }
            if ((keyid == 2 || issuer == 0) && ikeyid == null) {
                throw new InvalidInputException(s.source() + ": " + s + ": the issuer certificate has no subject key "
                        + "identifier");
            }
        }
        GeneralNames names = null;
        BigInteger serial = null;
        if (issuer == 2 || (issuer == 1 && ikeyid == null)) {
            names = new GeneralNames(new GeneralName(ctx.issuerIssuer()));
            serial = ctx.issuerSerial();
        }
        return new AuthorityKeyIdentifier(ikeyid, names, serial);
    }

    /** {@code DNS:x,IP:1.2.3.4,email:a@b,URI:u,RID:1.2.3} (v3_san.c); IP addresses are never looked up. */
    private static GeneralNames generalNames(String v, ExtensionSpec s) {
        List<GeneralName> names = new ArrayList<>();
        for (String item : items(v)) {
            int colon = item.indexOf(':');
            if (colon < 0) {
                throw new InvalidInputException(s.source() + ": " + s + ": expected TYPE:value, such as DNS:localhost: "
                        + item);
            }
            String type = item.substring(0, colon).strip();
            String value = item.substring(colon + 1).strip();
            names.add(switch (type) {
                case "DNS" -> new GeneralName(GeneralName.dNSName, value);
                case "email" -> new GeneralName(GeneralName.rfc822Name, value);
                case "URI" -> new GeneralName(GeneralName.uniformResourceIdentifier, value);
                case "RID" -> new GeneralName(GeneralName.registeredID, new ASN1ObjectIdentifier(
                        Oids.byName(value).orElse(value)));
                case "IP" -> new GeneralName(GeneralName.iPAddress, new DEROctetString(ipAddress(value, s)));
                default -> throw new UnsupportedAlgorithmException(s.source() + ": " + s
                        + ": unsupported name type " + type
                        + "; whale knows DNS, IP, email, URI and RID");
            });
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    /** An IPv4 or IPv6 literal as 4 or 16 bytes (a2i_IPADDRESS). */
    private static byte[] ipAddress(String v, ExtensionSpec s) {
        if (v.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            byte[] b = new byte[4];
            String[] parts = v.split("\\.");
            for (int i = 0; i < 4; i++) {
                int n = Integer.parseInt(parts[i]);
                if (n > 255) {
                    throw new InvalidInputException(s.source() + ": " + s + ": not an IP address: " + v);
                }
                b[i] = (byte) n;
            }
            return b;
        }
        if (v.contains(":") && v.matches("[0-9A-Fa-f:.]+")) {
            try {
                byte[] b = InetAddress.getByName(v).getAddress();
                if (b.length == 16) {
                    return b;
                }
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(b, 0, mapped, 12, 4);
                return mapped;
            } catch (UnknownHostException e) {
                // falls through to the error below
            }
        }
        throw new InvalidInputException(s.source() + ": " + s + ": not an IP address: " + v);
    }
}
