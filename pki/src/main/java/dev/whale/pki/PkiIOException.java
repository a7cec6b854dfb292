package dev.whale.pki;

import java.io.IOException;

/** Bytes that could not be read or written: a trust store directory, or an encoder that failed. */
public final class PkiIOException extends PkiException {
    private static final long serialVersionUID = 1L;

    public PkiIOException(String message, IOException cause) {
        super(message, cause);
    }
}
