package dev.whale.pki;

/**
 * Input that cannot be used: bytes or text that are not the key, certificate, request or name they should be, a
 * key whose parts do not belong together, a value out of range, or the wrong kind of thing for the operation.
 */
public class InvalidInputException extends PkiException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
