package dev.whale.pki.key;

/** How a key is stored. */
public enum KeyFormat {
    /** {@code BEGIN RSA PRIVATE KEY}: PKCS#1 RSAPrivateKey (RFC 8017). */
    PKCS1("PKCS#1"),
    /** {@code BEGIN EC PRIVATE KEY}: SEC 1 ECPrivateKey (RFC 5915). */
    SEC1("SEC 1"),
    /** {@code BEGIN PRIVATE KEY}: PKCS#8 PrivateKeyInfo (RFC 5208, 5958). */
    PKCS8("PKCS#8"),
    /** {@code BEGIN ENCRYPTED PRIVATE KEY}: PKCS#8 EncryptedPrivateKeyInfo, usually PBES2 (RFC 8018). */
    ENCRYPTED_PKCS8("encrypted PKCS#8"),
    /** {@code BEGIN OPENSSH PRIVATE KEY}: openssh-key-v1 (OpenSSH's PROTOCOL.key). */
    OPENSSH("openssh-key-v1"),
    /** {@code BEGIN PUBLIC KEY}: X.509 SubjectPublicKeyInfo (RFC 5280). */
    SPKI("SubjectPublicKeyInfo"),
    /** {@code BEGIN RSA PUBLIC KEY}: PKCS#1 RSAPublicKey. */
    PKCS1_PUBLIC("PKCS#1 public"),
    /** {@code ssh-ed25519 AAAA… comment}: OpenSSH's one-line public key (RFC 4253 wire format in base64). */
    OPENSSH_PUBLIC("OpenSSH public"),
    /** {@code ---- BEGIN SSH2 PUBLIC KEY ----} (RFC 4716). */
    RFC4716_PUBLIC("RFC 4716 public");

    private final String displayName;

    KeyFormat(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    public boolean isPrivate() {
        return this != SPKI && this != PKCS1_PUBLIC && this != OPENSSH_PUBLIC && this != RFC4716_PUBLIC;
    }
}
