package dev.whale.pki.ssh;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.Passphrase;
import dev.whale.pki.WrongPassphraseException;
import dev.whale.pki.internal.BcKey;
import dev.whale.pki.internal.Secrets;
import dev.whale.pki.key.Encryption;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.KeyFormat;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * The openssh-key-v1 container (OpenSSH's PROTOCOL.key; sshkey.c, sshkey_private_to_blob2 and
 * sshkey_parse_private2): a clear header naming the cipher and KDF and holding the public key, then a private
 * section of two equal check integers, the key, its comment and padding 1, 2, 3… to the cipher's block size.
 */
final class OpenSshKeyV1 {
    static final String SCHEME = "openssh-key-v1";
    static final String LABEL = "OPENSSH PRIVATE KEY";
    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final int SALT_BYTES = 16;

    private OpenSshKeyV1() {}

    /** The clear header: what protects the key, and its public half. */
    record Header(SshCipher cipher, String kdf, byte[] salt, int rounds, AsymmetricKeyParameter publicKey,
                  byte[] publicBlob, byte[] sealed) {

        Optional<Encryption> encryption() {
            if (cipher == SshCipher.NONE) {
                return Optional.empty();
            }
            return Optional.of(new Encryption(SCHEME, kdf, "", Integer.toUnsignedLong(rounds), salt,
                    cipher.sshName()));
        }
    }

