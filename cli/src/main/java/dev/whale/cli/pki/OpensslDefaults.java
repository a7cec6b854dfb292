package dev.whale.cli.pki;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where OpenSSL looks for trusted certificates when not told: OPENSSLDIR/cert.pem and OPENSSLDIR/certs (Debian's
 * OPENSSLDIR is /usr/lib/ssl, whose certs is a link to /etc/ssl/certs), or {@code SSL_CERT_FILE} and
 * {@code SSL_CERT_DIR} when set (crypto/x509/x509_def.c).
 */
final class OpensslDefaults {
    /** Debian's OPENSSLDIR, which {@code openssl version -d} prints. */
    static final Path OPENSSLDIR = Path.of("/usr/lib/ssl");
    static final Path CERT_FILE = OPENSSLDIR.resolve("cert.pem");
    static final Path CERT_DIR = OPENSSLDIR.resolve("certs");

    private OpensslDefaults() {}

    static Path certFile() {
        String env = System.getenv("SSL_CERT_FILE");
        return env == null || env.isEmpty() ? CERT_FILE : Path.of(env);
    }

    /** The default directories; {@code SSL_CERT_DIR} may list several, separated by colons. */
    static List<Path> certDirs() {
        String env = System.getenv("SSL_CERT_DIR");
        if (env == null || env.isEmpty()) {
            return List.of(CERT_DIR);
        }
        List<Path> out = new ArrayList<>();
        for (String d : env.split(":")) {
            if (!d.isEmpty()) {
                out.add(Path.of(d));
            }
        }
        return out;
    }
}
