package dev.whale.pki.internal;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.UnsupportedAlgorithmException;
import dev.whale.pki.key.Key;
import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * The one implementation of {@link Key}: BouncyCastle's key parameters, which the pki packages compute with. Not API.
 *
 * @param parameters the key as BouncyCastle holds it
 */
public record BcKey(AsymmetricKeyParameter parameters) implements Key {
    public BcKey {
        if (parameters == null) {
            throw new NullPointerException("parameters");
        }
    }

    /** {@code parameters} as a {@link Key}; null for null, as a public key file has no private key. */
    public static Key of(AsymmetricKeyParameter parameters) {
        return parameters == null ? null : new BcKey(parameters);
    }

    /** The parameters of {@code key}, which must have been made by whale. */
    public static AsymmetricKeyParameter parameters(Key key) {
        if (key instanceof BcKey k) {
            return k.parameters;
        }
        throw new InvalidInputException("not a key whale read or generated: "
                + (key == null ? "null" : key.getClass()));
    }

    @Override
    public String algorithm() {
        return algorithm(parameters);
    }

    @Override
    public int bits() {
        return bits(parameters);
    }

    @Override
    public boolean isPrivate() {
        return parameters.isPrivate();
    }

    @Override
    public Key publicKey() {
        return parameters.isPrivate() ? new BcKey(publicOf(parameters)) : this;
    }

    @Override
    public String curveName() {
        return algorithm().equals("EC") ? curveName(parameters) : "";
    }

    @Override
    public String toString() {
        return bits() + "-bit " + algorithm() + (isPrivate() ? " private key" : " public key");
    }

    /**
     * RSA public parameters, checked here (odd modulus and exponent, both above 1) rather than by BouncyCastle,
     * whose Miller-Rabin test of every modulus costs tens of milliseconds (seconds for 8192 bits and more: a fuzzed
     * SSH key blob took 13 s) and proves nothing a key file needs. For key files of every format, OpenSSH's too.
     */
    public static RSAKeyParameters rsaPublic(BigInteger n, BigInteger e, String source) {
        if (n.signum() <= 0 || !n.testBit(0) || n.bitLength() < 256) {
            throw new InvalidInputException(source + ": not a usable RSA modulus (" + n.bitLength() + " bits"
                    + (n.testBit(0) ? "" : ", even") + ")");
        }
        if (e.compareTo(BigInteger.ONE) <= 0 || !e.testBit(0) || e.compareTo(n) >= 0) {
            throw new InvalidInputException(source + ": not a usable RSA public exponent");
        }
        return new RSAKeyParameters(false, n, e, true);
    }

    /**
     * The key in {@code info}, as BouncyCastle's PublicKeyFactory reads it, but an RSA key checked by
     * {@link #rsaPublic} instead of by BouncyCastle's Miller-Rabin test (seconds for a fuzzed 16384-bit modulus).
     */
    public static AsymmetricKeyParameter publicKey(SubjectPublicKeyInfo info, String source) throws IOException {
        ASN1ObjectIdentifier alg = info.getAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(alg) || PKCSObjectIdentifiers.id_RSASSA_PSS.equals(alg)) {
            RSAPublicKey k = RSAPublicKey.getInstance(info.getPublicKeyData().getOctets());
            return rsaPublic(k.getModulus(), k.getPublicExponent(), source);
        }
        return PublicKeyFactory.createKey(info);
    }

    /**
     * Whether libcrypto would do an RSA public operation (a signature check) with {@code key}: a modulus of at most
     * 16384 bits, and beyond 3072 bits an exponent of at most 64 (OPENSSL_RSA_MAX_MODULUS_BITS,
     * OPENSSL_RSA_MAX_PUBEXP_BITS). Outside them OpenSSL and OpenSSH fail the check instead of spending seconds
     * to minutes on a modular exponentiation that a fuzzed key asks for.
     */
    public static boolean withinRsaLimits(RSAKeyParameters key) {
        int bits = key.getModulus().bitLength();
        return bits <= 16384 && (bits <= 3072 || key.getExponent().bitLength() <= 64);
    }

    /** The public half of a private key (or the key itself when it is public). */
    public static AsymmetricKeyParameter publicOf(AsymmetricKeyParameter key) {
        if (!key.isPrivate()) {
            return key;
        }
        if (key instanceof RSAPrivateCrtKeyParameters k) {
            return new RSAKeyParameters(false, k.getModulus(), k.getPublicExponent(), true);
        }
        if (key instanceof ECPrivateKeyParameters k) {
            ECPoint q = new FixedPointCombMultiplier().multiply(k.getParameters().getG(), k.getD()).normalize();
            return new ECPublicKeyParameters(q, k.getParameters());
        }
        if (key instanceof Ed25519PrivateKeyParameters k) {
            return k.generatePublicKey();
        }
        throw new UnsupportedAlgorithmException("unsupported key type " + key.getClass().getSimpleName());
    }

    /** RSA, EC or ED25519. */
    public static String algorithm(AsymmetricKeyParameter key) {
        if (key instanceof RSAKeyParameters) {
            return "RSA";
        }
        if (key instanceof ECPublicKeyParameters || key instanceof ECPrivateKeyParameters) {
            return "EC";
        }
        if (key instanceof Ed25519PublicKeyParameters || key instanceof Ed25519PrivateKeyParameters) {
            return "ED25519";
        }
        return key.getClass().getSimpleName();
    }

    /** The key size in bits. */
    public static int bits(AsymmetricKeyParameter key) {
        if (key instanceof RSAKeyParameters k) {
            return k.getModulus().bitLength();
        }
        if (key instanceof ECPublicKeyParameters k) {
            return k.getParameters().getN().bitLength();
        }
        if (key instanceof ECPrivateKeyParameters k) {
            return k.getParameters().getN().bitLength();
        }
        return 256;
    }

    /** The curve's OpenSSL short name (prime256v1, secp384r1, secp521r1), for EC keys. */
    public static String curveName(AsymmetricKeyParameter key) {
        ASN1ObjectIdentifier oid = curveOid(key);
        return ECNamedCurveTable.getName(oid) == null ? oid.getId()
                : switch (oid.getId()) {
                    case "1.2.840.10045.3.1.7" -> "prime256v1";
                    default -> ECNamedCurveTable.getName(oid);
                };
    }

    /** The NIST name (P-256, P-384, P-521) of an EC key's curve, or null. */
    public static String nistName(AsymmetricKeyParameter key) {
        return NISTNamedCurves.getName(curveOid(key));
    }

    /** The OID of an EC key's named curve. */
    public static ASN1ObjectIdentifier curveOid(AsymmetricKeyParameter key) {
        ECDomainParameters p = key instanceof ECPublicKeyParameters k
                ? k.getParameters() : ((ECPrivateKeyParameters) key).getParameters();
        if (p instanceof ECNamedDomainParameters n) {
            return n.getName();
        }
        throw new UnsupportedAlgorithmException("EC key with explicit curve parameters is not supported");
    }
}
