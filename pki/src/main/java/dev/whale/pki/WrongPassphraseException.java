package dev.whale.pki;

/** The passphrase does not decrypt the key; the message names the file, never the passphrase. */
public final class WrongPassphraseException extends PassphraseException {
    private static final long serialVersionUID = 1L;

    public WrongPassphraseException(String message) {
        super(message);
    }
}
