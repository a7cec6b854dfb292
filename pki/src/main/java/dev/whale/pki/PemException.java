package dev.whale.pki;

/** Text that is not the PEM it should be: no BEGIN line, no END line, a bad label or bad base64. */
public final class PemException extends PkiException {
    public PemException(String message) {
        super(message);
    }
}
