package dev.whale.pki.x509;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.Passphrase;
import dev.whale.pki.UnsupportedAlgorithmException;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.Keys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Java KeyStores (PKCS#12 or JKS) made straight from PEM: a private key and its certificate chain under one alias,
 * the step that otherwise takes {@code openssl pkcs12 -export} before keytool or a Java TLS server can use them.
 *
 * <pre>{@code
 * KeyStore ks = KeyStores.fromPem(Files.readString(certChain), Files.readString(key), password);
 * KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
 * kmf.init(ks, password);
 * }</pre>
 */
public final class KeyStores {
    /** keytool's default alias. */
    public static final String DEFAULT_ALIAS = "mykey";

    private KeyStores() {}

    /**
     * A PKCS#12 store with {@code privateKeyPem} (unencrypted) and the certificates of {@code certificatesPem},
     * the key's own certificate first, under {@link #DEFAULT_ALIAS}, protected by {@code password}.
     */
    public static KeyStore fromPem(String certificatesPem, String privateKeyPem, char[] password) {
        List<Certificate> certs = Certificate.readAll(certificatesPem.getBytes(StandardCharsets.UTF_8),
                "the certificate PEM");
        KeyData key = Keys.read(privateKeyPem.getBytes(StandardCharsets.UTF_8), "the private key PEM",
                Passphrase.none());
        return build(certs, key, "PKCS12", DEFAULT_ALIAS, password);
    }

    /**
     * A store of {@code type} (PKCS12 or JKS) holding {@code key} and {@code certificates} under {@code alias}.
     * The certificate for the key comes first, then its issuers in order; certificates that do not continue the
     * chain keep their order at the end.
     */
    public static KeyStore build(List<Certificate> certificates, KeyData key, String type, String alias,
                                 char[] password) {
        if (!key.isPrivate()) {
            throw new InvalidInputException("a key store entry needs a private key, not a public one");
        }
        String storeType = type.toUpperCase(Locale.ROOT);
        if (!storeType.equals("PKCS12") && !storeType.equals("JKS")) {
            throw new UnsupportedAlgorithmException("unsupported key store type " + type + "; choose pkcs12 or jks");
        }
        List<Certificate> chain = order(certificates, key);
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            X509Certificate[] jdkChain = new X509Certificate[chain.size()];
            for (int i = 0; i < jdkChain.length; i++) {
                jdkChain[i] = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(
                        chain.get(i).der()));
            }
            String alg = switch (key.algorithm()) {
                case "ED25519" -> "Ed25519";
                default -> key.algorithm();
            };
            PrivateKey pk = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(
                    Keys.pkcs8(key.privateKey())));
            KeyStore ks = KeyStore.getInstance(storeType);
            ks.load(null, null);
            ks.setKeyEntry(alias, pk, password, jdkChain);
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new InvalidInputException("cannot make the " + storeType + " key store: " + e.getMessage(), e);
        }
    }

    /** The key's certificate first, then each next issuer found among the others; the rest after. */
    private static List<Certificate> order(List<Certificate> certificates, KeyData key) {
        List<Certificate> rest = new ArrayList<>(certificates);
        Certificate leaf = certificateFor(certificates, key);
        List<Certificate> chain = new ArrayList<>(List.of(leaf));
        rest.remove(leaf);
        Certificate current = leaf;
        while (!current.issuer().equals(current.subject())) {
            Certificate next = null;
            for (Certificate c : rest) {
                if (c.subject().equals(current.issuer())) {
                    next = c;
                    break;
                }
            }
            if (next == null) {
                break;
            }
            chain.add(next);
            rest.remove(next);
            current = next;
        }
        chain.addAll(rest);
        return chain;
    }

    /** The first of {@code certificates} that holds the public half of {@code key}; an error when none does. */
    public static Certificate certificateFor(List<Certificate> certificates, KeyData key) {
        byte[] spki = Keys.spki(key.publicKey());
        for (Certificate c : certificates) {
            if (Arrays.equals(c.publicKeyDer(), spki)) {
                return c;
            }
        }
        throw new InvalidInputException("none of the certificates is for the private key (" + key.algorithm() + " "
                + key.bits() + " bit); the first is for " + (certificates.isEmpty() ? "nothing"
                : certificates.get(0).subject().oneline()));
    }

    /** The bytes of {@code store}, protected by {@code password}, as a .p12 or .jks file holds them. */
    public static byte[] encode(KeyStore store, char[] password) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            store.store(out, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new InvalidInputException("cannot write the key store: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
