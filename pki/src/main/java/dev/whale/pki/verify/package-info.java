/**
 * Certificate verification as {@code openssl verify} does it: the {@link TrustStore}, chain building and checking
 * by {@link Verifier}, its {@link Verification} with OpenSSL's error numbers, and a signature checked by hand
 * ({@link SignatureExplanation}).
 */
package dev.whale.pki.verify;
