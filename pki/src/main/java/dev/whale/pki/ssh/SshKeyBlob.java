package dev.whale.pki.ssh;

import dev.whale.pki.UnsupportedAlgorithmException;
import dev.whale.pki.internal.BcKey;
import dev.whale.pki.key.Keys;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
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

/**
 * Keys in SSH wire format: public key blobs (RFC 4253 section 6.6, RFC 5656 section 3.1, RFC 8709 section 4) and
 * the private key bodies of openssh-key-v1 (OpenSSH's sshkey.c, sshkey_private_serialize).
 */
final class SshKeyBlob {
    static final String RSA = "ssh-rsa";
    static final String ED25519 = "ssh-ed25519";
    private static final String ECDSA_PREFIX = "ecdsa-sha2-";

    private SshKeyBlob() {}

    /** The curves OpenSSH knows: its identifier (nistp256), by OID. */
    private static String curveId(ASN1ObjectIdentifier oid) {
        if (oid.equals(SECObjectIdentifiers.secp256r1)) {
            return "nistp256";
        }
        if (oid.equals(SECObjectIdentifiers.secp384r1)) {
            return "nistp384";
        }
        if (oid.equals(SECObjectIdentifiers.secp521r1)) {
            return "nistp521";
        }
        return null;
    }

    private static ASN1ObjectIdentifier curveOid(String id) {
        return switch (id) {
            case "nistp256" -> SECObjectIdentifiers.secp256r1;
            case "nistp384" -> SECObjectIdentifiers.secp384r1;
            case "nistp521" -> SECObjectIdentifiers.secp521r1;
            default -> null;
        };
    }

    /** The SSH name of a key: ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp256… */
    static String sshName(AsymmetricKeyParameter key) {
        if (key instanceof RSAKeyParameters) {
            return RSA;
        }
        if (key instanceof Ed25519PublicKeyParameters || key instanceof Ed25519PrivateKeyParameters) {
            return ED25519;
        }
        if (key instanceof ECPublicKeyParameters || key instanceof ECPrivateKeyParameters) {
            String id = curveId(BcKey.curveOid(key));
            if (id == null) {
                throw new UnsupportedAlgorithmException("OpenSSH has no name for the curve " + BcKey.curveName(key)
                        + "; it knows P-256, P-384 and P-521");
            }
            return ECDSA_PREFIX + id;
        }
        throw new UnsupportedAlgorithmException("OpenSSH cannot hold a " + BcKey.algorithm(key) + " key");
    }

    /** The public key blob. */
    static byte[] encode(AsymmetricKeyParameter key) {
        SshWire.Writer w = new SshWire.Writer().string(sshName(key));
        writePublicFields(w, key);
        return w.toByteArray();
    }

    /** The fields of a public key blob after its type name, which a certificate repeats after its nonce. */
    static void writePublicFields(SshWire.Writer w, AsymmetricKeyParameter key) {
        AsymmetricKeyParameter pub = BcKey.publicOf(key);
        String name = sshName(pub);
        if (pub instanceof RSAKeyParameters k) {
            w.mpint(k.getExponent()).mpint(k.getModulus());
        } else if (pub instanceof Ed25519PublicKeyParameters k) {
            w.string(k.getEncoded());
        } else if (pub instanceof ECPublicKeyParameters k) {
            w.string(name.substring(ECDSA_PREFIX.length())).string(k.getQ().getEncoded(false));
        }
    }

    /** The public key in a blob, which must hold nothing else. */
    static AsymmetricKeyParameter decode(byte[] blob, String source) {
        SshWire.Reader r = new SshWire.Reader(blob, source);
        try {
            AsymmetricKeyParameter key = readPublic(r, r.text("key type"));
            r.expectEnd("the public key");
            return key;
        } catch (IllegalArgumentException e) {
            throw r.broken("not a valid public key (" + e.getMessage() + ")");
        }
    }

    /** The public key fields that follow the type name {@code type}, as in a key blob or a certificate. */
    static AsymmetricKeyParameter readPublic(SshWire.Reader r, String type) {
        if (type.equals(RSA)) {
            BigInteger e = r.mpint("RSA exponent");
            BigInteger n = r.mpint("RSA modulus");
            return BcKey.rsaPublic(n, e, r.source());
        }
        if (type.equals(ED25519)) {
            return ed25519Public(r.string("Ed25519 public key"), r);
        }
        if (type.startsWith(ECDSA_PREFIX)) {
            ECNamedDomainParameters params = curve(type, r.text("curve name"), r);
            return new ECPublicKeyParameters(point(params, r.string("EC point"), r), params);
        }
        throw r.broken("unsupported key type " + printable(type) + " (whale reads ssh-rsa, ssh-ed25519 and "
                + "ecdsa-sha2-nistp256/384/521)");
    }

