package dev.whale.pki;

/**
 * Where a passphrase comes from, asked for only when a key turns out to be encrypted. The characters are the
 * caller's; the library clears its own copies after use and never puts them in a message.
 */
@FunctionalInterface
public interface Passphrase {
    /** The passphrase to decrypt {@code source} with. */
    char[] get(String source);

    /** No passphrase: reading an encrypted key fails, naming the file. */
    static Passphrase none() {
        return source -> {
            throw new PassphraseException(source
                    + " is encrypted; give its passphrase (-passin pass:…, env:VAR or file:PATH)");
        };
    }

    static Passphrase of(char[] chars) {
        return source -> chars.clone();
    }
}
