package dev.whale.pki.x509;

import dev.whale.pki.InvalidInputException;

/**
 * One X.509v3 extension as OpenSSL's configuration writes it, such as {@code basicConstraints = critical,CA:TRUE} or
 * {@code subjectAltName = DNS:localhost,IP:127.0.0.1} (openssl-x509v3_config(5)); {@code source} names where it
 * was written, for errors. Turned into DER when a certificate or request is made, because some values (a key
 * identifier {@code hash}, {@code keyid}) depend on the keys involved.
 */
public record ExtensionSpec(String name, String value, String source) {
    public ExtensionSpec {
        name = name.strip();
        value = value.strip();
        if (name.isEmpty()) {
            throw new InvalidInputException(source + ": an extension needs a name: '=" + value + "'");
        }
    }

    /** {@code NAME=VALUE} as {@code -addext} takes it. */
    public static ExtensionSpec parse(String line, String source) {
        int eq = line.indexOf('=');
        if (eq < 0) {
            throw new InvalidInputException(source + ": expected NAME=VALUE, such as basicConstraints=CA:FALSE: "
                    + line);
        }
        return new ExtensionSpec(line.substring(0, eq), line.substring(eq + 1), source);
    }

    /** True when the value starts with {@code critical,}. */
    public boolean critical() {
        return value.startsWith("critical,");
    }

    /** The value without its {@code critical,} prefix. */
    String body() {
        return critical() ? value.substring("critical,".length()).strip() : value;
    }

    @Override
    public String toString() {
        return name + "=" + value;
    }
}