    static Header header(byte[] blob, String source) {
        if (blob.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(blob, MAGIC.length), MAGIC)) {
            throw new InvalidInputException(source
                    + ": not an openssh-key-v1 key (it does not start with \"openssh-key-v1\")");
        }
        SshWire.Reader r = new SshWire.Reader(blob, MAGIC.length, blob.length, source);
        String cipherName = r.text("cipher name");
        SshCipher cipher = SshCipher.byName(cipherName);
        if (cipher == null) {
            throw r.broken("unsupported cipher " + SshKeyBlob.printable(cipherName) + "; whale reads "
                    + String.join(", ", SshCipher.names()));
        }
        String kdf = r.text("KDF name");
        byte[] kdfOptions = r.string("KDF options");
        byte[] salt = new byte[0];
        int rounds = 0;
        if (kdf.equals("bcrypt")) {
            SshWire.Reader k = new SshWire.Reader(kdfOptions, source);
            salt = k.string("bcrypt salt");
            rounds = k.uint32("bcrypt rounds");
            k.expectEnd("the bcrypt options");
            if (salt.length == 0 || rounds <= 0) {
                throw r.broken("bcrypt needs a salt and 1 to 2147483647 rounds, not "
                        + Integer.toUnsignedString(rounds));
            }
        } else if (kdf.equals("none")) {
            if (cipher != SshCipher.NONE) {
                throw r.broken("cipher " + cipher.sshName() + " without a KDF");
            }
        } else {
            throw r.broken("unsupported KDF " + SshKeyBlob.printable(kdf) + "; whale reads bcrypt and none");
        }
        int keys = r.uint32("number of keys");
        if (keys != 1) {
            throw r.broken("holds " + Integer.toUnsignedString(keys) + " keys; whale reads files with one key");
        }
        byte[] publicBlob = r.string("public key");
        AsymmetricKeyParameter pub = SshKeyBlob.decode(publicBlob, source);
        int length = r.uint32("private section length");
        if (length < 0 || r.remaining() < length + cipher.tagBytes()) {
            throw r.broken("truncated: the private section is shorter than its length says");
        }
        byte[] sealed = r.bytes(length + cipher.tagBytes(), "private section");
        r.expectEnd("the private section");
        if (length % cipher.blockBytes() != 0) {
            throw r.broken("private section of " + length + " bytes is not a multiple of the "
                    + cipher.sshName() + " block size " + cipher.blockBytes());
        }
        return new Header(cipher, kdf, salt, rounds, pub, publicBlob, sealed);
    }

    /** The key in {@code blob}, asking {@code passphrase} only when the file is encrypted. */
    static KeyData read(byte[] blob, String source, Passphrase passphrase, BcryptPbkdf.Progress progress) {
        Header h = header(blob, source);
        byte[] plain;
        if (h.cipher() == SshCipher.NONE) {
            plain = h.sealed();
        } else {
            char[] chars = passphrase.get(source);
            byte[] pass = Secrets.utf8(chars);
            Arrays.fill(chars, '\0');
            byte[] keyIv = null;
            try {
                if (pass.length == 0) {
                    throw new WrongPassphraseException("wrong passphrase for " + source);
                }
                SshCipher c = h.cipher();
                keyIv = BcryptPbkdf.derive(pass, h.salt(), h.rounds(), c.keyBytes() + c.ivBytes(), progress);
                plain = c.decrypt(Arrays.copyOf(keyIv, c.keyBytes()),
                        Arrays.copyOfRange(keyIv, c.keyBytes(), keyIv.length), h.sealed());
            } catch (InvalidCipherTextException e) {
                throw new WrongPassphraseException("wrong passphrase for " + source);
            } finally {
                Arrays.fill(pass, (byte) 0);
                if (keyIv != null) {
                    Arrays.fill(keyIv, (byte) 0);
                }
            }
        }
        try {
            return privateSection(plain, h, source);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source + ": not a valid private key (" + e.getMessage() + ")");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static KeyData privateSection(byte[] plain, Header h, String source) {
        SshWire.Reader r = new SshWire.Reader(plain, source);
        int check1 = r.uint32("check integer");
        int check2 = r.uint32("check integer");
        if (check1 != check2) {
            if (h.cipher() == SshCipher.NONE) {
                throw r.broken("corrupt private section: its check integers differ");
            }
            throw new WrongPassphraseException("wrong passphrase for " + source);
        }
        AsymmetricKeyParameter priv = SshKeyBlob.readPrivate(r);
        String comment = r.text("comment");
        for (int i = 1; r.remaining() > 0; i++) {
            int pad = r.bytes(1, "padding")[0] & 0xff;
            if (pad != (i & 0xff)) {
                throw r.broken("corrupt padding after the comment");
            }
        }
        if (!Arrays.equals(SshKeyBlob.encode(priv), h.publicBlob())) {
            throw r.broken("the public key in the header does not match the private key");
        }
        return new KeyData(BcKey.of(priv), BcKey.of(BcKey.publicOf(priv)), KeyFormat.OPENSSH, h.encryption(), comment);
    }

    /** The openssh-key-v1 bytes of {@code priv}; an empty passphrase leaves the key unencrypted, as OpenSSH does. */
    static byte[] encode(AsymmetricKeyParameter priv, String comment, char[] passphrase, SshCipher cipher,
                         int rounds, SecureRandom random, BcryptPbkdf.Progress progress) {
        byte[] pass = Secrets.utf8(passphrase);
        if (pass.length == 0) {
            cipher = SshCipher.NONE;
        }
        SshWire.Writer out = new SshWire.Writer().raw(MAGIC).string(cipher.sshName());
        byte[] keyIv = null;
        byte[] plain = null;
        try {
            if (cipher == SshCipher.NONE) {
                out.string("none").string(new byte[0]);
            } else {
                byte[] salt = new byte[SALT_BYTES];
                random.nextBytes(salt);
                out.string("bcrypt").string(new SshWire.Writer().string(salt).uint32(rounds).toByteArray());
                keyIv = BcryptPbkdf.derive(pass, salt, rounds, cipher.keyBytes() + cipher.ivBytes(), progress);
            }
            out.uint32(1).string(SshKeyBlob.encode(priv));

            int check = random.nextInt();
            SshWire.Writer section = new SshWire.Writer().uint32(check).uint32(check);
            SshKeyBlob.writePrivate(section, priv);
            section.string(comment);
            for (int i = 1; section.size() % cipher.blockBytes() != 0; i++) {
                section.raw(i & 0xff);
            }
            plain = section.toByteArray();
            byte[] sealed = cipher == SshCipher.NONE ? plain.clone()
                    : cipher.encrypt(Arrays.copyOf(keyIv, cipher.keyBytes()),
                            Arrays.copyOfRange(keyIv, cipher.keyBytes(), keyIv.length), plain);
            return out.uint32(plain.length).raw(sealed).toByteArray();
        } finally {
            Arrays.fill(pass, (byte) 0);
            if (keyIv != null) {
                Arrays.fill(keyIv, (byte) 0);
            }
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }
}
