package dev.whale.pki.digest;

import dev.whale.pki.UnsupportedAlgorithmException;
import dev.whale.pki.internal.BcKey;
import dev.whale.pki.key.Key;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.encodings.PKCS1Encoding;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.generators.MGF1BytesGenerator;
import org.bouncycastle.crypto.params.MGFParameters;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.util.BigIntegers;

/**
 * Signatures over a digest already computed, as {@code openssl dgst -sign} makes them and {@code -verify} checks
 * them: RSA PKCS#1 v1.5 over a DigestInfo (RFC 8017 9.2) or RSA-PSS ({@link Pss}), ECDSA as a DER SEQUENCE of r and s
 * (RFC 3279 2.2.3).
 * Ed25519 signs whole messages, not digests, so OpenSSL 3.0's dgst refuses it, and so does this class.
 */
public final class DigestSignatures {
    private DigestSignatures() {}

    /** The name {@code dgst -sign -hex} prints before a signature: {@code RSA-SHA2-256}, {@code EC-SHA1}. */
    public static String label(Key key, DigestAlgorithm digest) {
        return key.algorithm() + "-" + digest.name();
    }

    /** The signature of {@code digest}, computed with {@code algorithm}, by {@code privateKey} from {@code source}. */
    public static byte[] sign(Key privateKey, DigestAlgorithm algorithm, byte[] digest, SecureRandom random,
                              String source) {
        return sign(privateKey, algorithm, digest, null, random, source);
    }

    /**
     * The signature of {@code digest} as {@link #sign(Key, DigestAlgorithm, byte[], SecureRandom, String)} makes it,
     * for an RSA key with {@code pss} padding unless it is null.
     *
     * @throws UnsupportedAlgorithmException for {@code pss} with a key other than RSA, or a salt the key cannot hold
     */
    public static byte[] sign(Key privateKey, DigestAlgorithm algorithm, byte[] digest, Pss pss, SecureRandom random,
                              String source) {
        AsymmetricKeyParameter k = BcKey.parameters(privateKey);
        if (pss != null) {
            PSSSigner signer = pssSigner(privateKey, k, algorithm, pss, saltLength(k, algorithm, pss), source);
            signer.init(true, new ParametersWithRandom(k, random));
            signer.update(digest, 0, digest.length);
            try {
                return signer.generateSignature();
            } catch (CryptoException | RuntimeException e) {
                throw new UnsupportedAlgorithmException(source + ": the " + privateKey.bits() + "-bit RSA key is too "
                        + "small for a " + algorithm.name() + " PSS signature with that salt", e);
            }
        }
        if (k instanceof RSAKeyParameters) {
            byte[] info = digestInfo(algorithm, digest, source);
            AsymmetricBlockCipher rsa = new PKCS1Encoding(new RSABlindedEngine());
            rsa.init(true, new ParametersWithRandom(k, random));
            try {
                return rsa.processBlock(info, 0, info.length);
            } catch (InvalidCipherTextException | RuntimeException e) {
                throw new UnsupportedAlgorithmException(source + ": the " + privateKey.bits()
                        + "-bit RSA key is too small for a " + algorithm.name() + " signature", e);
            }
        }
        if (k instanceof ECPrivateKeyParameters) {
            ECDSASigner ecdsa = new ECDSASigner();
            ecdsa.init(true, new ParametersWithRandom(k, random));
            BigInteger[] rs = ecdsa.generateSignature(digest);
            try {
                return StandardDSAEncoding.INSTANCE.encode(((ECKeyParameters) k).getParameters().getN(), rs[0], rs[1]);
            } catch (IOException e) {
                throw new IllegalStateException("cannot encode an ECDSA signature", e);
            }
        }
        throw notForDigests(privateKey, source);
    }

    /** True when {@code signature} is {@code key}'s signature of {@code digest} made with {@code algorithm}. */
    public static boolean verify(Key key, DigestAlgorithm algorithm, byte[] digest, byte[] signature,
                                 String source) {
        return verify(key, algorithm, digest, null, signature, source);
    }

