package dev.whale.pki.key;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.Passphrase;
import dev.whale.pki.PkiException;
import dev.whale.pki.WrongPassphraseException;
import dev.whale.pki.internal.Der;
import dev.whale.pki.internal.Pbes2;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;

/**
 * Encrypted PKCS#8 (RFC 5958) with PBES2 (RFC 8018): PBKDF2 stretches the passphrase, a CBC cipher encrypts the
 * PrivateKeyInfo. Written the way OpenSSL 3 writes it: an 8-byte salt, hmacWithSHA256, AES-256-CBC.
 */
public final class Pkcs8 {
    /**
     * whale's PBKDF2 iteration count. OpenSSL 3.0 uses 2048, which a GPU guesses through in no time; 100,000 costs
     * tens of milliseconds here and OpenSSL reads it all the same.
     */
    public static final int DEFAULT_ITERATIONS = 100_000;

    private Pkcs8() {}

    /** The cipher names {@link #encrypt} accepts, as OpenSSL spells them. */
    static ASN1ObjectIdentifier cipherOid(String name) {
        return Pbes2.cipherOid(name);
    }

    /** The PBES2 parameters of an EncryptedPrivateKeyInfo, without decrypting it. */
    public static Encryption parameters(byte[] der, String source) {
        return encryption(Pbes2.parse(parse(der, source).getEncryptionAlgorithm(), source));
    }

    private static Encryption encryption(Pbes2.Params p) {
        return new Encryption("PBES2", "PBKDF2", p.prfName(), p.iterations(), p.kdf().getSalt(), p.cipher().name());
    }

    private static EncryptedPrivateKeyInfo parse(byte[] der, String source) {
        Der.check(der, source);
        try {
            return EncryptedPrivateKeyInfo.getInstance(der);
        } catch (RuntimeException e) {
            throw new InvalidInputException(source + ": not a valid encrypted PKCS#8 key", e);
        }
    }

    /** Decrypts an EncryptedPrivateKeyInfo; a wrong passphrase gives a {@link WrongPassphraseException}. */
    public static KeyData decrypt(byte[] der, String source, Passphrase passphrase) {
        EncryptedPrivateKeyInfo info = parse(der, source);
        Pbes2.Params p = Pbes2.parse(info.getEncryptionAlgorithm(), source);
        char[] pass = passphrase.get(source);
        byte[] plain = null;
        try {
            plain = Pbes2.decrypt(p, info.getEncryptedData(), pass);
            try {
                if (plain == null) {
                    throw new WrongPassphraseException("wrong passphrase for " + source);
                }
                Der.check(plain, source);
            } catch (PkiException e) {
                throw new WrongPassphraseException("wrong passphrase for " + source);
            }
            return Keys.privatePkcs8(plain, source, KeyFormat.ENCRYPTED_PKCS8, Optional.of(encryption(p)));
        } finally {
            Arrays.fill(pass, '\0');
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /** The EncryptedPrivateKeyInfo DER of {@code priv}, encrypted as OpenSSL 3 does. */
    public static byte[] encrypt(Key priv, char[] passphrase, int iterations, String cipherName,
                                 SecureRandom random) {
        byte[] plain = Keys.pkcs8(priv);
        try {
            Pbes2.Encrypted e = Pbes2.encrypt(plain, passphrase, iterations, cipherName, random);
            return new EncryptedPrivateKeyInfo(e.algorithm(), e.data()).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new InvalidInputException("cannot encrypt the key: " + e.getMessage(), e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }
}
