package dev.whale.cli.pki;

import dev.whale.cli.AtomicFiles;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.Keys;
import dev.whale.pki.x509.Certificate;
import dev.whale.pki.x509.KeyStores;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code whale pki keystore}: a Java KeyStore from a PEM certificate and key, without openssl pkcs12 -export. */
@Command(name = "keystore", mixinStandardHelpOptions = true,
        description = {"Make a Java KeyStore (PKCS#12 or JKS) from a PEM private key and its certificate, with the "
                + "issuers' certificates after it, for a Java TLS server or keytool. The file is written with mode "
                + "0600."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki keystore --cert server.pem --key server-key.pem --chain ca.pem --out server.p12 "
                + "--storepass env:STOREPASS",
                "  ./whale pki keystore --cert cert.pem --key key.pem --out server.jks --storetype jks \\",
                "      --storepass pass:changeit --alias server",
                "  keytool -list -keystore server.p12 -storepass \"$STOREPASS\""})
final class KeystoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "The certificate for the key "
            + "(PEM or DER; a PEM file may hold the chain too).")
    Path cert;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The private key (PEM or DER, "
            + "PKCS#8, PKCS#1 or SEC 1, plain or encrypted).")
    Path key;

    @Option(names = "--chain", paramLabel = "FILE", description = "Issuer certificates to add after it; "
            + "repeatable.")
    List<Path> chain = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The key store to write.")
    Path out;

    @Option(names = "--storetype", paramLabel = "TYPE", defaultValue = "pkcs12", description = "pkcs12 (default) "
            + "or jks.")
    String storetype;

    @Option(names = "--storepass", paramLabel = "SOURCE", description = "Key store password: pass:TEXT, env:VAR, "
            + "file:PATH or stdin (default: asked twice).")
    String storepass;

    @Option(names = "--passin", paramLabel = "SOURCE", description = "Passphrase of an encrypted --key.")
    String passin;

    @Option(names = "--alias", paramLabel = "NAME", defaultValue = KeyStores.DEFAULT_ALIAS, description = "The "
            + "entry's alias (default: mykey, as keytool's).")
    String alias;

    @Override
    public Integer call() {
        List<Certificate> certs = new ArrayList<>();
        Inputs.Input c = Inputs.read(cert);
        certs.addAll(Certificate.readAll(c.bytes(), c.name()));
        for (Path p : chain) {
            Inputs.Input i = Inputs.read(p);
            certs.addAll(Certificate.readAll(i.bytes(), i.name()));
        }
        Inputs.Input k = Inputs.read(key);
        KeyData privateKey = Keys.read(k.bytes(), k.name(), PassSource.of(passin, "--passin"));
        char[] password = PassSource.forWriting(storepass, "--storepass", "key store password");
        try {
            KeyStore ks = KeyStores.build(certs, privateKey, storetype, alias, password);
            AtomicFiles.write(out, KeyStores.encode(ks, password), true);
        } finally {
            Arrays.fill(password, '\0');
        }
        return 0;
    }
}
