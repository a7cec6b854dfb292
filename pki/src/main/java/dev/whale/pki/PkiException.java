package dev.whale.pki;

/**
 * Key or certificate work that cannot be done: its message names the input and what is wrong with it, such as
 * {@code key.pem: expected BEGIN PRIVATE KEY, found BEGIN CERTIFICATE}. Messages never hold key material or
 * passphrases. The subtype says what kind of problem it is: {@link InvalidInputException} (bytes, text or values
 * that cannot be used), {@link PassphraseException} (a passphrase missing or wrong),
 * {@link UnsupportedAlgorithmException} (an algorithm or format whale does not do) and {@link PkiIOException}
 * (bytes that could not be read or written).
 */
public abstract class PkiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected PkiException(String message) {
        super(message);
    }

    protected PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
