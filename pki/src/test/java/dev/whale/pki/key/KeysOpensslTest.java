package dev.whale.pki.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.pki.Passphrase;
import dev.whale.pki.Pem;
import dev.whale.pki.PemBlock;
import dev.whale.pki.PkiException;
import dev.whale.pki.WrongPassphraseException;
import dev.whale.pki.testing.Openssl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys against the real openssl: keys made by openssl with random parameters are read by whale and printed as
 * openssl prints them; keys written by whale are read back by openssl.
 */
class KeysOpensslTest {
    @TempDir
    static Path dir;

    static final List<Path> KEYS = new ArrayList<>();

    static Openssl.Out openssl(String... args) throws IOException, InterruptedException {
        return Openssl.run(dir, args);
    }

    /** A few RSA sizes and the curves, drawn at random but seeded, each made by openssl itself. */
    @BeforeAll
    static void makeKeys() throws Exception {
        SplittableRandom rnd = new SplittableRandom(20261124);
        int[] sizes = {1024, 2048, 1536 + 8 * rnd.nextInt(64), 3072};
        for (int bits : sizes) {
            Path k = dir.resolve("rsa" + bits + ".pem");
            assertEquals(0, openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + bits,
                    "-out", k.toString()).exit());
            KEYS.add(k);
        }
        for (String curve : new String[] {"P-256", "P-384", "P-521"}) {
            Path k = dir.resolve("ec-" + curve + ".pem");
            assertEquals(0, openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + curve,
                    "-out", k.toString()).exit());
            KEYS.add(k);
        }
        Path ed = dir.resolve("ed25519.pem");
        assertEquals(0, openssl("genpkey", "-algorithm", "ED25519", "-out", ed.toString()).exit());
        KEYS.add(ed);
    }

    static KeyData read(Path p, String pass) throws IOException {
        return Keys.read(Files.readAllBytes(p), p.getFileName().toString(),
                pass == null ? Passphrase.none() : Passphrase.of(pass.toCharArray()));
    }

    @Test
    void text_privateAndPublic_matchOpensslPkey() throws Exception {
        for (Path k : KEYS) {
            KeyData key = read(k, null);
            assertEquals(openssl("pkey", "-in", k.toString(), "-noout", "-text").out(), KeyText.of(key, false), k
                    .toString());
            Path pub = dir.resolve(k.getFileName() + ".pub.pem");
            openssl("pkey", "-in", k.toString(), "-pubout", "-out", pub.toString());
            assertEquals(openssl("pkey", "-in", pub.toString(), "-pubin", "-noout", "-text").out(),
                    KeyText.of(read(pub, null), false), pub.toString());
        }
    }

    @Test
    void pkcs8_andTraditional_areByteIdenticalWithOpenssl() throws Exception {
        for (Path k : KEYS) {
            KeyData key = read(k, null);
            assertEquals(Files.readString(k), Pem.write("PRIVATE KEY", Keys.pkcs8(key.privateKey())), k.toString());
            Openssl.Out trad = openssl("pkey", "-in", k.toString(), "-traditional");
            if (key.algorithm().equals("ED25519")) {
                assertEquals(1, trad.exit(), "openssl has no traditional Ed25519 form either");
                assertEquals("ED25519 keys have no traditional format; PKCS#8 is their only form",
                        assertThrows(PkiException.class, () -> Keys.traditional(key.privateKey())).getMessage());
                continue;
            }
            PemBlock t = Keys.traditional(key.privateKey());
            assertEquals(trad.out(), Pem.write(t.label(), t.der()), k.toString());
            // and back: the traditional file reads as the same key
            Path tf = dir.resolve(k.getFileName() + ".trad.pem");
            Files.writeString(tf, trad.out());
            assertArrayEquals(Keys.pkcs8(key.privateKey()), Keys.pkcs8(read(tf, null).privateKey()));
            Openssl.Out spki = openssl("pkey", "-in", k.toString(), "-pubout");
            assertEquals(spki.out(), Pem.write("PUBLIC KEY", Keys.spki(key.publicKey())), k.toString());
        }
    }

    @Test
    void encryptedPkcs8_writtenByOpenssl_isReadWithItsParameters() throws Exception {
        Path k = dir.resolve("enc-openssl.pem");
        assertEquals(0, openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024",
                "-aes-256-cbc", "-pass", "pass:foobar", "-out", k.toString()).exit());
        KeyData key = read(k, "foobar");
        assertEquals(KeyFormat.ENCRYPTED_PKCS8, key.format());
        Encryption e = key.encryption().orElseThrow();
        assertEquals("PBES2 PBKDF2 hmacWithSHA256 2048 aes-256-cbc 8",
                String.join(" ", e.scheme(), e.kdf(), e.prf(), "" + e.cost(), e.cipher(), "" + e.salt().length));
        assertEquals(openssl("pkey", "-in", k.toString(), "-passin", "pass:foobar", "-noout", "-text").out(),
                KeyText.of(key, false));
    }

    @Test
    void encryptedPkcs8_writtenByWhale_isReadByOpenssl() throws Exception {
        for (Path k : KEYS) {
            KeyData key = read(k, null);
            String pass = "p" + k.getFileName().hashCode() + " ü";
            Path enc = dir.resolve(k.getFileName() + ".enc.pem");
            Files.writeString(enc, Pem.write("ENCRYPTED PRIVATE KEY",
                    Pkcs8.encrypt(key.privateKey(), pass.toCharArray(), 1000, "aes-256-cbc", new SecureRandom())));
            Openssl.Out o = openssl("pkey", "-in", enc.toString(), "-passin", "pass:" + pass);
            assertEquals(0, o.exit(), o.err());
            assertEquals(Files.readString(k), o.out(), k.toString());
            assertEquals(Files.readString(k), Pem.write("PRIVATE KEY", Keys.pkcs8(read(enc, pass).privateKey())));
        }
    }

    @Test
    void encryptedPkcs8_wrongPassphrase_namesTheFileNotThePassphrase() throws Exception {
        Path k = dir.resolve("enc-wrong.pem");
        openssl("genpkey", "-algorithm", "ED25519", "-aes-256-cbc", "-pass", "pass:right", "-out", k.toString());
        WrongPassphraseException e = assertThrows(WrongPassphraseException.class, () -> read(k, "wrong"));
        assertEquals("wrong passphrase for enc-wrong.pem", e.getMessage());
        PkiException none = assertThrows(PkiException.class, () -> read(k, null));
        assertTrue(none.getMessage().startsWith("enc-wrong.pem is encrypted; give its passphrase"), none.getMessage());
    }

    @Test
    void read_derForms_asOpensslWritesThem() throws Exception {
        for (Path k : KEYS) {
            Path der = dir.resolve(k.getFileName() + ".der");
            openssl("pkey", "-in", k.toString(), "-outform", "DER", "-out", der.toString());
            assertArrayEquals(Keys.pkcs8(read(k, null).privateKey()), Keys.pkcs8(read(der, null).privateKey()));
            Path pubDer = dir.resolve(k.getFileName() + ".pub.der");
            openssl("pkey", "-in", k.toString(), "-pubout", "-outform", "DER", "-out", pubDer.toString());
            assertArrayEquals(Files.readAllBytes(pubDer), Keys.spki(read(pubDer, null).publicKey()));
        }
    }
}
