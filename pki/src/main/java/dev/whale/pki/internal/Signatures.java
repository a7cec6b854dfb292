package dev.whale.pki.internal;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.UnsupportedAlgorithmException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcDSAContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcEdDSAContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcEdECContentSignerBuilder;
import org.bouncycastle.operator.bc.BcRSAContentSignerBuilder;
import org.bouncycastle.operator.bc.BcRSAContentVerifierProviderBuilder;

/**
 * Signing and checking X.509 signatures with BouncyCastle's lightweight API (no JCA provider to start): RSA
 * PKCS#1 v1.5 and PSS, ECDSA, Ed25519 and DSA, over the exact bytes that were signed.
 */
public final class Signatures {
    /** Key families of signature algorithms, for OpenSSL's check that an issuer's key can have made a signature. */
    private static final Map<String, String> FAMILY = Map.ofEntries(
            Map.entry("1.2.840.113549.1.1.2", "RSA"), Map.entry("1.2.840.113549.1.1.3", "RSA"),
            Map.entry("1.2.840.113549.1.1.4", "RSA"), Map.entry("1.2.840.113549.1.1.5", "RSA"),
            Map.entry("1.2.840.113549.1.1.10", "RSA"), Map.entry("1.2.840.113549.1.1.11", "RSA"),
            Map.entry("1.2.840.113549.1.1.12", "RSA"), Map.entry("1.2.840.113549.1.1.13", "RSA"),
            Map.entry("1.2.840.113549.1.1.14", "RSA"), Map.entry("1.3.14.3.2.29", "RSA"),
            Map.entry("2.16.840.1.101.3.4.3.13", "RSA"), Map.entry("2.16.840.1.101.3.4.3.14", "RSA"),
            Map.entry("2.16.840.1.101.3.4.3.15", "RSA"), Map.entry("2.16.840.1.101.3.4.3.16", "RSA"),
            Map.entry("1.2.840.10045.4.1", "EC"), Map.entry("1.2.840.10045.4.3.1", "EC"),
            Map.entry("1.2.840.10045.4.3.2", "EC"), Map.entry("1.2.840.10045.4.3.3", "EC"),
            Map.entry("1.2.840.10045.4.3.4", "EC"), Map.entry("2.16.840.1.101.3.4.3.9", "EC"),
            Map.entry("2.16.840.1.101.3.4.3.10", "EC"), Map.entry("2.16.840.1.101.3.4.3.11", "EC"),
            Map.entry("2.16.840.1.101.3.4.3.12", "EC"),
            Map.entry("1.3.101.112", "ED25519"), Map.entry("1.3.101.113", "ED448"),
            Map.entry("1.2.840.10040.4.3", "DSA"), Map.entry("2.16.840.1.101.3.4.3.1", "DSA"),
            Map.entry("2.16.840.1.101.3.4.3.2", "DSA"));

    /** Key families of public key algorithms in a SubjectPublicKeyInfo. */
    private static final Map<String, String> KEY_FAMILY = Map.of(
            "1.2.840.113549.1.1.1", "RSA", "1.2.840.113549.1.1.10", "RSA-PSS", "1.2.840.10045.2.1", "EC",
            "1.3.101.112", "ED25519", "1.3.101.113", "ED448", "1.2.840.10040.4.1", "DSA");

    private Signatures() {}

    /** RSA, EC, ED25519, ED448 or DSA for a signature algorithm; null when whale does not know it. */
    public static String family(ASN1ObjectIdentifier signatureAlgorithm) {
        return FAMILY.get(signatureAlgorithm.getId());
    }

    /** RSA, RSA-PSS, EC, ED25519, ED448 or DSA for a public key algorithm; null when unknown. */
    public static String keyFamily(ASN1ObjectIdentifier keyAlgorithm) {
        return KEY_FAMILY.get(keyAlgorithm.getId());
    }

    /** True when a key of {@code keyFamily} can make signatures of {@code signatureFamily} (OpenSSL 3.0). */
    public static boolean matches(String keyFamily, String signatureFamily) {
        return keyFamily != null && signatureFamily != null && (keyFamily.equals(signatureFamily)
                || (keyFamily.equals("RSA-PSS") && signatureFamily.equals("RSA")));
    }

    /**
     * The bytes of a signature BIT STRING, or null when it has unused bits, which OpenSSL's ASN1_item_verify refuses
     * (ASN1_R_INVALID_BIT_STRING_BITS_LEFT) and BouncyCastle's getSignature() fails on with an IllegalStateException.
     */
    public static byte[] signatureBytes(ASN1BitString signature) {
        return signature.getPadBits() == 0 ? signature.getOctets() : null;
    }

