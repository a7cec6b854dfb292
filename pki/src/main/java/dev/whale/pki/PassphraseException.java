package dev.whale.pki;

/** A key needs a passphrase that was not given, or the one given is not its own; never names the passphrase. */
public class PassphraseException extends PkiException {
    private static final long serialVersionUID = 1L;

    public PassphraseException(String message) {
        super(message);
    }
}
