/**
 * Message digests by OpenSSL's names ({@link DigestAlgorithm}), computed over files of any size
 * ({@link Digester}), and the signatures {@code openssl dgst -sign} makes over them ({@link DigestSignatures}).
 */
package dev.whale.pki.digest;
