package dev.whale.pki.key;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.Passphrase;
import dev.whale.pki.PassphraseException;
import dev.whale.pki.Pem;
import dev.whale.pki.PemBlock;
import dev.whale.pki.PkiException;
import dev.whale.pki.UnsupportedAlgorithmException;
import dev.whale.pki.WrongPassphraseException;
import dev.whale.pki.internal.Der;
import dev.whale.pki.internal.Secrets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.OpenSSLPBEParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * OpenSSL's traditional PEM encryption (RFC 1421 headers {@code Proc-Type: 4,ENCRYPTED} and
 * {@code DEK-Info: CIPHER,IV}; crypto/pem/pem_lib.c): the key is EVP_BytesToKey with MD5, one iteration and the
 * first 8 IV bytes as salt, and the DER is CBC-encrypted with PKCS#7 padding. This is what
 * {@code ssh-keygen -m PEM -N …} writes, with AES-128-CBC.
 */
public final class PemEncryption {
    /** The cipher ssh-keygen's PEM keys use. */
    public static final String SSH_KEYGEN_CIPHER = "AES-128-CBC";

    private record Cipher(int keyBytes, int blockBytes, String jdkName) {}

    private PemEncryption() {}

    private static Cipher cipher(String name, String source) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "AES-128-CBC" -> new Cipher(16, 16, "AES");
            case "AES-192-CBC" -> new Cipher(24, 16, "AES");
            case "AES-256-CBC" -> new Cipher(32, 16, "AES");
            case "DES-EDE3-CBC" -> new Cipher(24, 8, "DESede");
            case "DES-CBC" -> new Cipher(8, 8, "DES");
            default -> throw new UnsupportedAlgorithmException(source + ": unsupported PEM encryption " + name
                    + " (whale reads AES-128/192/256-CBC, DES-EDE3-CBC and DES-CBC)");
        };
    }

    /** True when the block carries traditional encryption headers. */
    public static boolean isEncrypted(PemBlock block) {
        return block.headers().containsKey("DEK-Info");
    }

    /** {@code der} as an encrypted PEM block labelled {@code label}, as OpenSSL writes it with AES-128-CBC. */
    public static String encrypt(String label, byte[] der, char[] passphrase, SecureRandom random) {
        return encrypt(label, der, SSH_KEYGEN_CIPHER, passphrase, random);
    }

    /**
     * {@code der} as an encrypted PEM block labelled {@code label}, as {@code openssl genrsa -traditional} and
     * {@code openssl ec} write it with {@code cipher} (AES-128-CBC, AES-192-CBC, AES-256-CBC).
     */
    public static String encrypt(String label, byte[] der, String cipher, char[] passphrase, SecureRandom random) {
        if (passphrase == null || passphrase.length == 0) {
            throw new PassphraseException("PEM encryption needs a passphrase");
        }
        String name = cipher.toUpperCase(Locale.ROOT);
        Cipher c = cipher(name, "");
        byte[] iv = new byte[c.blockBytes()];
        random.nextBytes(iv);
        byte[] key = key(passphrase, iv, c.keyBytes());
        try {
            byte[] enc = cbc(true, c, key, iv, der);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Proc-Type", "4,ENCRYPTED");
            headers.put("DEK-Info", name + "," + HexFormat.of().withUpperCase().formatHex(iv));
            return Pem.write(new PemBlock(label, headers, enc), 64);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot encrypt with " + name, e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The key in an encrypted traditional block ({@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY}); a wrong
     * passphrase gives a {@link WrongPassphraseException}.
     */
    public static KeyData read(PemBlock block, String source, Passphrase passphrase) {
        String info = block.headers().get("DEK-Info");
        if (info == null) {
            throw new InvalidInputException(source + ": BEGIN " + block.label() + " has no DEK-Info header");
        }
        int comma = info.indexOf(',');
        String name = comma < 0 ? info : info.substring(0, comma).strip();
        Cipher c = cipher(name, source);
        byte[] iv;
        try {
            iv = HexFormat.of().parseHex(comma < 0 ? "" : info.substring(comma + 1).strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source + ": DEK-Info IV is not hex");
        }
        if (iv.length != c.blockBytes()) {
            throw new InvalidInputException(source + ": DEK-Info IV has " + iv.length + " bytes, " + name + " needs "
                    + c.blockBytes());
        }
        char[] pass = passphrase.get(source);
        byte[] key = key(pass, iv, c.keyBytes());
        Arrays.fill(pass, '\0');
        byte[] plain = null;
        try {
            try {
                plain = cbc(false, c, key, iv, block.der());
                Der.check(plain, source);
            } catch (GeneralSecurityException | PkiException e) {
                throw new WrongPassphraseException("wrong passphrase for " + source);
            }
            KeyData k = Keys.readDer(plain, source, Passphrase.none());
            Encryption enc = new Encryption("PEM", "EVP_BytesToKey", "MD5", 1, Arrays.copyOf(iv, 8),
                    name.toLowerCase(Locale.ROOT));
            return new KeyData(k.privateKey(), k.publicKey(), k.format(), Optional.of(enc), k.comment());
        } finally {
            Arrays.fill(key, (byte) 0);
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    private static byte[] key(char[] passphrase, byte[] iv, int keyBytes) {
        byte[] pass = Secrets.utf8(passphrase);
        try {
            OpenSSLPBEParametersGenerator g = new OpenSSLPBEParametersGenerator();
            g.init(pass, Arrays.copyOf(iv, 8));
            return ((KeyParameter) g.generateDerivedParameters(keyBytes * 8)).getKey();
        } finally {
            Arrays.fill(pass, (byte) 0);
        }
    }

    /** The JDK's CBC with PKCS#5 padding; a wrong key shows as bad padding, or as garbage that is not DER. */
    private static byte[] cbc(boolean encrypt, Cipher c, byte[] key, byte[] iv, byte[] in)
            throws GeneralSecurityException {
        javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance(c.jdkName() + "/CBC/PKCS5Padding");
        cipher.init(encrypt ? javax.crypto.Cipher.ENCRYPT_MODE : javax.crypto.Cipher.DECRYPT_MODE,
                new SecretKeySpec(key, c.jdkName()), new IvParameterSpec(iv));
        return cipher.doFinal(in);
    }
}
