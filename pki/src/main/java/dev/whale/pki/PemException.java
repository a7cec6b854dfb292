package dev.whale.pki;

/** Text that is not the PEM it should be: no BEGIN line, no END line, a bad label or bad base64. */
public final class PemException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public PemException(String message) {
        super(message);
    }
}
