package dev.whale.pki.key;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.PkiIOException;
import dev.whale.pki.UnsupportedAlgorithmException;
import dev.whale.pki.internal.BcKey;
import dev.whale.pki.internal.Der;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * The named elliptic curves of {@code openssl ecparam -list_curves} that whale computes with: 69 of OpenSSL 3.0's
 * 82, the SECG, X9.62 and RFC 5639 (Brainpool) curves. The WTLS curves, the two Oakley curves and SM2 are left
 * out: BouncyCastle knows neither their OpenSSL OIDs nor, for some, their parameters. Parameters are written as
 * named curves only ({@code -param_enc named_curve}).
 */
public final class Curves {
    /** A curve as {@code -list_curves} shows it: OpenSSL's short name and its comment. */
    public record Curve(String name, String comment) {}

    private static final Map<String, Curve> BY_NAME = new LinkedHashMap<>();
    private static final Map<ASN1ObjectIdentifier, String> NAME_BY_OID = new LinkedHashMap<>();
    private static final Map<String, ASN1ObjectIdentifier> OID_BY_NAME = new LinkedHashMap<>();
    /** OpenSSL's names that BouncyCastle spells otherwise: X9.62's 1.2.840.10045.3.0.4. */
    private static final Map<String, String> BC_NAMES = Map.of("c2pnb176v1", "c2pnb176w1");

