package dev.whale.pki.internal;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.PkiException;
import dev.whale.pki.UnsupportedAlgorithmException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Password-based encryption with PBES2 (RFC 8018 6.2): PBKDF2 stretches the password into a key for a CBC cipher,
 * as encrypted PKCS#8 keys and the bags and safes of PKCS#12 files use it. Written as OpenSSL 3 writes it: an
 * 8-byte salt, hmacWithSHA256, the chosen cipher.
 */
public final class Pbes2 {
    /** One cipher: OpenSSL's name, its key length, its engine. */
    public record Cipher(String name, int keyBytes, Supplier<BlockCipher> engine) {}

    private static final Map<ASN1ObjectIdentifier, Cipher> CIPHERS = Map.of(
            NISTObjectIdentifiers.id_aes128_CBC, new Cipher("aes-128-cbc", 16, AESEngine::newInstance),
            NISTObjectIdentifiers.id_aes192_CBC, new Cipher("aes-192-cbc", 24, AESEngine::newInstance),
            NISTObjectIdentifiers.id_aes256_CBC, new Cipher("aes-256-cbc", 32, AESEngine::newInstance),
            PKCSObjectIdentifiers.des_EDE3_CBC, new Cipher("des-ede3-cbc", 24, DESedeEngine::new));

    private static final Map<ASN1ObjectIdentifier, String> PRFS = Map.of(
            PKCSObjectIdentifiers.id_hmacWithSHA1, "hmacWithSHA1",
            PKCSObjectIdentifiers.id_hmacWithSHA224, "hmacWithSHA224",
            PKCSObjectIdentifiers.id_hmacWithSHA256, "hmacWithSHA256",
            PKCSObjectIdentifiers.id_hmacWithSHA384, "hmacWithSHA384",
            PKCSObjectIdentifiers.id_hmacWithSHA512, "hmacWithSHA512");

    /** The parameters of one PBES2 encryption. */
    public record Params(PBKDF2Params kdf, String prfName, Cipher cipher, byte[] iv) {
        /** The PBKDF2 iteration count. */
        public long iterations() {
            return kdf.getIterationCount().longValueExact();
        }
    }

    /** Data encrypted under {@code algorithm}. */
    public record Encrypted(AlgorithmIdentifier algorithm, byte[] data) {}

    private Pbes2() {}

    /** True when {@code alg} is PBES2. */
    public static boolean isPbes2(AlgorithmIdentifier alg) {
        return PKCSObjectIdentifiers.id_PBES2.equals(alg.getAlgorithm());
    }

    /** The cipher OpenSSL calls {@code name} (aes-128-cbc, aes-192-cbc, aes-256-cbc, des-ede3-cbc). */
    public static ASN1ObjectIdentifier cipherOid(String name) {
        for (var e : CIPHERS.entrySet()) {
            if (e.getValue().name().equals(name)) {
                return e.getKey();
            }
        }
        throw new UnsupportedAlgorithmException("unsupported cipher " + name
                + "; choose one of: aes-128-cbc, aes-192-cbc, aes-256-cbc, des-ede3-cbc");
    }