    /** True when {@code signature} over {@code data} verifies with {@code key} under {@code algorithm}. */
    public static boolean verify(AlgorithmIdentifier algorithm, byte[] data, byte[] signature,
                                 SubjectPublicKeyInfo key) {
        String family = keyFamily(key.getAlgorithm().getAlgorithm());
        String signatureFamily = family(algorithm.getAlgorithm());
        if (family != null && signatureFamily != null && !matches(family, signatureFamily)) {
            // A key that cannot have made such a signature (OpenSSL: wrong public key type); BouncyCastle's verifier
            // would fail with a ClassCastException (an Ed25519 key under Ed448).
            return false;
        }
        try {
            BcContentVerifierProviderBuilder builder = switch (family == null ? "" : family) {
                case "RSA", "RSA-PSS" -> new BcRSAContentVerifierProviderBuilder(
                        new DefaultDigestAlgorithmIdentifierFinder());
                case "EC" -> new BcECContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder());
                case "ED25519", "ED448" -> new BcEdDSAContentVerifierProviderBuilder();
                case "DSA" -> new BcDSAContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder());
                default -> throw new UnsupportedAlgorithmException("unsupported public key algorithm "
                        + Oids.longName(key.getAlgorithm().getAlgorithm().getId()));
            };
            if (!(builder instanceof BcEdDSAContentVerifierProviderBuilder)
                    && new DefaultDigestAlgorithmIdentifierFinder().find(algorithm) == null) {
                // BouncyCastle's verifier would fail with a NullPointerException on a digest it cannot name.
                throw new OperatorCreationException("no digest for " + algorithm.getAlgorithm());
            }
            AsymmetricKeyParameter publicKey = BcKey.publicKey(key, "the public key");
            if (publicKey instanceof RSAKeyParameters rsa && !BcKey.withinRsaLimits(rsa)) {
                return false;
            }
            ContentVerifierProvider provider = builder.build(publicKey);
            ContentVerifier verifier = provider.get(algorithm);
            try (OutputStream out = verifier.getOutputStream()) {
                out.write(data);
            }
            return verifier.verify(signature);
        } catch (OperatorCreationException e) {
            throw new UnsupportedAlgorithmException("unsupported signature algorithm "
                    + Oids.longName(algorithm.getAlgorithm().getId()), e);
        } catch (IOException | InvalidInputException | IllegalArgumentException | IllegalStateException e) {
            return false;
        }
    }

    /**
     * The signature algorithm OpenSSL uses for {@code key} with digest {@code digest} (sha1, sha224, sha256, sha384,
     * sha512): sha256WithRSAEncryption, ecdsa-with-SHA256, or ED25519, which takes no digest.
     */
    public static AlgorithmIdentifier algorithm(AsymmetricKeyParameter key, String digest) {
        String d = digest == null ? "SHA256" : digest.toUpperCase(Locale.ROOT).replace("-", "");
        if (!d.matches("SHA(1|224|256|384|512)")) {
            throw new UnsupportedAlgorithmException("unsupported digest " + digest
                    + "; choose one of: sha1, sha224, sha256, sha384, "
                    + "sha512");
        }
        String name;
        if (key instanceof RSAKeyParameters) {
            name = d + "WITHRSA";
        } else if (key instanceof ECPrivateKeyParameters) {
            name = d + "WITHECDSA";
        } else if (key instanceof Ed25519PrivateKeyParameters) {
            name = "ED25519";
        } else {
            throw new UnsupportedAlgorithmException("cannot sign with a " + BcKey.algorithm(key) + " key");
        }
        return new DefaultSignatureAlgorithmIdentifierFinder().find(name);
    }

    /** A signer for {@code privateKey} with {@link #algorithm}. */
    public static ContentSigner signer(AsymmetricKeyParameter privateKey, String digest) {
        if (!privateKey.isPrivate()) {
            throw new InvalidInputException("signing needs a private key, not a public one");
        }
        AlgorithmIdentifier alg = algorithm(privateKey, digest);
        try {
            if (privateKey instanceof Ed25519PrivateKeyParameters) {
                return new BcEdECContentSignerBuilder(alg).build(privateKey);
            }
            AlgorithmIdentifier dig = new DefaultDigestAlgorithmIdentifierFinder().find(alg);
            return privateKey instanceof RSAKeyParameters ? new BcRSAContentSignerBuilder(alg, dig).build(privateKey)
                    : new BcECContentSignerBuilder(alg, dig).build(privateKey);
        } catch (OperatorCreationException e) {
            throw new UnsupportedAlgorithmException("cannot sign with the " + BcKey.algorithm(privateKey)
                    + " key: " + e.getMessage(),
                    e);
        }
    }
}
