/**
 * Keys and certificates as OpenSSL and OpenSSH write them. This package holds what every concept shares: the
 * exceptions ({@link PkiException} and its subtypes), PEM text ({@link Pem}), {@link Passphrase}s,
 * {@code asn1parse} ({@link Asn1Printer}) and {@link Inspection} of any key or certificate file. The concepts live in
 * sub-packages: {@code key} (reading, writing and generating keys, {@code Keys} is the entry), {@code ssh} (OpenSSH's
 * formats and ssh-keygen's work), {@code x509} (certificates, their text, requests and issuing) and {@code verify}
 * (chain building and the trust store). {@code internal} is not API.
 */
package dev.whale.pki;
