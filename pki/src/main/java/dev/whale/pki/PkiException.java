package dev.whale.pki;

/**
 * Key or certificate input that cannot be used: its message names the input and what is wrong with it, such as
 * {@code key.pem: expected BEGIN PRIVATE KEY, found BEGIN CERTIFICATE}. Messages never hold key material or
 * passphrases.
 */
public class PkiException extends RuntimeException {
    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
