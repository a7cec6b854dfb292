/**
 * Private and public keys (RSA, EC, Ed25519) in PKCS#1, SEC 1, PKCS#8 (plain or encrypted), SubjectPublicKeyInfo
 * and OpenSSL's legacy encrypted PEM; {@link Keys} reads, writes and generates them, {@link KeyText} prints them as
 * {@code openssl pkey -text} does.
 */
package dev.whale.pki.key;
