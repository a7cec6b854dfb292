package dev.whale.pki.ssh;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The ciphers OpenSSH can protect an openssh-key-v1 file with (cipher.c), by their SSH names, with the key, IV,
 * block and tag sizes OpenSSH gives them. Key files are encrypted as packet number 0 with no associated data.
 */
enum SshCipher {
    NONE("none", 0, 0, 8, 0),
    TRIPLE_DES_CBC("3des-cbc", 24, 8, 8, 0),
    AES128_CBC("aes128-cbc", 16, 16, 16, 0),
    AES192_CBC("aes192-cbc", 24, 16, 16, 0),
    AES256_CBC("aes256-cbc", 32, 16, 16, 0),
    AES128_CTR("aes128-ctr", 16, 16, 16, 0),
    AES192_CTR("aes192-ctr", 24, 16, 16, 0),
    AES256_CTR("aes256-ctr", 32, 16, 16, 0),
    AES128_GCM("aes128-gcm@openssh.com", 16, 12, 16, 16),
    AES256_GCM("aes256-gcm@openssh.com", 32, 12, 16, 16),
    CHACHA20_POLY1305("chacha20-poly1305@openssh.com", 64, 0, 8, 16);

    private final String sshName;
    private final int keyBytes;
    private final int ivBytes;
    private final int blockBytes;
    private final int tagBytes;

    SshCipher(String sshName, int keyBytes, int ivBytes, int blockBytes, int tagBytes) {
        this.sshName = sshName;
        this.keyBytes = keyBytes;
        this.ivBytes = ivBytes;
        this.blockBytes = blockBytes;
        this.tagBytes = tagBytes;
    }

    /** The cipher called {@code name} in a key file or on ssh-keygen's command line, or null. */
    static SshCipher byName(String name) {
        for (SshCipher c : values()) {
            if (c.sshName.equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** Every name, as ssh-keygen -Z accepts them. */
    static List<String> names() {
        return Stream.of(values()).map(SshCipher::sshName).toList();
    }

    String sshName() {
        return sshName;
    }

    int keyBytes() {
        return keyBytes;
    }

    int ivBytes() {
        return ivBytes;
    }

    int blockBytes() {
        return blockBytes;
    }

    int tagBytes() {
        return tagBytes;
    }

    /** {@code plain}, whose length is a multiple of the block size, encrypted; AEAD ciphers append their tag. */
    byte[] encrypt(byte[] key, byte[] iv, byte[] plain) {
        try {
            return crypt(true, key, iv, plain);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("encryption cannot fail its own tag", e);
        }
    }

    /**
     * {@code sealed} (ciphertext, then the tag for AEAD ciphers) decrypted.
     *
     * @throws InvalidCipherTextException when the tag does not match, which for a key file means a wrong passphrase
     */
    byte[] decrypt(byte[] key, byte[] iv, byte[] sealed) throws InvalidCipherTextException {
        return crypt(false, key, iv, sealed);
    }

    private byte[] crypt(boolean encrypt, byte[] key, byte[] iv, byte[] in) throws InvalidCipherTextException {
        return switch (this) {
            case NONE -> in.clone();
            case TRIPLE_DES_CBC -> cbc(encrypt, DESedeEngine::new, key, iv, in);
            case AES128_CBC, AES192_CBC, AES256_CBC -> cbc(encrypt, AESEngine::newInstance, key, iv, in);
            case AES128_CTR, AES192_CTR, AES256_CTR -> ctr(key, iv, in);
            case AES128_GCM, AES256_GCM -> gcm(encrypt, key, iv, in);
            case CHACHA20_POLY1305 -> chachaPoly(encrypt, key, in);
        };
    }

    private static byte[] cbc(boolean encrypt, Supplier<BlockCipher> engine, byte[] key, byte[] iv, byte[] in) {
        BlockCipher c = CBCBlockCipher.newInstance(engine.get());
        c.init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
        byte[] out = new byte[in.length];
        for (int off = 0; off < in.length; off += c.getBlockSize()) {
            c.processBlock(in, off, out, off);
        }
        return out;
    }

    private static byte[] ctr(byte[] key, byte[] iv, byte[] in) {
        var c = SICBlockCipher.newInstance(AESEngine.newInstance());
        c.init(true, new ParametersWithIV(new KeyParameter(key), iv));
        byte[] out = new byte[in.length];
        c.processBytes(in, 0, in.length, out, 0);
        return out;
    }

    private static byte[] gcm(boolean encrypt, byte[] key, byte[] iv, byte[] in) throws InvalidCipherTextException {
        var c = GCMBlockCipher.newInstance(AESEngine.newInstance());
        c.init(encrypt, new AEADParameters(new KeyParameter(key), 128, iv, null));
        byte[] out = new byte[c.getOutputSize(in.length)];
        int n = c.processBytes(in, 0, in.length, out, 0);
        c.doFinal(out, n);
        return out;
    }

    /**
     * OpenSSH's chacha20-poly1305 (PROTOCOL.chacha20poly1305, cipher-chachapoly.c) for sequence number 0 and no
     * length field: the first 32 key bytes key ChaCha20 with a zero nonce; its block 0 gives the Poly1305 key, and
     * blocks 1 onwards encrypt.
     */
    private static byte[] chachaPoly(boolean encrypt, byte[] key, byte[] in) throws InvalidCipherTextException {
        ChaChaEngine chacha = new ChaChaEngine();
        chacha.init(true, new ParametersWithIV(new KeyParameter(Arrays.copyOf(key, 32)), new byte[8]));
        byte[] polyKey = new byte[32];
        chacha.processBytes(polyKey, 0, 32, polyKey, 0);
        chacha.seekTo(64);
        int length = encrypt ? in.length : in.length - 16;
        if (length < 0) {
            throw new InvalidCipherTextException("shorter than the tag");
        }
        if (!encrypt) {
            byte[] expected = poly1305(polyKey, in, length);
            if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(in, length, in.length))) {
                throw new InvalidCipherTextException("poly1305 tag mismatch");
            }
        }
        byte[] out = new byte[encrypt ? length + 16 : length];
        chacha.processBytes(in, 0, length, out, 0);
        if (encrypt) {
            System.arraycopy(poly1305(polyKey, out, length), 0, out, length, 16);
        }
        Arrays.fill(polyKey, (byte) 0);
        return out;
    }

    private static byte[] poly1305(byte[] key, byte[] data, int length) {
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(key));
        mac.update(data, 0, length);
        byte[] tag = new byte[16];
        mac.doFinal(tag, 0);
        return tag;
    }
}
