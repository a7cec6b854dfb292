package dev.whale.pki.key;

/**
 * How a stored key is protected: the scheme ({@code PBES2}, {@code openssh-key-v1}), the key derivation function
 * with its pseudo-random function, its cost (PBKDF2 iterations or bcrypt rounds) and salt, and the cipher.
 */
public record Encryption(String scheme, String kdf, String prf, long cost, byte[] salt, String cipher) {
    public Encryption {
        salt = salt == null ? new byte[0] : salt.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }
}
