/**
 * OpenSSH's key formats: the one-line public key, RFC 4716, openssh-key-v1 private keys with bcrypt_pbkdf
 * ({@link BcryptPbkdf}), fingerprints and random art; {@link OpenSsh} is the entry.
 */
package dev.whale.pki.ssh;
