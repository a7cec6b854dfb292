package dev.whale.pki.key;

import dev.whale.pki.UnsupportedAlgorithmException;
import dev.whale.pki.internal.BcKey;
import dev.whale.pki.internal.OpenSslText;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.params.X448PrivateKeyParameters;
import org.bouncycastle.crypto.params.X448PublicKeyParameters;
import org.bouncycastle.util.BigIntegers;

/**
 * The text OpenSSL 3 prints for {@code rsa -text} and {@code pkey -text}
 * (providers/implementations/encode_decode/encode_key2text.c): labelled numbers, hex in lines of 15 bytes.
 */
public final class KeyText {
    private static final String INDENT = "    ";
    private static final int PER_LINE = 15;

    private KeyText() {}

    /** The text of a private key, or of a public key when {@code key} has no private half or {@code publicOnly}. */
    public static String of(KeyData key, boolean publicOnly) {
        StringBuilder sb = new StringBuilder();
        Key privateKey = publicOnly ? null : key.privateKey();
        AsymmetricKeyParameter priv = privateKey == null ? null : BcKey.parameters(privateKey);
        AsymmetricKeyParameter pub = BcKey.parameters(key.publicKey());
        if (pub instanceof RSAKeyParameters rsa) {
            if (priv instanceof RSAPrivateCrtKeyParameters k) {
                sb.append("Private-Key: (").append(k.getModulus().bitLength()).append(" bit, 2 primes)\n");
                bignum(sb, "modulus:", k.getModulus(), INDENT);
                bignum(sb, "publicExponent:", k.getPublicExponent(), INDENT);
                bignum(sb, "privateExponent:", k.getExponent(), INDENT);
                bignum(sb, "prime1:", k.getP(), INDENT);
                bignum(sb, "prime2:", k.getQ(), INDENT);
                bignum(sb, "exponent1:", k.getDP(), INDENT);
                bignum(sb, "exponent2:", k.getDQ(), INDENT);
                bignum(sb, "coefficient:", k.getQInv(), INDENT);
            } else {
                sb.append("Public-Key: (").append(rsa.getModulus().bitLength()).append(" bit)\n");
                bignum(sb, "Modulus:", rsa.getModulus(), INDENT);
                bignum(sb, "Exponent:", rsa.getExponent(), INDENT);
            }
        } else if (pub instanceof ECPublicKeyParameters ec) {
            int bits = ec.getParameters().getN().bitLength();
            if (priv instanceof ECPrivateKeyParameters k) {
                sb.append("Private-Key: (").append(bits).append(" bit)\n");
                buffer(sb, "priv:", BigIntegers.asUnsignedByteArray((bits + 7) / 8, k.getD()));
            } else {
                sb.append("Public-Key: (").append(bits).append(" bit)\n");
            }
            buffer(sb, "pub:", ec.getQ().getEncoded(false));
            sb.append("ASN1 OID: ").append(BcKey.curveName(ec)).append('\n');
            String nist = BcKey.nistName(ec);
            if (nist != null) {
                sb.append("NIST CURVE: ").append(nist).append('\n');
            }
        } else if (pub instanceof Ed25519PublicKeyParameters ed) {
            if (priv instanceof Ed25519PrivateKeyParameters k) {
                sb.append("ED25519 Private-Key:\n");
                buffer(sb, "priv:", k.getEncoded());
            } else {
                sb.append("ED25519 Public-Key:\n");
            }
            buffer(sb, "pub:", ed.getEncoded());
        } else if (pub instanceof Ed448PublicKeyParameters ed) {
            edwards(sb, "ED448", priv instanceof Ed448PrivateKeyParameters k ? k.getEncoded() : null, ed.getEncoded());
        } else if (pub instanceof X25519PublicKeyParameters x) {
            edwards(sb, "X25519", priv instanceof X25519PrivateKeyParameters k ? k.getEncoded() : null,
                    x.getEncoded());
        } else if (pub instanceof X448PublicKeyParameters x) {
            edwards(sb, "X448", priv instanceof X448PrivateKeyParameters k ? k.getEncoded() : null, x.getEncoded());
        } else {
            throw new UnsupportedAlgorithmException("no text form for " + key.algorithm() + " keys");
        }
        return sb.toString();
    }

    /** The keys of RFC 8032 and RFC 7748, as {@code ecx_to_text} prints them. */
    private static void edwards(StringBuilder sb, String name, byte[] priv, byte[] pub) {
        if (priv != null) {
            sb.append(name).append(" Private-Key:\n");
            buffer(sb, "priv:", priv);
        } else {
            sb.append(name).append(" Public-Key:\n");
        }
        buffer(sb, "pub:", pub);
    }

    /**
     * A labelled number: on the label's line when it fits in 64 bits, as {@code 65537 (0x10001)}; else in hex lines
     * below it, with a leading 00 when the top bit is set.
     */
    static void bignum(StringBuilder sb, String label, BigInteger n, String indent) {
        if (n.signum() >= 0 && n.bitLength() <= 64) {
            sb.append(label).append(' ').append(n).append(" (0x").append(n.toString(16)).append(")\n");
            return;
        }
        String neg = n.signum() < 0 ? " (Negative)" : "";
        byte[] mag = n.abs().toByteArray();
        if (mag.length > 1 && mag[0] == 0 && (mag[1] & 0x80) == 0) {
            mag = Arrays.copyOfRange(mag, 1, mag.length);
        }
        sb.append(label).append(neg).append('\n');
        OpenSslText.hexLines(sb, mag, indent, PER_LINE);
    }

    /** A labelled byte string in hex lines, as it is: no sign byte added. */
    static void buffer(StringBuilder sb, String label, byte[] b) {
        sb.append(label).append('\n');
        OpenSslText.hexLines(sb, b, INDENT, PER_LINE);
    }
}