    /** The private key body of openssh-key-v1, as sshkey_private_serialize writes it. */
    static void writePrivate(SshWire.Writer w, AsymmetricKeyParameter priv) {
        String name = sshName(priv);
        w.string(name);
        if (priv instanceof RSAPrivateCrtKeyParameters k) {
            w.mpint(k.getModulus()).mpint(k.getPublicExponent()).mpint(k.getExponent()).mpint(k.getQInv())
                    .mpint(k.getP()).mpint(k.getQ());
        } else if (priv instanceof Ed25519PrivateKeyParameters k) {
            byte[] pk = k.generatePublicKey().getEncoded();
            byte[] seed = k.getEncoded();
            byte[] sk = Arrays.copyOf(seed, 64);
            System.arraycopy(pk, 0, sk, 32, 32);
            w.string(pk).string(sk);
            Arrays.fill(sk, (byte) 0);
            Arrays.fill(seed, (byte) 0);
        } else if (priv instanceof ECPrivateKeyParameters k) {
            ECPublicKeyParameters pub = (ECPublicKeyParameters) BcKey.publicOf(k);
            w.string(name.substring(ECDSA_PREFIX.length())).string(pub.getQ().getEncoded(false)).mpint(k.getD());
        } else {
            throw new UnsupportedAlgorithmException("OpenSSH cannot hold a " + BcKey.algorithm(priv) + " private key");
        }
    }

    /** A private key body of openssh-key-v1; checks that its parts belong together. */
    static AsymmetricKeyParameter readPrivate(SshWire.Reader r) {
        try {
            return privateBody(r);
        } catch (IllegalArgumentException e) {
            throw r.broken("not a valid private key (" + e.getMessage() + ")");
        }
    }

    private static AsymmetricKeyParameter privateBody(SshWire.Reader r) {
        String type = r.text("key type");
        if (type.equals(RSA)) {
            BigInteger n = r.mpint("RSA modulus");
            BigInteger e = r.mpint("RSA exponent");
            BigInteger d = r.mpint("RSA private exponent");
            BigInteger iqmp = r.mpint("RSA iqmp");
            BigInteger p = r.mpint("RSA p");
            BigInteger q = r.mpint("RSA q");
            // p and q above 1: the CRT exponents below are d mod (p - 1) and d mod (q - 1).
            if (p.compareTo(BigInteger.ONE) <= 0 || q.compareTo(BigInteger.ONE) <= 0 || !p.multiply(q).equals(n)) {
                throw r.broken("RSA key is inconsistent: p * q is not the modulus");
            }
            return new RSAPrivateCrtKeyParameters(n, e, d, p, q, d.mod(p.subtract(BigInteger.ONE)),
                    d.mod(q.subtract(BigInteger.ONE)), iqmp);
        }
        if (type.equals(ED25519)) {
            Ed25519PublicKeyParameters pk = ed25519Public(r.string("Ed25519 public key"), r);
            byte[] sk = r.string("Ed25519 private key");
            if (sk.length != 64) {
                throw r.broken("Ed25519 private key has " + sk.length + " bytes, not 64");
            }
            Ed25519PrivateKeyParameters k = new Ed25519PrivateKeyParameters(sk, 0);
            boolean consistent = Arrays.equals(k.generatePublicKey().getEncoded(), pk.getEncoded())
                    && Arrays.equals(Arrays.copyOfRange(sk, 32, 64), pk.getEncoded());
            Arrays.fill(sk, (byte) 0);
            if (!consistent) {
                throw r.broken("Ed25519 key is inconsistent: the private key does not give the public key");
            }
            return k;
        }
        if (type.startsWith(ECDSA_PREFIX)) {
            ECNamedDomainParameters params = curve(type, r.text("curve name"), r);
            ECPoint q = point(params, r.string("EC point"), r);
            BigInteger d = r.mpint("EC private key");
            if (d.signum() == 0 || d.compareTo(params.getN()) >= 0
                    || !params.getG().multiply(d).normalize().equals(q)) {
                throw r.broken("EC key is inconsistent: the private key does not give the public point");
            }
            return new ECPrivateKeyParameters(d, params);
        }
        throw r.broken("unsupported key type " + printable(type) + " (whale reads ssh-rsa, ssh-ed25519 and "
                + "ecdsa-sha2-nistp256/384/521)");
    }

    private static Ed25519PublicKeyParameters ed25519Public(byte[] pk, SshWire.Reader r) {
        if (pk.length != 32) {
            throw r.broken("Ed25519 public key has " + pk.length + " bytes, not 32");
        }
        try {
            return new Ed25519PublicKeyParameters(pk, 0);
        } catch (IllegalArgumentException e) {
            throw r.broken("Ed25519 public key is not a point on the curve");
        }
    }

    private static ECNamedDomainParameters curve(String type, String id, SshWire.Reader r) {
        ASN1ObjectIdentifier oid = curveOid(id);
        if (oid == null || !type.equals(ECDSA_PREFIX + id)) {
            throw r.broken("unsupported or mismatched curve " + printable(id) + " for " + printable(type));
        }
        return ECNamedDomainParameters.lookup(oid);
    }

    private static ECPoint point(ECDomainParameters params, byte[] q, SshWire.Reader r) {
        try {
            ECPoint p = params.getCurve().decodePoint(q);
            if (p.isInfinity()) {
                throw r.broken("EC public point is the point at infinity");
            }
            return p.normalize();
        } catch (IllegalArgumentException e) {
            throw r.broken("EC public point is not on the curve");
        }
    }

    /** Text from a file, safe to put in a message: at most 40 characters, control characters escaped. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().limit(40).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append(s.codePointCount(0, s.length()) > 40 ? "…\"" : "\"").toString();
    }
}
