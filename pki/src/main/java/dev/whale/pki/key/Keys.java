package dev.whale.pki.key;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.Passphrase;
import dev.whale.pki.Pem;
import dev.whale.pki.PemBlock;
import dev.whale.pki.PemException;
import dev.whale.pki.PkiException;
import dev.whale.pki.PkiIOException;
import dev.whale.pki.UnsupportedAlgorithmException;
import dev.whale.pki.internal.BcKey;
import dev.whale.pki.internal.Der;
import dev.whale.pki.ssh.OpenSsh;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * Reads, converts and generates keys: RSA, EC (P-256, P-384, P-521) and Ed25519, in PKCS#1, SEC 1, PKCS#8 (plain
 * or encrypted), SubjectPublicKeyInfo and the OpenSSH formats. Encodings match what OpenSSL 3 writes, byte for byte.
 */
public final class Keys {
    private static final ASN1ObjectIdentifier ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    /**
     * The key algorithms BouncyCastle's key factories are asked about: RSA, RSASSA-PSS, EC, Ed25519, Ed448, X25519,
     * X448 and DSA. For any other OID the factories first load their post-quantum tables, seconds of class
     * initialisation in a fresh JVM (every CLI run) only to refuse the key; whale refuses it at once.
     */
    private static final Set<String> KEY_ALGORITHMS = Set.of("1.2.840.113549.1.1.1",
            "1.2.840.113549.1.1.10", "1.2.840.10045.2.1", "1.3.101.112", "1.3.101.113", "1.3.101.110", "1.3.101.111",
            "1.2.840.10040.4.1");

    private Keys() {}

    /**
     * The arcs of the named curves BouncyCastle is asked about: X9.62's prime curves, SEC 2's and Brainpool's. An
     * OID elsewhere would have it search every curve table it has, seconds in a fresh JVM, only to refuse the key.
     */
    private static final List<String> CURVE_ARCS = List.of("1.2.840.10045.3.1.", "1.3.132.0.", "1.3.36.3.3.2.8.1.1.");

    private static void checkAlgorithm(AlgorithmIdentifier alg, String source, String what) {
        if (!KEY_ALGORITHMS.contains(alg.getAlgorithm().getId())) {
            throw new UnsupportedAlgorithmException(source + ": unsupported key algorithm in " + what);
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(alg.getAlgorithm())
                && alg.getParameters() instanceof ASN1ObjectIdentifier curve
                && CURVE_ARCS.stream().noneMatch(curve.getId()::startsWith)) {
            throw new UnsupportedAlgorithmException(source + ": unsupported curve " + curve.getId() + " in " + what);
        }
    }

