/**
 * X.509 certificates (RFC 5280): the model read from PEM or DER ({@link Certificate}), the text of
 * {@code openssl x509 -text} ({@link CertificateText}), names, extensions, certificate requests and issuing
 * ({@link Issuer}).
 */
package dev.whale.pki.x509;
