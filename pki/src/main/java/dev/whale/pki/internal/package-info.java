/**
 * The machinery the pki packages share and that is not API: the strict DER reader ({@link Der}), OpenSSL's object
 * table ({@link Oids}), the routines OpenSSL's text output is made of ({@link OpenSslText}), signature algorithms
 * ({@link Signatures}) and passphrase bytes ({@link Secrets}). Its classes are public only so that the other pki
 * packages can reach them; nothing outside the pki module may use them, and they change without notice.
 */
package dev.whale.pki.internal;