    static {
        try (InputStream in = Curves.class.getResourceAsStream("curves.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                int bar = line.indexOf('|');
                Curve c = new Curve(line.substring(0, bar), line.substring(bar + 1));
                ASN1ObjectIdentifier oid = ECNamedCurveTable.getOID(BC_NAMES.getOrDefault(c.name(), c.name()));
                if (oid != null) {
                    BY_NAME.put(c.name(), c);
                    NAME_BY_OID.put(oid, c.name());
                    OID_BY_NAME.put(c.name(), oid);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("whale's list of curves is missing from the jar", e);
        }
    }

    private Curves() {}

    /** The curves, in OpenSSL's order. */
    public static List<Curve> list() {
        return List.copyOf(BY_NAME.values());
    }

    /**
     * OpenSSL's short name of the curve called {@code name}: a short name (prime256v1, secp384r1, …) or a NIST name
     * (P-256, K-163, …), as {@code ecparam -name} takes them.
     */
    public static String canonicalName(String name) {
        if (BY_NAME.containsKey(name)) {
            return name;
        }
        ASN1ObjectIdentifier oid = NISTNamedCurves.getOID(name.toUpperCase(Locale.ROOT));
        if (oid != null && NAME_BY_OID.containsKey(oid)) {
            return NAME_BY_OID.get(oid);
        }
        throw new UnsupportedAlgorithmException("unknown curve name " + name + " (see -list_curves)");
    }

    /** The curve of an EC key, by OpenSSL's short name. */
    public static String of(Key key) {
        ASN1ObjectIdentifier oid = BcKey.curveOid(ec(key));
        String name = NAME_BY_OID.get(oid);
        if (name == null) {
            throw new UnsupportedAlgorithmException("unsupported curve " + oid.getId());
        }
        return name;
    }

    /** The ECParameters of a named curve, as {@code BEGIN EC PARAMETERS} holds them: the curve's OID. */
    public static byte[] parameters(String curve) {
        return encode(oid(curve));
    }

    /** The named curve in the DER ECParameters {@code der}; {@code source} names it in errors. */
    public static String readParameters(byte[] der, String source) {
        Der.check(der, source);
        ASN1Primitive p;
        try {
            p = ASN1Primitive.fromByteArray(der);
        } catch (IOException e) {
            throw new InvalidInputException(source + ": not valid EC parameters", e);
        }
        if (!(p instanceof ASN1ObjectIdentifier oid)) {
            throw new UnsupportedAlgorithmException(source + ": explicit EC parameters are not supported; "
                    + "whale reads named curves only");
        }
        String name = NAME_BY_OID.get(oid);
        if (name == null) {
            throw new UnsupportedAlgorithmException(source + ": unsupported curve " + oid.getId());
        }
        return name;
    }

    /** What {@code ecparam -text} prints for a named curve (ec_param_explicit… for named curves only). */
    public static String parametersText(String curve) {
        ASN1ObjectIdentifier oid = oid(curve);
        X9ECParameters p = ECNamedCurveTable.getByOID(oid);
        StringBuilder sb = new StringBuilder();
        sb.append("EC-Parameters: (").append(p.getN().bitLength()).append(" bit)\n");
        sb.append("ASN1 OID: ").append(curve).append('\n');
        String nist = NISTNamedCurves.getName(oid);
        if (nist != null) {
            sb.append("NIST CURVE: ").append(nist).append('\n');
        }
        return sb.toString();
    }

    /** A new key on {@code curve}. */
    public static KeyData generate(String curve, SecureRandom random) {
        ASN1ObjectIdentifier oid = oid(curve);
        ECKeyPairGenerator g = new ECKeyPairGenerator();
        g.init(new ECKeyGenerationParameters(new ECNamedDomainParameters(oid, ECNamedCurveTable.getByOID(oid)),
                random));
        AsymmetricCipherKeyPair kp = g.generateKeyPair();
        return new KeyData(BcKey.of(kp.getPrivate()), BcKey.of(kp.getPublic()), KeyFormat.SEC1, Optional.empty(), "");
    }

    /**
     * The SEC 1 ECPrivateKey (RFC 5915) of {@code key}, with the curve; with the public point, uncompressed or
     * {@code compressed}, unless {@code withPublic} is false ({@code openssl ec -no_public}).
     */
    public static byte[] sec1(Key key, boolean withPublic, boolean compressed) {
        ECPrivateKeyParameters k = (ECPrivateKeyParameters) ec(key);
        ECPublicKeyParameters pub = (ECPublicKeyParameters) BcKey.publicOf(k);
        try {
            return new ECPrivateKey(k.getParameters().getN().bitLength(), k.getD(),
                    withPublic ? new DERBitString(pub.getQ().getEncoded(compressed)) : null, BcKey.curveOid(k))
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new PkiIOException("cannot encode the EC key: " + e.getMessage(), e);
        }
    }

    /** The SubjectPublicKeyInfo of an EC key, its point {@code compressed} or not. */
    public static byte[] spki(Key key, boolean compressed) {
        ECPublicKeyParameters pub = (ECPublicKeyParameters) BcKey.publicOf(ec(key));
        try {
            return new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                    BcKey.curveOid(pub)), pub.getQ().getEncoded(compressed)).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new PkiIOException("cannot encode the EC public key: " + e.getMessage(), e);
        }
    }

    /** True when the key's point lies on its curve and, for a private key, is the private scalar's multiple. */
    public static boolean check(Key key) {
        var k = ec(key);
        ECPublicKeyParameters pub = (ECPublicKeyParameters) BcKey.publicOf(k);
        boolean onCurve = pub.getQ().isValid();
        if (k instanceof ECPrivateKeyParameters priv) {
            return onCurve && priv.getD().signum() > 0 && priv.getD().compareTo(priv.getParameters().getN()) < 0;
        }
        return onCurve;
    }

    private static org.bouncycastle.crypto.params.AsymmetricKeyParameter ec(Key key) {
        var p = BcKey.parameters(key);
        if (!(p instanceof ECPrivateKeyParameters) && !(p instanceof ECPublicKeyParameters)) {
            throw new InvalidInputException("not an EC key: " + key.algorithm());
        }
        return p;
    }

    private static ASN1ObjectIdentifier oid(String curve) {
        return OID_BY_NAME.get(canonicalName(curve));
    }

    private static byte[] encode(ASN1ObjectIdentifier oid) {
        try {
            return oid.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new PkiIOException("cannot encode " + oid, e);
        }
    }
}