    /** The PBES2 parameters of {@code alg}; {@code source} names the input in errors. */
    public static Params parse(AlgorithmIdentifier alg, String source) {
        if (!isPbes2(alg)) {
            throw new UnsupportedAlgorithmException(source + ": unsupported encryption "
                    + Oids.longName(alg.getAlgorithm().getId()) + " (whale reads PBES2, what OpenSSL 1.1 and 3 write)");
        }
        try {
            PBES2Parameters p = PBES2Parameters.getInstance(alg.getParameters());
            KeyDerivationFunc kdf = p.getKeyDerivationFunc();
            if (!PKCSObjectIdentifiers.id_PBKDF2.equals(kdf.getAlgorithm())) {
                throw new UnsupportedAlgorithmException(source + ": unsupported key derivation "
                        + Oids.longName(kdf.getAlgorithm().getId()));
            }
            PBKDF2Params k = PBKDF2Params.getInstance(kdf.getParameters());
            ASN1ObjectIdentifier prfOid = k.getPrf().getAlgorithm();
            String prfName = PRFS.get(prfOid);
            if (prfName == null) {
                throw new UnsupportedAlgorithmException(source + ": unsupported PBKDF2 hash "
                        + Oids.longName(prfOid.getId()));
            }
            EncryptionScheme scheme = p.getEncryptionScheme();
            Cipher c = CIPHERS.get(scheme.getAlgorithm());
            if (c == null) {
                throw new UnsupportedAlgorithmException(source + ": unsupported cipher "
                        + Oids.longName(scheme.getAlgorithm().getId()));
            }
            byte[] iv = ASN1OctetString.getInstance(scheme.getParameters()).getOctets();
            int blockBytes = c.engine().get().getBlockSize();
            if (iv.length != blockBytes) {
                throw new InvalidInputException(source + ": malformed PBES2 parameters: the " + c.name() + " IV has "
                        + iv.length + " bytes, not " + blockBytes);
            }
            BigInteger iterations = k.getIterationCount();
            if (iterations.signum() <= 0 || iterations.bitLength() > 31) {
                throw new InvalidInputException(source + ": malformed PBES2 parameters: PBKDF2 iteration count "
                        + iterations + " is not 1 to " + Integer.MAX_VALUE);
            }
            return new Params(k, prfName, c, iv);
        } catch (PkiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidInputException(source + ": malformed PBES2 parameters", e);
        }
    }

    /**
     * {@code data} decrypted with {@code password}; null when the padding is wrong, which is what a wrong password
     * gives.
     */
    public static byte[] decrypt(Params p, byte[] data, char[] password) {
        byte[] key = derive(password, p.kdf().getSalt(), p.kdf().getIterationCount().intValueExact(),
                digest(p.prfName()), p.cipher().keyBytes());
        try {
            return cbc(false, p.cipher(), key, p.iv(), data);
        } catch (InvalidCipherTextException e) {
            return null;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** {@code plain} encrypted with {@code password}: PBKDF2 with hmacWithSHA256, an 8-byte salt, {@code cipher}. */
    public static Encrypted encrypt(byte[] plain, char[] password, int iterations, String cipher,
                                    SecureRandom random) {
        if (iterations < 1) {
            throw new InvalidInputException("PBKDF2 iteration count must be positive: " + iterations);
        }
        ASN1ObjectIdentifier oid = cipherOid(cipher);
        Cipher c = CIPHERS.get(oid);
        byte[] salt = new byte[8];
        random.nextBytes(salt);
        byte[] iv = new byte[c.engine().get().getBlockSize()];
        random.nextBytes(iv);
        byte[] key = derive(password, salt, iterations, new SHA256Digest(), c.keyBytes());
        try {
            byte[] enc = cbc(true, c, key, iv, plain);
            PBKDF2Params kdf = new PBKDF2Params(salt, iterations,
                    new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE));
            PBES2Parameters params = new PBES2Parameters(new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, kdf),
                    new EncryptionScheme(oid, new DEROctetString(iv)));
            return new Encrypted(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, params), enc);
        } catch (InvalidCipherTextException e) {
            throw new InvalidInputException("cannot encrypt: " + e.getMessage(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static Digest digest(String prf) {
        return switch (prf) {
            case "hmacWithSHA1" -> new SHA1Digest();
            case "hmacWithSHA224" -> new SHA224Digest();
            case "hmacWithSHA384" -> new SHA384Digest();
            case "hmacWithSHA512" -> new SHA512Digest();
            default -> new SHA256Digest();
        };
    }

    private static byte[] derive(char[] pass, byte[] salt, int iterations, Digest prf, int keyBytes) {
        PKCS5S2ParametersGenerator g = new PKCS5S2ParametersGenerator(prf);
        byte[] pw = new String(pass).getBytes(StandardCharsets.UTF_8);
        try {
            g.init(pw, salt, iterations);
            return ((KeyParameter) g.generateDerivedParameters(keyBytes * 8)).getKey();
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    private static byte[] cbc(boolean encrypt, Cipher c, byte[] key, byte[] iv, byte[] in)
            throws InvalidCipherTextException {
        BufferedBlockCipher cipher = new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(c.engine().get()),
                new PKCS7Padding());
        cipher.init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
        byte[] out = new byte[cipher.getOutputSize(in.length)];
        int n = cipher.processBytes(in, 0, in.length, out, 0);
        n += cipher.doFinal(out, n);
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
