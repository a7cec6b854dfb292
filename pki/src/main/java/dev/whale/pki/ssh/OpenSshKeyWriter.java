package dev.whale.pki.ssh;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.Pem;
import dev.whale.pki.UnsupportedAlgorithmException;
import dev.whale.pki.internal.BcKey;
import dev.whale.pki.key.Key;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Writes private keys in OpenSSH's openssh-key-v1 format, as ssh-keygen does: unencrypted when the passphrase is
 * empty, otherwise bcrypt_pbkdf with a random 16-byte salt and, by default, 16 rounds and aes256-ctr. Build one with
 * {@link #builder()}; a writer can be used for many keys.
 */
public final class OpenSshKeyWriter {
    /** The cipher ssh-keygen uses unless -Z names another. */
    public static final String DEFAULT_CIPHER = "aes256-ctr";

    private final char[] passphrase;
    private final SshCipher cipher;
    private final int rounds;
    private final SecureRandom random;
    private final BcryptPbkdf.Progress progress;

    private OpenSshKeyWriter(Builder b) {
        this.passphrase = b.passphrase.clone();
        this.cipher = b.cipher;
        this.rounds = b.rounds;
        this.random = b.random;
        this.progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The file's bytes before armour. */
    public byte[] encode(Key privateKey, String comment) {
        if (!privateKey.isPrivate()) {
            throw new InvalidInputException("an openssh-key-v1 file needs a private key, not a public one");
        }
        return OpenSshKeyV1.encode(BcKey.parameters(privateKey), comment == null ? "" : comment, passphrase, cipher,
                rounds, random, progress);
    }

    /** The file's text: {@code -----BEGIN OPENSSH PRIVATE KEY-----}, base64 at 70 columns, the END line. */
    public String write(Key privateKey, String comment) {
        byte[] blob = encode(privateKey, comment);
        try {
            return Pem.write(OpenSshKeyV1.LABEL, blob, 70);
        } finally {
            Arrays.fill(blob, (byte) 0);
        }
    }

    /** Whether keys are written encrypted: only with a non-empty passphrase. */
    public boolean encrypts() {
        return passphrase.length > 0;
    }

    @Override
    public String toString() {
        return encrypts() ? "openssh-key-v1 (bcrypt, " + rounds + " rounds, " + cipher.sshName() + ")"
                : "openssh-key-v1 (unencrypted)";
    }

    /** Settings for an {@link OpenSshKeyWriter}, checked as they are given. */
    public static final class Builder {
        private char[] passphrase = new char[0];
        private SshCipher cipher = SshCipher.AES256_CTR;
        private int rounds = BcryptPbkdf.DEFAULT_ROUNDS;
        private SecureRandom random;
        private BcryptPbkdf.Progress progress = BcryptPbkdf.Progress.none();

        private Builder() {}

        /** The passphrase; empty (the default) writes the key unencrypted. The writer keeps a copy. */
        public Builder passphrase(char[] passphrase) {
            this.passphrase = passphrase == null ? new char[0] : passphrase.clone();
            return this;
        }

        /** The cipher by its SSH name (aes256-ctr, chacha20-poly1305@openssh.com…), as ssh-keygen -Z takes it. */
        public Builder cipher(String name) {
            SshCipher c = SshCipher.byName(name);
            if (c == null) {
                throw new UnsupportedAlgorithmException("Invalid OpenSSH-format cipher '" + name + "'; choose one of: "
                        + String.join(", ", SshCipher.names()));
            }
            this.cipher = c;
            return this;
        }

        /** bcrypt_pbkdf rounds, at least 1 (ssh-keygen -a). */
        public Builder rounds(int rounds) {
            if (rounds < 1) {
                throw new InvalidInputException("bcrypt rounds must be at least 1: " + rounds);
            }
            this.rounds = rounds;
            return this;
        }

        /** Where salts and check integers come from; a new SecureRandom when not given. */
        public Builder random(SecureRandom random) {
            this.random = random;
            return this;
        }

        /** Hears each bcrypt round as it finishes. */
        public Builder progress(BcryptPbkdf.Progress progress) {
            this.progress = progress == null ? BcryptPbkdf.Progress.none() : progress;
            return this;
        }

        public OpenSshKeyWriter build() {
            if (random == null) {
                random = new SecureRandom();
            }
            if (passphrase.length > 0 && cipher == SshCipher.NONE) {
                // OpenSSH writes cipher "none" with a bcrypt KDF here: a passphrase that protects nothing.
                throw new InvalidInputException("cipher none cannot protect a key with a passphrase");
            }
            return new OpenSshKeyWriter(this);
        }
    }
}
