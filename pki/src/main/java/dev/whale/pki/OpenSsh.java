package dev.whale.pki;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;

/** OpenSSH's key formats: one-line public keys, RFC 4716 public keys, and openssh-key-v1 private keys. */
public final class OpenSsh {
    private OpenSsh() {}

    /** True when {@code text} starts like {@code ssh-ed25519 AAAA…}. */
    public static boolean isPublicKeyLine(String text) {
        return text.startsWith("ssh-") || text.startsWith("ecdsa-sha2-");
    }

    /** A public key line: {@code TYPE BASE64 [COMMENT]}. */
    public static KeyData readPublicKey(String text, String source) {
        String line = text.strip().lines().findFirst().orElse("");
        String[] parts = line.split("\\s+", 3);
        if (parts.length < 2) {
            throw new PkiException(source + ": not an OpenSSH public key line");
        }
        try {
            AsymmetricKeyParameter pub = OpenSSHPublicKeyUtil.parsePublicKey(Base64.getDecoder().decode(parts[1]));
            return new KeyData(null, pub, KeyFormat.OPENSSH_PUBLIC, Optional.empty(), parts.length > 2 ? parts[2] : "");
        } catch (RuntimeException e) {
            throw new PkiException(source + ": not a valid OpenSSH public key", e);
        }
    }

    /** An RFC 4716 public key block. */
    public static KeyData readRfc4716(String text, String source) {
        throw new PkiException(source + ": RFC 4716 public keys are not read yet");
    }

    /** The key in an openssh-key-v1 blob. */
    public static KeyData readPrivateKey(byte[] blob, String source, Passphrase passphrase) {
        try {
            AsymmetricKeyParameter priv = OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(blob);
            return new KeyData(priv, Keys.publicOf(priv), KeyFormat.OPENSSH, Optional.empty(), "");
        } catch (RuntimeException e) {
            char[] pass = passphrase.get(source);
            AsymmetricKeyParameter priv = OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(blob,
                    new String(pass).getBytes(StandardCharsets.UTF_8));
            return new KeyData(priv, Keys.publicOf(priv), KeyFormat.OPENSSH, Optional.empty(), "");
        }
    }
}
