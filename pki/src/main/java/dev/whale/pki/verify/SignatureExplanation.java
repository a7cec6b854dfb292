package dev.whale.pki.verify;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.internal.BcKey;
import dev.whale.pki.internal.CertificateHolders;
import dev.whale.pki.internal.Der;
import dev.whale.pki.internal.Digests;
import dev.whale.pki.internal.Oids;
import dev.whale.pki.internal.Signatures;
import dev.whale.pki.x509.Certificate;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;

/**
 * A certificate's signature checked step by step, as one would by hand. For RSA PKCS#1 v1.5 (RFC 8017 8.2.2):
 * raise the signature to the issuer's public exponent modulo its modulus, find the padding {@code 00 01 FF…FF 00},
 * read the DigestInfo after it, hash the TBSCertificate, and compare. ECDSA and Ed25519 give no digest back, so
 * for them the signature's parts are shown and the check is BouncyCastle's.
 */
public record SignatureExplanation(String algorithm, String keyAlgorithm, int keyBits, byte[] signature,
                                   int tbsOffset, int tbsLength, String digestName, byte[] computedDigest,
                                   Optional<Rsa> rsa, Optional<Ecdsa> ecdsa, boolean match) {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * The RSA public operation and what it gives back: {@code s^e mod n} as bytes the size of the modulus, where the
     * padding ends (the index of the 00 after the FF bytes, or -1 when the padding is wrong), and the DigestInfo
     * (empty when it cannot be read) with its algorithm and digest.
     */
    public record Rsa(BigInteger modulus, BigInteger exponent, byte[] decrypted, int separator,
                      byte[] digestInfo, String digestInfoAlgorithm, String digestInfoOid, byte[] recoveredDigest,
                      String problem) {}

    /** The two numbers of an ECDSA signature (RFC 5480 / X9.62 Ecdsa-Sig-Value), and the curve. */
    public record Ecdsa(BigInteger r, BigInteger s, String curve) {}

    /** Digests of the RSA PKCS#1 v1.5 signature algorithms, by OID, as the JDK names them. */
    private static final Map<String, String> RSA_DIGESTS = Map.of(
            "1.2.840.113549.1.1.4", "MD5", "1.2.840.113549.1.1.5", "SHA-1", "1.3.14.3.2.29", "SHA-1",
            "1.2.840.113549.1.1.14", "SHA-224", "1.2.840.113549.1.1.11", "SHA-256",
            "1.2.840.113549.1.1.12", "SHA-384", "1.2.840.113549.1.1.13", "SHA-512");

    private static final Map<String, String> ECDSA_DIGESTS = Map.of(
            "1.2.840.10045.4.1", "SHA-1", "1.2.840.10045.4.3.1", "SHA-224", "1.2.840.10045.4.3.2", "SHA-256",
            "1.2.840.10045.4.3.3", "SHA-384", "1.2.840.10045.4.3.4", "SHA-512");

    /** The OIDs of the digests, which a DigestInfo names. */
    private static final Map<String, String> DIGEST_OIDS = Map.of(
            "MD5", "1.2.840.113549.2.5", "SHA-1", "1.3.14.3.2.26", "SHA-224", "2.16.840.1.101.3.4.2.4",
            "SHA-256", "2.16.840.1.101.3.4.2.1", "SHA-384", "2.16.840.1.101.3.4.2.2",
            "SHA-512", "2.16.840.1.101.3.4.2.3");

    /**
     * The explanation as {@code whale pki explain-signature} prints it: the certificate's {@code subject} and its
     * {@code issuer} as the header names them, the issuer's key, the signature and what the public operation makes of
     * it, the digest computed from the TBSCertificate, and the verdict (MATCH or MISMATCH and why) on the last line.
     */
    public String text(String subject, String issuer) {
        StringBuilder out = new StringBuilder(4096);
        out.append("certificate: " + subject).append('\n');
        out.append("issuer:      " + issuer).append('\n');
        out.append("algorithm:   " + algorithm()).append('\n');
        String keyLine = keyAlgorithm() + " " + keyBits() + " bit";
        if (rsa().isPresent()) {
            keyLine += ", public exponent e = " + rsa().get().exponent();
        } else if (ecdsa().isPresent() && ecdsa().get().curve() != null) {
            keyLine += ", curve " + ecdsa().get().curve();
        }
        out.append("issuer key:  " + keyLine).append('\n');
        out.append('\n');
        String verdict;
        if (rsa().isPresent()) {
            verdict = rsaText(out, rsa().get());
        } else {
            verdict = otherText(out);
        }
        out.append('\n');
        out.append(verdict).append('\n');
        return out.toString();
    }

    private String rsaText(StringBuilder out, Rsa r) {
        out.append("signature value s (" + signature().length + " bytes, big-endian):").append('\n');
        hexLines(out, signature());
        out.append('\n');
        if (r.decrypted().length == 0) {
            return "MISMATCH: " + r.problem();
        }
        out.append("s^e mod n (" + r.decrypted().length + " bytes):").append('\n');
        hexLines(out, r.decrypted());
        if (r.separator() < 0) {
            return "MISMATCH: " + r.problem();
        }
        out.append("  = 00 01 | ff x " + (r.separator() - 2) + " | 00 | DigestInfo (" + r.digestInfo().length
                + " bytes)").append('\n');
        out.append('\n');
        out.append("DigestInfo: " + HEX.formatHex(r.digestInfo())).append('\n');
        if (r.recoveredDigest() != null) {
            out.append("  algorithm: " + r.digestInfoAlgorithm() + " (" + r.digestInfoOid() + ")").append('\n');
            out.append("  digest:    " + HEX.formatHex(r.recoveredDigest())).append('\n');
        }
        out.append('\n');
        computed(out);
        if (r.problem() != null) {
            return "MISMATCH: " + r.problem();
        }
        return match() ? "MATCH" : "MISMATCH: the digest in the signature is not the digest of the "
                + "TBSCertificate";
    }

    private String otherText(StringBuilder out) {
        out.append("signature value (" + signature().length + " bytes):").append('\n');
        hexLines(out, signature());
        if (ecdsa().isPresent()) {
            out.append("  = Ecdsa-Sig-Value").append('\n');
            out.append("  r: " + ecdsa().get().r().toString(16)).append('\n');
            out.append("  s: " + ecdsa().get().s().toString(16)).append('\n');
            out.append('\n');
            computed(out);
            out.append('\n');
            out.append("ECDSA gives no digest back: no public operation turns the signature into the digest. The\n");
            out.append("verifier computes a point from the digest, s and the issuer's public key, and checks that\n");
            out.append("its x coordinate is r (mod the curve order). That check is BouncyCastle's.\n");
        } else if (keyAlgorithm().equals("ED25519")) {
            out.append('\n');
            out.append("Ed25519 signs the TBSCertificate itself, not a digest of it: SHA-512 runs inside the\n");
            out.append("algorithm over R, the public key and the message, so there is no digest to recover or\n");
            out.append("compare. The check (is [S]B = R + [k]A?) is BouncyCastle's.").append('\n');
        } else {
            out.append('\n');
            out.append(algorithm() + " is not explained step by step; the check is BouncyCastle's.").append('\n');
        }
        return match() ? "MATCH" : "MISMATCH: the signature does not verify with the issuer's key";
    }

    private void computed(StringBuilder out) {
        out.append(digestName() + " of the TBSCertificate (" + tbsLength() + " bytes at offset "
                + tbsOffset() + "):").append('\n');
        out.append("             " + HEX.formatHex(computedDigest())).append('\n');
    }

    private static void hexLines(StringBuilder out, byte[] b) {
        for (int i = 0; i < b.length; i += 32) {
            out.append("  " + HEX.formatHex(b, i, Math.min(b.length, i + 32))).append('\n');
        }
    }

    /** Checks the signature of {@code certificate} with the public key of {@code issuerCertificate}. */
    public static SignatureExplanation of(Certificate certificate, Certificate issuerCertificate) {
        CertFacts cert = new CertFacts(certificate);
        X509CertificateHolder issuer = CertificateHolders.of(issuerCertificate);
        byte[] der = cert.der;
        Der.Tlv outer = Der.header(der, 0, der.length, "certificate", false);
        Der.Tlv tbsTlv = Der.header(der, outer.contentOffset(), outer.end(), "certificate", false);
        byte[] tbs = cert.tbs();
        AlgorithmIdentifier alg = cert.holder.getSignatureAlgorithm();
        String oid = alg.getAlgorithm().getId();
        String name = Oids.longName(oid);
        byte[] sig = Signatures.signatureBytes(cert.holder.toASN1Structure().getSignature());
        if (sig == null) {
            throw new InvalidInputException(certificate.source() + ": the signature BIT STRING has unused bits, "
                    + "which no signature has (OpenSSL: invalid bit string bits left)");
        }
        AsymmetricKeyParameter key;
        try {
            key = BcKey.publicKey(issuer.getSubjectPublicKeyInfo(), "the issuer's public key");
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("cannot read the issuer's public key: " + e.getMessage(), e);
        }
        String keyAlg = BcKey.algorithm(key);
        int bits = BcKey.bits(key);
        checkLength(sig, key, alg, bits);
        if (key instanceof RSAKeyParameters rsaKey && RSA_DIGESTS.containsKey(oid)) {
            String digest = RSA_DIGESTS.get(oid);
            byte[] computed = Digests.digest(digest, tbs);
            Rsa r = rsa(rsaKey, sig, digest);
            boolean match = r.problem() == null && Arrays.equals(r.recoveredDigest(), computed);
            return new SignatureExplanation(name, keyAlg, bits, sig, tbsTlv.offset(), tbs.length, digest, computed,
                    Optional.of(r), Optional.empty(), match);
        }
        boolean valid = Signatures.verify(alg, tbs, sig, issuer.getSubjectPublicKeyInfo());
        if (key instanceof ECPublicKeyParameters && ECDSA_DIGESTS.containsKey(oid)) {
            String digest = ECDSA_DIGESTS.get(oid);
            Ecdsa e = null;
            try {
                ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(sig));
                e = new Ecdsa(ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(),
                        ASN1Integer.getInstance(seq.getObjectAt(1)).getValue(), BcKey.nistName(key));
            } catch (IOException | RuntimeException ex) {
                valid = false;
            }
            return new SignatureExplanation(name, keyAlg, bits, sig, tbsTlv.offset(), tbs.length, digest,
                    Digests.digest(digest, tbs), Optional.empty(), Optional.ofNullable(e), valid);
        }
        return new SignatureExplanation(name, keyAlg, bits, sig, tbsTlv.offset(), tbs.length, null, null,
                Optional.empty(), Optional.empty(), valid);
    }

    /**
     * Refuses a signature that cannot be one of the issuer's key, as OpenSSL does before any arithmetic ("wrong
     * signature length"): an RSA signature is as long as the modulus, an Ed25519 one 64 bytes, and an ECDSA one a
     * whole DER SEQUENCE of r and s. The message says how long it is and how long it should be.
     */
    private static void checkLength(byte[] sig, AsymmetricKeyParameter key, AlgorithmIdentifier alg, int bits) {
        String oid = alg.getAlgorithm().getId();
        if (key instanceof RSAKeyParameters rsa && "RSA".equals(Signatures.family(alg.getAlgorithm()))) {
            int k = (rsa.getModulus().bitLength() + 7) / 8;
            if (sig.length != k) {
                throw new InvalidInputException(lengthProblem(sig.length) + ", where the issuer's " + bits
                        + "-bit RSA key "
                        + "makes " + k);
            }
        } else if (key instanceof Ed25519PublicKeyParameters && sig.length != 64) {
            throw new InvalidInputException(lengthProblem(sig.length) + ", where Ed25519 signatures are 64");
        } else if (key instanceof ECPublicKeyParameters && ECDSA_DIGESTS.containsKey(oid)) {
            long declared = derLength(sig);
            if (declared > sig.length) {
                throw new InvalidInputException(lengthProblem(sig.length) + ", where its DER SEQUENCE of r and s says "
                        + (declared == Long.MAX_VALUE ? "more" : declared));
            }
            if (sig.length == 0 || declared < 0) {
                throw new InvalidInputException(sig.length == 0
                        ? "truncated signature: 0 bytes, where ECDSA signatures are a DER SEQUENCE of r and s"
                        : "bad signature: not a DER SEQUENCE of r and s, which ECDSA signatures are");
            }
        }
    }

    private static String lengthProblem(int length) {
        return "truncated signature: " + Der.bytes(length);
    }

    /**
     * The size that the SEQUENCE at the start of {@code b} says it has, header included; -1 when {@code b} does not
     * start with a SEQUENCE header; more than {@code b.length} when it is cut short.
     */
    private static long derLength(byte[] b) {
        if (b.length < 2 || b[0] != 0x30) {
            return -1;
        }
        int l = b[1] & 0xff;
        if (l < 0x80) {
            return 2L + l;
        }
        int n = l & 0x7f;
        if (n == 0 || n > 4) {
            return -1;
        }
        if (b.length < 2 + n) {
            return Long.MAX_VALUE;
        }
        long len = 0;
        for (int i = 0; i < n; i++) {
            len = len << 8 | (b[2 + i] & 0xff);
        }
        return 2L + n + len;
    }

    /** s^e mod n, and the PKCS#1 v1.5 block read from it. */
    private static Rsa rsa(RSAKeyParameters key, byte[] sig, String digest) {
        BigInteger n = key.getModulus();
        BigInteger e = key.getExponent();
        int k = (n.bitLength() + 7) / 8;
        BigInteger s = new BigInteger(1, sig);
        if (s.compareTo(n) >= 0) {
            return new Rsa(n, e, new byte[0], -1, new byte[0], null, null, null, "the signature is not smaller than "
                    + "the modulus");
        }
        if (!BcKey.withinRsaLimits(key)) {
            return new Rsa(n, e, new byte[0], -1, new byte[0], null, null, null, "the key is beyond what OpenSSL "
                    + "computes with: a modulus over 16384 bits, or over 3072 bits with an exponent over 64 bits");
        }
        byte[] em = toBytes(s.modPow(e, n), k);
        int sep = -1;
        String problem = null;
        if (em[0] != 0 || em[1] != 1) {
            problem = String.format("the block starts with %02x %02x, not 00 01", em[0] & 0xff, em[1] & 0xff);
        } else {
            int i = 2;
            while (i < k && em[i] == (byte) 0xff) {
                i++;
            }
            if (i == k || em[i] != 0) {
                problem = "the FF padding is not ended by 00";
            } else if (i - 2 < 8) {
                problem = "the padding has " + (i - 2) + " FF bytes, fewer than 8";
            } else {
                sep = i;
            }
        }
        if (problem != null) {
            return new Rsa(n, e, em, -1, new byte[0], null, null, null, problem);
        }
        byte[] t = Arrays.copyOfRange(em, sep + 1, k);
        String infoAlg = null;
        String infoOid = null;
        byte[] recovered = null;
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(t));
            AlgorithmIdentifier a = AlgorithmIdentifier.getInstance(seq.getObjectAt(0));
            infoOid = a.getAlgorithm().getId();
            infoAlg = Oids.longName(infoOid);
            recovered = ASN1OctetString.getInstance(seq.getObjectAt(1)).getOctets();
            if (!Arrays.equals(seq.getEncoded(ASN1Encoding.DER), t)) {
                problem = "the DigestInfo is not DER";
            } else if (!infoOid.equals(DIGEST_OIDS.get(digest))) {
                problem = "the DigestInfo names " + infoAlg + ", but the signature algorithm uses " + digest;
            }
        } catch (IOException | RuntimeException ex) {
            problem = "the bytes after the padding are not a DigestInfo";
        }
        return new Rsa(n, e, em, sep, t, infoAlg, infoOid, recovered, problem);
    }

    private static byte[] toBytes(BigInteger v, int k) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[k];
        int n = Math.min(b.length, k);
        System.arraycopy(b, b.length - n, out, k - n, n);
        return out;
    }
}