    /** As {@link #verify(Key, DigestAlgorithm, byte[], byte[], String)}, for {@code pss} padding unless it is null. */
    public static boolean verify(Key key, DigestAlgorithm algorithm, byte[] digest, Pss pss, byte[] signature,
                                 String source) {
        AsymmetricKeyParameter k = BcKey.parameters(key.publicKey());
        if (pss != null) {
            if (k instanceof RSAKeyParameters rsaKey && !BcKey.withinRsaLimits(rsaKey)) {
                return false;
            }
            int salt = pss.saltLength() == Pss.SALT_AUTO ? recoveredSaltLength(k, algorithm, pss, signature)
                    : saltLength(k, algorithm, pss);
            if (salt < 0) {
                return false;
            }
            PSSSigner signer = pssSigner(key, k, algorithm, pss, salt, source);
            signer.init(false, k);
            signer.update(digest, 0, digest.length);
            return signer.verifySignature(signature);
        }
        if (k instanceof RSAKeyParameters rsaKey) {
            if (!BcKey.withinRsaLimits(rsaKey)) {
                return false;
            }
            byte[] expected = digestInfo(algorithm, digest, source);
            AsymmetricBlockCipher rsa = new PKCS1Encoding(new RSABlindedEngine());
            rsa.init(false, k);
            try {
                byte[] got = rsa.processBlock(signature, 0, signature.length);
                return Arrays.equals(expected, got);
            } catch (InvalidCipherTextException | RuntimeException e) {
                return false;
            }
        }
        if (k instanceof ECKeyParameters ec) {
            ECDSASigner ecdsa = new ECDSASigner();
            ecdsa.init(false, k);
            try {
                BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(ec.getParameters().getN(), signature);
                return ecdsa.verifySignature(digest, rs[0], rs[1]);
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        throw notForDigests(key, source);
    }

    /** What RSA signs: the DigestInfo, with NULL parameters as OpenSSL writes them; MD5-SHA1's 36 bytes as they are. */
    private static byte[] digestInfo(DigestAlgorithm algorithm, byte[] digest, String source) {
        if (algorithm.name().equals("MD5-SHA1")) {
            return digest;
        }
        if (algorithm.oid() == null) {
            throw new UnsupportedAlgorithmException(source + ": RSA signatures cannot use " + algorithm.name()
                    + " (OpenSSL: Error setting context)");
        }
        try {
            return new DigestInfo(new AlgorithmIdentifier(new ASN1ObjectIdentifier(algorithm.oid()), DERNull.INSTANCE),
                    digest).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a DigestInfo", e);
        }
    }

    /** BouncyCastle's PSS signer over a digest already computed, with a salt of {@code saltLength} bytes. */
    private static PSSSigner pssSigner(Key key, AsymmetricKeyParameter k, DigestAlgorithm algorithm, Pss pss,
                                       int saltLength, String source) {
        if (!(k instanceof RSAKeyParameters)) {
            throw new UnsupportedAlgorithmException(source + ": PSS padding is for RSA keys, not " + key.algorithm()
                    + " (OpenSSL: Signature parameter error)");
        }
        Digest content = algorithm.isXof() ? null : algorithm.bouncyCastle();
        Digest mgf = mgfDigest(algorithm, pss);
        if (content == null || mgf == null) {
            throw new UnsupportedAlgorithmException(source + ": RSA-PSS cannot use " + (content == null ? algorithm
                    : pss.mgf1()).name());
        }
        return PSSSigner.createRawSigner(new RSABlindedEngine(), content, mgf, saltLength, PSSSigner.TRAILER_IMPLICIT);
    }

    /** The digest MGF1 runs on: {@code pss}'s own, else the signature's; null for one it cannot (SHAKE, MD5-SHA1). */
    private static Digest mgfDigest(DigestAlgorithm algorithm, Pss pss) {
        DigestAlgorithm d = pss.mgf1() == null ? algorithm : pss.mgf1();
        return d.isXof() ? null : d.bouncyCastle();
    }

    /** The salt length {@code pss} asks for with this key and digest; SALT_AUTO signs with the longest. */
    private static int saltLength(AsymmetricKeyParameter k, DigestAlgorithm algorithm, Pss pss) {
        return switch (pss.saltLength()) {
            case Pss.SALT_DIGEST -> algorithm.size();
            case Pss.SALT_MAX, Pss.SALT_AUTO -> Math.max(0, emLength(k) - algorithm.size() - 2);
            default -> pss.saltLength();
        };
    }

    /** The length of the encoded message: the modulus less one bit, in bytes (RFC 8017 9.1.1). */
    private static int emLength(AsymmetricKeyParameter k) {
        return (((RSAKeyParameters) k).getModulus().bitLength() - 1 + 7) / 8;
    }

    /**
     * The salt length that {@code signature} was made with, read from its encoded message as OpenSSL's "auto" does
     * (RFC 8017 9.1.2 steps 7 to 10); -1 when the message is not a PSS encoding at all.
     */
    private static int recoveredSaltLength(AsymmetricKeyParameter k, DigestAlgorithm algorithm, Pss pss,
                                           byte[] signature) {
        if (!(k instanceof RSAKeyParameters rsa)) {
            return 0; // pssSigner refuses the key with its message
        }
        Digest mgf = mgfDigest(algorithm, pss);
        int hLen = algorithm.size();
        int emBits = rsa.getModulus().bitLength() - 1;
        int emLen = emLength(k);
        if (mgf == null || algorithm.isXof() || emLen < hLen + 2) {
            return 0;
        }
        byte[] em;
        try {
            RSAEngine engine = new RSAEngine();
            engine.init(false, rsa);
            // emLen bytes, with the leading zeros the engine leaves out
            em = BigIntegers.asUnsignedByteArray(emLen, new BigInteger(1, engine.processBlock(signature, 0,
                    signature.length)));
        } catch (RuntimeException e) {
            return -1;
        }
        if (em[emLen - 1] != (byte) 0xbc) {
            return -1;
        }
        int dbLen = emLen - hLen - 1;
        byte[] db = new byte[dbLen];
        MGF1BytesGenerator mgf1 = new MGF1BytesGenerator(mgf);
        mgf1.init(new MGFParameters(em, dbLen, hLen));
        mgf1.generateBytes(db, 0, dbLen);
        for (int i = 0; i < dbLen; i++) {
            db[i] ^= em[i];
        }
        db[0] &= (byte) (0xff >>> (8 * emLen - emBits));
        int i = 0;
        while (i < dbLen && db[i] == 0) {
            i++;
        }
        return i < dbLen && db[i] == 1 ? dbLen - i - 1 : -1;
    }

    private static UnsupportedAlgorithmException notForDigests(Key key, String source) {
        return new UnsupportedAlgorithmException(source + ": " + key.algorithm() + " keys sign whole messages, not "
                + "digests (OpenSSL: Key type not supported for this operation)");
    }
}