    /**
     * The key in {@code bytes}, PEM or DER, private or public, in any format whale knows; {@code source} names the
     * input in errors, and {@code passphrase} is asked for only when the key is encrypted.
     */
    public static KeyData read(byte[] bytes, String source, Passphrase passphrase) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String head = text.stripLeading();
        if (OpenSsh.isPublicKeyLine(head)) {
            return OpenSsh.readPublicKey(text, source);
        }
        if (head.startsWith("---- BEGIN SSH2 PUBLIC KEY ----")) {
            return OpenSsh.readRfc4716(text, source);
        }
        if (!Pem.looksLikePem(bytes)) {
            return readDer(bytes, source, passphrase);
        }
        List<PemBlock> blocks = Pem.read(text, source);
        // openssl ecparam -genkey writes the curve before the key; OpenSSL's readers pass over it.
        PemBlock b = blocks.size() > 1 && blocks.get(0).label().equals("EC PARAMETERS") ? blocks.get(1) : blocks.get(0);
        return readPem(b, source, passphrase);
    }

    /** A key from one PEM block, chosen by its label. */
    public static KeyData readPem(PemBlock b, String source, Passphrase passphrase) {
        if (PemEncryption.isEncrypted(b)) {
            return PemEncryption.read(b, source, passphrase);
        }
        return switch (b.label()) {
            case "PRIVATE KEY" -> privatePkcs8(b.der(), source, KeyFormat.PKCS8, Optional.empty());
            case "ENCRYPTED PRIVATE KEY" -> Pkcs8.decrypt(b.der(), source, passphrase);
            case "RSA PRIVATE KEY" -> privatePkcs1(b.der(), source);
            case "EC PRIVATE KEY" -> privateSec1(b.der(), source);
            case "PUBLIC KEY" -> publicSpki(b.der(), source);
            case "RSA PUBLIC KEY" -> publicPkcs1(b.der(), source);
            case "OPENSSH PRIVATE KEY" -> OpenSsh.readPrivateKey(b.der(), source, passphrase);
            default -> throw new PemException(source + ": expected a key, found BEGIN " + b.label());
        };
    }

    /** A DER key: PKCS#8 (plain or encrypted), PKCS#1, SEC 1 or SubjectPublicKeyInfo, told apart by structure. */
    public static KeyData readDer(byte[] der, String source, Passphrase passphrase) {
        Der.check(der, source);
        ASN1Sequence seq;
        try {
            seq = ASN1Sequence.getInstance(der);
        } catch (IllegalArgumentException e) {
            // Well-formed DER that is not a SEQUENCE, or whose elements BouncyCastle refuses (a bad OID body…).
            throw new InvalidInputException(source + ": not a key in a DER format whale knows (" + reason(e) + ")", e);
        }
        ASN1Encodable first = seq.size() > 0 ? seq.getObjectAt(0) : null;
        if (first instanceof ASN1Sequence alg) {
            if (seq.size() == 2 && seq.getObjectAt(1) instanceof ASN1OctetString) {
                return Pkcs8.decrypt(der, source, passphrase);
            }
            return publicSpki(der, source);
        }
        if (first instanceof ASN1Integer v) {
            if (seq.size() >= 9) {
                return privatePkcs1(der, source);
            }
            if (seq.size() == 2) {
                return publicPkcs1(der, source);
            }
            if (seq.size() >= 3 && seq.getObjectAt(1) instanceof ASN1Sequence) {
                return privatePkcs8(der, source, KeyFormat.PKCS8, Optional.empty());
            }
            if (seq.size() >= 2 && seq.getObjectAt(1) instanceof ASN1OctetString
                    && v.getValue().intValue() == 1) {
                return privateSec1(der, source);
            }
        }
        throw new InvalidInputException(source + ": not a key in a DER format whale knows (PKCS#1, PKCS#8, SEC 1, "
                + "SubjectPublicKeyInfo)");
    }

    static KeyData privatePkcs8(byte[] der, String source, KeyFormat format, Optional<Encryption> enc) {
        Der.check(der, source);
        AsymmetricKeyParameter priv;
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
            if (PKCSObjectIdentifiers.rsaEncryption.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
                KeyData k = privatePkcs1(info.getPrivateKey().getOctets(), source);
                return new KeyData(k.privateKey(), k.publicKey(), format, enc, "");
            }
            checkAlgorithm(info.getPrivateKeyAlgorithm(), source, "PKCS#8 private key");
            priv = PrivateKeyFactory.createKey(info);
        } catch (IOException | RuntimeException e) {
            throw unsupportedOrBroken(source, "PKCS#8 private key", e);
        }
        check(priv, source);
        return new KeyData(BcKey.of(priv), BcKey.of(BcKey.publicOf(priv)), format, enc, "");
    }

    private static KeyData privatePkcs1(byte[] der, String source) {
        Der.check(der, source);
        try {
            RSAPrivateKey k = RSAPrivateKey.getInstance(der);
            RSAPrivateCrtKeyParameters priv = rsaPrivate(k.getModulus(), k.getPublicExponent(),
                    k.getPrivateExponent(), k.getPrime1(), k.getPrime2(), k.getExponent1(), k.getExponent2(),
                    k.getCoefficient(), source);
            return new KeyData(BcKey.of(priv), BcKey.of(BcKey.publicOf(priv)), KeyFormat.PKCS1, Optional.empty(), "");
        } catch (RuntimeException e) {
            throw rethrow(source, "PKCS#1 RSA private key", e);
        }
    }

    private static KeyData privateSec1(byte[] der, String source) {
        Der.check(der, source);
        try {
            ECPrivateKey k = ECPrivateKey.getInstance(der);
            ASN1Encodable params = k.getParametersObject();
            if (params == null) {
                throw new InvalidInputException(source + ": EC private key without curve parameters");
            }
            PrivateKeyInfo info = new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                    params), k);
            checkAlgorithm(info.getPrivateKeyAlgorithm(), source, "SEC 1 EC private key");
            AsymmetricKeyParameter priv = PrivateKeyFactory.createKey(info);
            return new KeyData(BcKey.of(priv), BcKey.of(BcKey.publicOf(priv)), KeyFormat.SEC1, Optional.empty(), "");
        } catch (IOException | RuntimeException e) {
            throw rethrow(source, "SEC 1 EC private key", e);
        }
    }

    private static KeyData publicSpki(byte[] der, String source) {
        Der.check(der, source);
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(der);
        } catch (RuntimeException e) {
            throw unsupportedOrBroken(source, "public key", e);
        }
        return publicKey(info, source);
    }

    /** The key of a SubjectPublicKeyInfo already parsed, such as a certificate's. */
    static KeyData publicKey(SubjectPublicKeyInfo info, String source) {
        try {
            if (PKCSObjectIdentifiers.rsaEncryption.equals(info.getAlgorithm().getAlgorithm())) {
                RSAPublicKey k = RSAPublicKey.getInstance(info.getPublicKeyData().getOctets());
                return new KeyData(null, BcKey.of(BcKey.rsaPublic(k.getModulus(), k.getPublicExponent(), source)),
                        KeyFormat.SPKI, Optional.empty(), "");
            }
            checkAlgorithm(info.getAlgorithm(), source, "public key");
            return new KeyData(null, BcKey.of(PublicKeyFactory.createKey(info)), KeyFormat.SPKI, Optional.empty(), "");
        } catch (IOException | RuntimeException e) {
            throw unsupportedOrBroken(source, "public key", e);
        }
    }

    private static KeyData publicPkcs1(byte[] der, String source) {
        Der.check(der, source);
        try {
            RSAPublicKey k = RSAPublicKey.getInstance(der);
            return new KeyData(null, BcKey.of(BcKey.rsaPublic(k.getModulus(), k.getPublicExponent(), source)),
                    KeyFormat.PKCS1_PUBLIC, Optional.empty(), "");
        } catch (RuntimeException e) {
            throw rethrow(source, "PKCS#1 RSA public key", e);
        }
    }

    private static PkiException rethrow(String source, String what, Exception e) {
        if (e instanceof PkiException p) {
            return p;
        }
        return new InvalidInputException(source + ": not a valid " + what + " (" + reason(e) + ")", e);
    }

    private static PkiException unsupportedOrBroken(String source, String what, Exception e) {
        if (e instanceof PkiException p) {
            return p;
        }
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains("algorithm identifier") || m.contains("not recognised") || m.contains("unknown")) {
            return new UnsupportedAlgorithmException(source + ": unsupported key algorithm in " + what, e);
        }
        return new InvalidInputException(source + ": not a valid " + what + " (" + reason(e) + ")", e);
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.replaceAll("\\s+", " ").strip();
    }

    /** Refuses RSA keys whose parts do not belong together, which a corrupted file can produce. */
    private static void check(AsymmetricKeyParameter priv, String source) {
        if (priv instanceof RSAPrivateCrtKeyParameters k
                && !k.getP().multiply(k.getQ()).equals(k.getModulus())) {
            throw new InvalidInputException(source + ": RSA key is inconsistent: p * q is not the modulus");
        }
    }

    /** RSA private parameters; p * q must be the modulus, which also proves it composite. */
    static RSAPrivateCrtKeyParameters rsaPrivate(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q,
                                                 BigInteger dp, BigInteger dq, BigInteger qinv, String source) {
        BcKey.rsaPublic(n, e, source);
        if (!p.multiply(q).equals(n)) {
            throw new InvalidInputException(source + ": RSA key is inconsistent: p * q is not the modulus");
        }
        return new RSAPrivateCrtKeyParameters(n, e, d, p, q, dp, dq, qinv, true);
    }

    /** PKCS#8 PrivateKeyInfo DER, as OpenSSL 3 writes it. */
    public static byte[] pkcs8(Key key) {
        AsymmetricKeyParameter priv = BcKey.parameters(key);
        try {
            if (priv instanceof RSAPrivateCrtKeyParameters) {
                return new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                        DERNull.INSTANCE), RSAPrivateKey.getInstance(pkcs1(key))).getEncoded(ASN1Encoding.DER);
            }
            if (priv instanceof ECPrivateKeyParameters k) {
                // OpenSSL keeps the curve in the algorithm identifier and leaves it out of ECPrivateKey.
                ECPrivateKey inner = new ECPrivateKey(k.getParameters().getN().bitLength(), k.getD(),
                        new DERBitString(((ECPublicKeyParameters) BcKey.publicOf(k)).getQ().getEncoded(false)), null);
                return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                        BcKey.curveOid(k)), inner).getEncoded(ASN1Encoding.DER);
            }
            if (priv instanceof Ed25519PrivateKeyParameters k) {
                return new PrivateKeyInfo(new AlgorithmIdentifier(ED25519), new DEROctetString(k.getEncoded()))
                        .getEncoded(ASN1Encoding.DER);
            }
        } catch (IOException e) {
            throw new PkiIOException("cannot encode the private key: " + e.getMessage(), e);
        }
        throw new UnsupportedAlgorithmException("unsupported key type " + BcKey.algorithm(priv));
    }

    /** The traditional encoding OpenSSL writes with -traditional: PKCS#1 for RSA, SEC 1 for EC. */
    public static PemBlock traditional(Key key) {
        AsymmetricKeyParameter priv = BcKey.parameters(key);
        if (priv instanceof RSAPrivateCrtKeyParameters) {
            return PemBlock.of("RSA PRIVATE KEY", pkcs1(key));
        }
        if (priv instanceof ECPrivateKeyParameters k) {
            try {
                ECPrivateKey sec1 = new ECPrivateKey(k.getParameters().getN().bitLength(), k.getD(),
                        new DERBitString(((ECPublicKeyParameters) BcKey.publicOf(k)).getQ().getEncoded(false)),
                        BcKey.curveOid(k));
                return PemBlock.of("EC PRIVATE KEY", sec1.getEncoded(ASN1Encoding.DER));
            } catch (IOException e) {
                throw new PkiIOException("cannot encode the EC key: " + e.getMessage(), e);
            }
        }
        throw new UnsupportedAlgorithmException(BcKey.algorithm(priv)
                + " keys have no traditional format; PKCS#8 is their only form");
    }

    /** PKCS#1 RSAPrivateKey DER. */
    public static byte[] pkcs1(Key key) {
        AsymmetricKeyParameter priv = BcKey.parameters(key);
        if (!(priv instanceof RSAPrivateCrtKeyParameters k)) {
            throw new InvalidInputException("not an RSA private key: " + BcKey.algorithm(priv));
        }
        try {
            return new RSAPrivateKey(k.getModulus(), k.getPublicExponent(), k.getExponent(), k.getP(), k.getQ(),
                    k.getDP(), k.getDQ(), k.getQInv()).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new PkiIOException("cannot encode the RSA key: " + e.getMessage(), e);
        }
    }

    /** SubjectPublicKeyInfo DER. */
    public static byte[] spki(Key key) {
        try {
            AsymmetricKeyParameter pub = BcKey.publicOf(BcKey.parameters(key));
            return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new PkiIOException("cannot encode the public key: " + e.getMessage(), e);
        }
    }

    /** PKCS#1 RSAPublicKey DER. */
    public static byte[] pkcs1Public(Key key) {
        if (!(BcKey.publicOf(BcKey.parameters(key)) instanceof RSAKeyParameters k)) {
            throw new InvalidInputException("not an RSA key: " + key.algorithm());
        }
        try {
            return new RSAPublicKey(k.getModulus(), k.getExponent()).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new PkiIOException("cannot encode the RSA public key: " + e.getMessage(), e);
        }
    }

    /** Key types whale can generate, by OpenSSL's and ssh-keygen's names. */
    public static final List<String> GENERATED = List.of("RSA", "EC", "ED25519");

    /**
     * A new key: RSA of {@code bits} bits with public exponent {@code exponent}, EC on {@code curve} (P-256, P-384,
     * P-521 or their other names), or Ed25519.
     */
    public static KeyData generate(String algorithm, int bits, BigInteger exponent, String curve, SecureRandom random) {
        try {
            KeyPair kp;
            switch (algorithm.toUpperCase(Locale.ROOT)) {
                case "RSA" -> {
                    if (bits < 512 || bits > 16384) {
                        throw new InvalidInputException("RSA key size must be 512..16384 bits: " + bits);
                    }
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(new RSAKeyGenParameterSpec(bits, exponent), random);
                    kp = g.generateKeyPair();
                }
                case "EC" -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec(jdkCurve(curve)), random);
                    kp = g.generateKeyPair();
                }
                case "ED25519" -> kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                default -> throw new UnsupportedAlgorithmException("unsupported algorithm " + algorithm
                        + "; choose one of: "
                        + String.join(", ", GENERATED));
            }
            return privatePkcs8(kp.getPrivate().getEncoded(), "the new key", KeyFormat.PKCS8, Optional.empty());
        } catch (GeneralSecurityException e) {
            throw new UnsupportedAlgorithmException("cannot generate a " + algorithm + " key: " + e.getMessage(), e);
        }
    }

    private static String jdkCurve(String curve) {
        return switch (curve == null ? "P-256" : curve.toUpperCase(Locale.ROOT)) {
            case "P-256", "PRIME256V1", "SECP256R1", "NISTP256" -> "secp256r1";
            case "P-384", "SECP384R1", "NISTP384" -> "secp384r1";
            case "P-521", "SECP521R1", "NISTP521" -> "secp521r1";
            default -> throw new UnsupportedAlgorithmException("unsupported curve " + curve
                    + "; choose one of: P-256, P-384, P-521");
        };
    }
}
