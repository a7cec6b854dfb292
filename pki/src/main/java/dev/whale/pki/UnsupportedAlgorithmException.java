package dev.whale.pki;

/**
 * An algorithm, curve, cipher, digest, extension or format that whale (or the JDK under it) does not do; the
 * message lists the choices there are when there is a short list.
 */
public final class UnsupportedAlgorithmException extends PkiException {
    private static final long serialVersionUID = 1L;

    public UnsupportedAlgorithmException(String message) {
        super(message);
    }

    public UnsupportedAlgorithmException(String message, Throwable cause) {
        super(message, cause);
    }
}
