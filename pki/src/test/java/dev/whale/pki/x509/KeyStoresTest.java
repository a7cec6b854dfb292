package dev.whale.pki.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.pki.Pem;
import dev.whale.pki.PkiException;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.Keys;
import dev.whale.pki.verify.VerifierTest;
import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.Test;

class KeyStoresTest {
    static final char[] PASSWORD = "changeit".toCharArray();

    @Test
    void fromPem_chainInAnyOrder_leafFirstThenIssuers() throws Exception {
        KeyData rootKey = VerifierTest.ec();
        Certificate root = Issuer.selfSigned(rootKey.privateKey())
                .subject(SubjectArgument.parse("/CN=Test Root", false).name()).extensions(ExtensionConfig.V3_CA)
                .issue();
        KeyData leafKey = VerifierTest.ec();
        Certificate leaf = Issuer.signedBy(root, rootKey.privateKey())
                .subject(SubjectArgument.parse("/CN=localhost", false).name()).publicKey(leafKey.publicKey())
                .extensions(VerifierTest.LEAF).days(1).issue();
        String pem = root.pem() + leaf.pem();
        KeyStore ks = KeyStores.fromPem(pem, Pem.write("PRIVATE KEY", Keys.pkcs8(leafKey.privateKey())), PASSWORD);
        java.security.cert.Certificate[] chain = ks.getCertificateChain(KeyStores.DEFAULT_ALIAS);
        assertEquals(2, chain.length);
        assertEquals(leaf.pem(), Pem.write("CERTIFICATE", chain[0].getEncoded()));
        assertTrue(ks.getKey(KeyStores.DEFAULT_ALIAS, PASSWORD) instanceof PrivateKey);
        KeyStore back = KeyStore.getInstance("PKCS12");
        back.load(new ByteArrayInputStream(KeyStores.encode(ks, PASSWORD)), PASSWORD);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(back, PASSWORD);
        assertEquals(1, kmf.getKeyManagers().length);
    }

    @Test
    void build_jksWithEd25519_loadsBack() throws Exception {
        KeyData k = Keys.generate("ED25519", 0, null, null, VerifierTest.RANDOM);
        Certificate self = Issuer.selfSigned(k.privateKey())
                .subject(SubjectArgument.parse("/CN=localhost", false).name()).extensions(ExtensionConfig.V3_CA)
                .issue();
        KeyStore ks = KeyStores.build(List.of(self), k, "jks", "server", PASSWORD);
        KeyStore back = KeyStore.getInstance("JKS");
        back.load(new ByteArrayInputStream(KeyStores.encode(ks, PASSWORD)), PASSWORD);
        assertEquals("EdDSA", back.getKey("server", PASSWORD).getAlgorithm());
    }

    @Test
    void build_keyOfAnotherCertificate_refused() {
        VerifierTest.Chain c = VerifierTest.chain();
        PkiException e = assertThrows(PkiException.class, () -> KeyStores.build(List.of(c.leaf()), VerifierTest.ec(),
                "pkcs12", "a", PASSWORD));
        assertEquals("none of the certificates is for the private key (EC 256 bit); the first is for "
                + "CN = leaf.example", e.getMessage());
    }
}
