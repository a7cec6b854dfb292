package dev.whale.pki.ssh;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.UnsupportedAlgorithmException;
import dev.whale.pki.internal.BcKey;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.RSADigestSigner;

/**
 * SSH signatures as OpenSSH makes and checks them (sshkey.c, ssh-rsa.c, ssh-ecdsa.c, ssh-ed25519.c): a blob of the
 * algorithm name and the signature, RSA PKCS#1 v1.5 (RFC 8332), ECDSA r and s as mpints (RFC 5656 section 3.1.2)
 * and Ed25519's 64 bytes (RFC 8709).
 */
final class SshSignatures {
    static final String RSA_SHA512 = "rsa-sha2-512";
    static final String RSA_SHA256 = "rsa-sha2-256";

    private SshSignatures() {}

    /** The algorithm OpenSSH 9.2 signs with by default for {@code key}: rsa-sha2-512 for RSA, else the key's own. */
    static String defaultAlgorithm(AsymmetricKeyParameter key) {
        return key instanceof RSAKeyParameters ? RSA_SHA512 : SshKeyBlob.sshName(key);
    }

    /** Whether {@code algorithm} can sign with {@code key}'s type. */
    static boolean fits(String algorithm, AsymmetricKeyParameter key) {
        if (key instanceof RSAKeyParameters) {
            return algorithm.equals(SshKeyBlob.RSA) || algorithm.equals(RSA_SHA256) || algorithm.equals(RSA_SHA512);
        }
        return algorithm.equals(SshKeyBlob.sshName(key));
    }

    /** The signature blob of {@code data}: string algorithm, string signature. */
    static byte[] sign(AsymmetricKeyParameter priv, String algorithm, byte[] data, SecureRandom random) {
        if (!fits(algorithm, priv)) {
            throw new UnsupportedAlgorithmException("a " + SshKeyBlob.sshName(priv) + " key cannot sign with "
                    + algorithm);
        }
        byte[] sig;
        if (priv instanceof Ed25519PrivateKeyParameters) {
            Ed25519Signer s = new Ed25519Signer();
            s.init(true, priv);
            s.update(data, 0, data.length);
            sig = s.generateSignature();
        } else if (priv instanceof RSAKeyParameters) {
            RSADigestSigner s = new RSADigestSigner(rsaDigest(algorithm));
            // The blinding's random numbers; without it BouncyCastle would make a SecureRandom for each signature.
            s.init(true, new ParametersWithRandom(priv, random));
            s.update(data, 0, data.length);
            try {
                sig = s.generateSignature();
            } catch (CryptoException e) {
                throw new InvalidInputException("RSA signature failed: " + e.getMessage());
            }
        } else if (priv instanceof ECPrivateKeyParameters k) {
            ECDSASigner s = new ECDSASigner();
            s.init(true, new ParametersWithRandom(k, random));
            BigInteger[] rs = s.generateSignature(hash(ecDigest(k.getParameters().getCurve().getFieldSize()), data));
            sig = new SshWire.Writer().mpint(rs[0]).mpint(rs[1]).toByteArray();
        } else {
            throw new UnsupportedAlgorithmException("OpenSSH cannot sign with a " + BcKey.algorithm(priv) + " key");
        }
        return new SshWire.Writer().string(algorithm).string(sig).toByteArray();
    }

    /** The algorithm named in a signature blob. */
    static String algorithm(byte[] blob, String source) {
        return new SshWire.Reader(blob, source).text("signature algorithm");
    }

    /** Whether {@code blob} is a good signature of {@code data} by {@code pub}. */
    static boolean verify(AsymmetricKeyParameter pub, byte[] blob, byte[] data, String source) {
        SshWire.Reader r = new SshWire.Reader(blob, source);
        String algorithm = r.text("signature algorithm");
        byte[] sig = r.string("signature");
        if (r.remaining() != 0 || !fits(algorithm, pub)) {
            return false;
        }
        if (pub instanceof Ed25519PublicKeyParameters) {
            Ed25519Signer s = new Ed25519Signer();
            s.init(false, pub);
            s.update(data, 0, data.length);
            return sig.length == 64 && s.verifySignature(sig);
        }
        if (pub instanceof RSAKeyParameters k) {
            if (!BcKey.withinRsaLimits(k)) {
                return false;
            }
            RSADigestSigner s = new RSADigestSigner(rsaDigest(algorithm));
            s.init(false, pub);
            s.update(data, 0, data.length);
            return s.verifySignature(sig);
        }
        if (pub instanceof ECPublicKeyParameters k) {
            SshWire.Reader rs = new SshWire.Reader(sig, source);
            BigInteger rr = rs.mpint("ECDSA r");
            BigInteger ss = rs.mpint("ECDSA s");
            ECDSASigner s = new ECDSASigner();
            s.init(false, k);
            return rs.remaining() == 0
                    && s.verifySignature(hash(ecDigest(k.getParameters().getCurve().getFieldSize()), data), rr, ss);
        }
        return false;
    }

    private static Digest rsaDigest(String algorithm) {
        return switch (algorithm) {
            case RSA_SHA512 -> new SHA512Digest();
            case RSA_SHA256 -> new SHA256Digest();
            default -> new SHA1Digest();
        };
    }

    /** RFC 5656 section 6.2.1: SHA-256 up to 256-bit curves, SHA-384 up to 384, SHA-512 above. */
    private static Digest ecDigest(int fieldBits) {
        return fieldBits <= 256 ? new SHA256Digest() : fieldBits <= 384 ? new SHA384Digest() : new SHA512Digest();
    }

    private static byte[] hash(Digest d, byte[] data) {
        d.update(data, 0, data.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }
}
