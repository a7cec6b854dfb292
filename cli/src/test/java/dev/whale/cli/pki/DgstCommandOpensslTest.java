package dev.whale.cli.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.whale.cli.Run;
import dev.whale.pki.testing.Openssl;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** whale pki dgst beside openssl dgst on random files: digests, formats, signatures both ways. */
class DgstCommandOpensslTest {
    @TempDir
    static Path dir;

    static final Random RANDOM = new Random();

    static String f(String name) {
        return dir.resolve(name).toString();
    }

    static Run whale(String... args) {
        List<String> a = new ArrayList<>(List.of("dgst"));
        a.addAll(List.of(args));
        return OpensslSide.whale(a.toArray(String[]::new));
    }

    static void assertSame(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("dgst"));
        a.addAll(List.of(args));
        OpensslSide.assertSame(dir, false, a.toArray(String[]::new));
    }

    static Openssl.Out openssl(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("dgst"));
        a.addAll(List.of(args));
        return Openssl.text(dir, a.toArray(String[]::new));
    }

    @BeforeAll
    static void files() throws Exception {
        // Sizes around the block sizes and the 1 MiB read buffer.
        int[] sizes = {0, 1, 55, 64, 135, 1000, (1 << 20) + RANDOM.nextInt(5000)};
        for (int i = 0; i < sizes.length; i++) {
            byte[] b = new byte[sizes[i]];
            RANDOM.nextBytes(b);
            Files.write(dir.resolve("f" + i + ".bin"), b);
        }
        Openssl.text(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + (1024 + 8 * RANDOM.nextInt(
                64)), "-out", f("rsa.pem"));
        String curve = List.of("P-256", "P-384", "P-521").get(RANDOM.nextInt(3));
        Openssl.text(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + curve, "-out", f("ec.pem"));
        Openssl.text(dir, "genpkey", "-algorithm", "ED25519", "-out", f("ed.pem"));
        for (String k : List.of("rsa", "ec", "ed")) {
            Openssl.text(dir, "pkey", "-in", f(k + ".pem"), "-pubout", "-out", f(k + ".pub"));
        }
    }

    @Test
    void digests_everyDigestOfTheList_printWhatOpensslPrints() throws Exception {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            files.add("f" + i + ".bin");
        }
        for (String d : List.of("sha1", "sha224", "sha256", "sha384", "sha512", "sha512-224", "sha512-256", "sha3-224",
                "sha3-256", "sha3-384", "sha3-512", "shake128", "shake256", "md5", "md5-sha1", "ripemd160", "rmd160",
                "ripemd", "blake2b512", "blake2s256", "sm3", "ssl3-md5", "ssl3-sha1", "SHA256", "sha2-256")) {
            List<String> args = new ArrayList<>(List.of("-" + d));
            args.addAll(files.stream().map(DgstCommandOpensslTest::f).toList());
            assertSame(args.toArray(String[]::new));
        }
    }

    @Test
    void formats_rAndCAndHexAndXoflen_printWhatOpensslPrints() throws Exception {
        assertSame(f("f3.bin"));
        assertSame("-r", "-sha1", f("f3.bin"), f("f4.bin"));
        assertSame("-c", "-md5", f("f3.bin"));
        assertSame("-hex", "-c", "-r", "-sha256", f("f3.bin"));
        assertSame("-r", "-c", "-sha256", f("f3.bin"));
        assertSame("-shake256", "-xoflen", String.valueOf(1 + RANDOM.nextInt(100)), f("f5.bin"));
        assertSame("-list");
    }

    @Test
    void binaryAndOut_writeTheBytesOpensslWrites() throws Exception {
        openssl("-sha384", "-binary", "-out", f("o.bin"), f("f6.bin"));
        assertEquals(0, whale("-sha384", "-binary", "-out", f("w.bin"), f("f6.bin")).exit());
        assertArrayEquals(Files.readAllBytes(dir.resolve("o.bin")), Files.readAllBytes(dir.resolve("w.bin")));
        openssl("-sha1", "-out", f("o.txt"), f("f6.bin"));
        assertEquals(0, whale("-sha1", "-out", f("w.txt"), f("f6.bin")).exit());
        assertEquals(Files.readString(dir.resolve("o.txt")), Files.readString(dir.resolve("w.txt")));
    }

    @Test
    void stdin_isNamedStdin() throws Exception {
        byte[] data = Files.readAllBytes(dir.resolve("f5.bin"));
        Openssl.Out o = Openssl.bash(dir, "openssl dgst -sha512 < f5.bin; openssl dgst -r < f5.bin");
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(data));
            String a = whale("-sha512").out();
            System.setIn(new ByteArrayInputStream(data));
            assertEquals(o.out(), a + whale("-r").out());
        } finally {
            System.setIn(saved);
        }
    }

    /** Random keys of every length around the block sizes (64, 72, 104, 128, 136, 144), with every digest. */
    @Test
    void hmac_everyDigestAndKeyLength_printsWhatOpensslPrints() throws Exception {
        List<String> files = List.of(f("f0.bin"), f("f3.bin"), f("f6.bin"));
        for (String d : List.of("sha1", "sha224", "sha256", "sha384", "sha512", "sha512-224", "sha512-256", "sha3-224",
                "sha3-256", "sha3-384", "sha3-512", "md5", "md5-sha1", "ripemd160", "blake2b512", "blake2s256", "sm3",
                "ssl3-md5")) {
            String key = randomKey(RANDOM.nextInt(200));
            List<String> args = new ArrayList<>(List.of("-" + d, "-hmac", key));
            args.addAll(files);
            assertSame(args.toArray(String[]::new));
            byte[] hex = new byte[1 + RANDOM.nextInt(199)]; // an empty -macopt key is an error, tested below
            RANDOM.nextBytes(hex);
            assertSame("-" + d, "-mac", "HMAC", "-macopt", "hexkey:" + HexFormat.of().formatHex(hex),
                    f("f4.bin"));
        }
        assertSame("-hmac", "", f("f2.bin"));
        assertSame("-hmac", randomKey(30), "-r", f("f2.bin"));
        assertSame("-hmac", randomKey(30), "-c", "-sha512", f("f2.bin"));
        assertSame("-sha384", "-mac", "hmac", "-macopt", "key:" + randomKey(70), f("f5.bin"));
        assertSame("-sha256", "-mac", "HMAC", "-macopt", "hexkey:6b:65:79", f("f5.bin"));
        openssl("-sha512", "-hmac", "k", "-binary", "-out", f("o.mac"), f("f6.bin"));
        assertEquals(0, whale("-sha512", "-hmac", "k", "-binary", "-out", f("w.mac"), f("f6.bin")).exit());
        assertArrayEquals(Files.readAllBytes(dir.resolve("o.mac")), Files.readAllBytes(dir.resolve("w.mac")));
    }

    /** Letters and digits only: the key goes through a shell command line in the stdin test. */
    private static String randomKey(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".charAt(RANDOM.nextInt(62)));
        }
        return sb.toString();
    }

    /** On standard input OpenSSL names only the digest, also for an HMAC or a signature. */
    @Test
    void stdin_hmacAndSignature_areLabelledWithTheDigestAlone() throws Exception {
        byte[] data = Files.readAllBytes(dir.resolve("f4.bin"));
        String key = randomKey(20);
        String[][] cases = {{"-hmac", key}, {"-sha512", "-hmac", key}, {"-sign", f("rsa.pem"), "-hex"},
            {"-sha1", "-sign", f("rsa.pem"), "-hex"}};
        InputStream saved = System.in;
        try {
            for (String[] c : cases) {
                Openssl.Out o = Openssl.bash(dir, "openssl dgst " + String.join(" ", c) + " < f4.bin");
                System.setIn(new ByteArrayInputStream(data));
                assertEquals(o.out(), whale(c).out(), String.join(" ", c));
            }
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void sign_rsaIsByteIdentical_ecdsaVerifiesBothWays() throws Exception {
        for (String d : List.of("sha256", "sha1", "sha512", "sha3-256", "md5")) {
            assertSame("-" + d, "-sign", f("rsa.pem"), "-hex", f("f4.bin"));
            for (String k : List.of("rsa", "ec")) {
                Run w = whale("-" + d, "-sign", f(k + ".pem"), "-out", f("w.sig"), f("f5.bin"));
                assertEquals(0, w.exit(), w.err());
                assertSame("-" + d, "-verify", f(k + ".pub"), "-signature", f("w.sig"), f("f5.bin"));
                assertEquals("Verified OK\n", openssl("-" + d, "-verify", f(k + ".pub"), "-signature", f("w.sig"),
                        f("f5.bin")).out());
                openssl("-" + d, "-sign", f(k + ".pem"), "-out", f("o.sig"), f("f5.bin"));
                assertSame("-" + d, "-verify", f(k + ".pub"), "-signature", f("o.sig"), f("f5.bin"));
                assertSame("-" + d, "-prverify", f(k + ".pem"), "-signature", f("o.sig"), f("f5.bin"));
                // Another file: "Verification failure" and exit 1.
                assertSame("-" + d, "-verify", f(k + ".pub"), "-signature", f("o.sig"), f("f4.bin"));
            }
        }
        assertSame("-blake2b512", "-verify", f("ec.pub"), "-signature", f("o.sig"), f("f4.bin"));
    }

    /** RSA-PSS with random digests, salts and MGF1 digests: each tool verifies what the other signs. */
    @Test
    void pss_eachToolVerifiesTheOthersSignature_andSaltLengthsAreChecked() throws Exception {
        List<String> digests = List.of("sha256", "sha1", "sha384", "sha512", "sha3-256", "sha224");
        List<String> salts = List.of("digest", "max", "auto", "-1", "-2", "-3", "0",
                String.valueOf(RANDOM.nextInt(21)));
        for (int i = 0; i < 8; i++) {
            String d = "-" + digests.get(RANDOM.nextInt(digests.size()));
            List<String> opts = new ArrayList<>(List.of("-sigopt", "rsa_padding_mode:pss"));
            if (RANDOM.nextBoolean()) {
                opts.addAll(List.of("-sigopt", "rsa_pss_saltlen:" + salts.get(RANDOM.nextInt(salts.size()))));
            }
            if (RANDOM.nextBoolean()) {
                opts.addAll(List.of("-sigopt", "rsa_mgf1_md:" + digests.get(RANDOM.nextInt(digests.size()))));
            }
            String[] o = opts.toArray(String[]::new);
            Run w = whale(args(d, o, "-sign", f("rsa.pem"), "-out", f("w.sig"), f("f5.bin")));
            assertEquals(0, w.exit(), String.join(" ", o) + ": " + w.err());
            assertEquals("Verified OK\n", openssl(args(d, o, "-verify", f("rsa.pub"), "-signature", f("w.sig"),
                    f("f5.bin"))).out(), String.join(" ", o));
            openssl(args(d, o, "-sign", f("rsa.pem"), "-out", f("o.sig"), f("f5.bin")));
            assertSame(args(d, o, "-verify", f("rsa.pub"), "-signature", f("o.sig"), f("f5.bin")));
            assertSame(args(d, o, "-prverify", f("rsa.pem"), "-signature", f("o.sig"), f("f5.bin")));
            // PKCS#1 v1.5 does not accept a PSS signature, nor a fixed salt length another one.
            assertSame(d, "-verify", f("rsa.pub"), "-signature", f("o.sig"), f("f5.bin"));
        }
        openssl("-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:max", "-sign", f("rsa.pem"),
                "-out", f("max.sig"), f("f5.bin"));
        for (String salt : List.of("digest", "max", "auto", "0", "32")) {
            assertSame("-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:" + salt, "-verify",
                    f("rsa.pub"), "-signature", f("max.sig"), f("f5.bin"));
        }
        // Options in any order, where OpenSSL wants the padding mode first.
        assertEquals("Verified OK\n", whale("-sha256", "-sigopt", "rsa_pss_saltlen:max", "-sigopt",
                "rsa_padding_mode:PSS", "-verify", f("rsa.pub"), "-signature", f("max.sig"), f("f5.bin")).out());
    }

    private static String[] args(String digest, String[] opts, String... rest) {
        List<String> a = new ArrayList<>(List.of(digest));
        a.addAll(List.of(opts));
        a.addAll(List.of(rest));
        return a.toArray(String[]::new);
    }

    @Test
    void errors_oneLineWithOpensslsExitCode() throws Exception {
        String[][] cases = {
            {"-sign " + f("ed.pem") + " " + f("f1.bin"), "whale pki dgst: " + f("ed.pem") + ": ED25519 keys sign "
                + "whole messages, not digests (OpenSSL: Key type not supported for this operation)"},
            {"-verify " + f("ed.pub") + " -signature " + f("rsa.pem") + " " + f("f1.bin"), "whale pki dgst: "
                + f("ed.pub") + ": ED25519 keys sign whole messages, not digests (OpenSSL: Key type not supported for "
                + "this operation)"},
            {"-md4 " + f("f1.bin"), "whale pki dgst: Error setting digest: md4 is only in OpenSSL's legacy provider, "
                + "which OpenSSL 3.0 does not load by default"},
            {"-sha256 -xoflen 5 " + f("f1.bin"), "whale pki dgst: Length can only be specified for XOF"},
            {"-verify " + f("rsa.pub") + " " + f("f1.bin"), "whale pki dgst: No signature to verify: use the "
                + "-signature option"},
            {"-verify " + f("rsa.pem") + " -signature " + f("rsa.pem") + " " + f("f1.bin"),
                "whale pki dgst: Could not read public key from " + f("rsa.pem")},
            {"-sign " + f("rsa.pem") + " " + f("f1.bin") + " " + f("f2.bin"),
                "whale pki dgst: Can only sign or verify one file."},
            {"-blake2s256 -sign " + f("rsa.pem") + " " + f("f1.bin"), "whale pki dgst: " + f("rsa.pem")
                + ": RSA signatures cannot use BLAKE2S-256 (OpenSSL: Error setting context)"},
            {"-hmac k -sign " + f("rsa.pem") + " " + f("f1.bin"),
                "whale pki dgst: MAC and signing key cannot both be specified"},
            {"-sha256 -hmac k -mac HMAC " + f("f1.bin"),
                "whale pki dgst: MAC and signing key cannot both be specified"},
            {"-shake128 -hmac k " + f("f1.bin"), "whale pki dgst: HMAC needs a digest of fixed length; SHAKE-128 is "
                + "an extendable-output function"},
            {"-mac HMAC -macopt key:k " + f("f1.bin"), "whale pki dgst: -mac HMAC needs a digest, as in OpenSSL 3.0: "
                + "add -sha256 or another of 'whale pki dgst -list'"},
            {"-sha256 -mac HMAC " + f("f1.bin"), "whale pki dgst: -mac HMAC needs a key: -macopt key:KEY or -macopt "
                + "hexkey:HEX"},
            {"-sha256 -mac CMAC -macopt key:k " + f("f1.bin"), "whale pki dgst: -mac CMAC is not supported: whale "
                + "computes HMAC (-hmac KEY, or -mac HMAC -macopt key:KEY)"},
            {"-sigopt rsa_padding_mode:pss -sign " + f("ec.pem") + " " + f("f1.bin"), "whale pki dgst: Signature "
                + "parameter error: -sigopt rsa_padding_mode:pss is for RSA keys, and this key is EC"},
            {"-sigopt bogus:1 -sign " + f("rsa.pem") + " " + f("f1.bin"), "whale pki dgst: Signature parameter error: "
                + "bogus:1 is not one of rsa_padding_mode, rsa_pss_saltlen and rsa_mgf1_md"},
            {"-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-4 -sign " + f("rsa.pem") + " " + f("f1.bin"),
                "whale pki dgst: Signature parameter error: rsa_pss_saltlen -4 is not digest, max, auto or a number "
                + "of bytes"},
            {"-sigopt rsa_padding_mode:none -sign " + f("rsa.pem") + " " + f("f1.bin"), "whale pki dgst: Signature "
                + "parameter error: rsa_padding_mode none is not supported; whale signs with pkcs1 (the default) or "
                + "pss"},
            {"-sigopt rsa_pss_saltlen:20 -sign " + f("rsa.pem") + " " + f("f1.bin"), "whale pki dgst: Signature "
                + "parameter error: rsa_pss_saltlen and rsa_mgf1_md need -sigopt rsa_padding_mode:pss"},
            {"-sigopt rsa_padding_mode:pss -hmac k " + f("f1.bin"), "whale pki dgst: -sigopt is for -sign, -verify "
                + "and -prverify, not for a MAC"},
            // The key is a secret: a bad one is described, never shown.
            {"-sha256 -mac HMAC -macopt hexkey:zz5ecret " + f("f1.bin"), "whale pki dgst: MAC parameter error: the "
                + "value of hexkey is not hex (an even number of digits, with or without colons)"},
            {"-sha256 -mac HMAC -macopt s3cret " + f("f1.bin"), "whale pki dgst: MAC parameter error: an option is "
                + "not one of key:KEY and hexkey:HEX"},
            {"-sha256 -mac HMAC -macopt hexkey: " + f("f1.bin"), "whale pki dgst: MAC parameter error: the key of "
                + "-macopt is empty"},
            {"-sha256 -mac HMAC -macopt key: " + f("f1.bin"), "whale pki dgst: MAC parameter error: the key of "
                + "-macopt is empty"},
        };
        for (String[] c : cases) {
            Openssl.Out o = openssl(c[0].split(" "));
            Run w = whale(c[0].split(" "));
            w.assertOneLineError(o.exit(), c[1]);
        }
        // A usage error exits 2, as every whale command does (openssl exits 1).
        whale("-mdc2", f("f1.bin")).assertOneLineError(2, "whale pki dgst: Unknown option or message digest: mdc2");
        // A missing file is reported and the others are still digested, as openssl does.
        Run w = whale("-sha256", f("nope.bin"), f("f1.bin"));
        assertEquals(openssl("-sha256", f("nope.bin"), f("f1.bin")).out(), w.out());
        assertEquals("whale pki dgst: " + f("nope.bin") + ": No such file or directory\n", w.err());
        assertEquals(1, w.exit());
        assertFalse(Files.exists(dir.resolve("never.sig")));
    }
}
