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
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.encodings.PKCS1Encoding;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * Signatures over a digest already computed, as {@code openssl dgst -sign} makes them and {@code -verify} checks
 * them: RSA PKCS#1 v1.5 over a DigestInfo (RFC 8017 9.2), ECDSA as a DER SEQUENCE of r and s (RFC 3279 2.2.3).
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
        AsymmetricKeyParameter k = BcKey.parameters(privateKey);
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
        AsymmetricKeyParameter k = BcKey.parameters(key.publicKey());
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

    private static UnsupportedAlgorithmException notForDigests(Key key, String source) {
        return new UnsupportedAlgorithmException(source + ": " + key.algorithm() + " keys sign whole messages, not "
                + "digests (OpenSSL: Key type not supported for this operation)");
    }
}
