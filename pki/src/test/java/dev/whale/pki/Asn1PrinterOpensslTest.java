package dev.whale.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.whale.pki.internal.Oids;
import dev.whale.pki.testing.DerBytes;
import dev.whale.pki.testing.Openssl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Asn1Printer against the real {@code openssl asn1parse}: keys and certificates made fresh by openssl with random
 * parameters, the system trust store, every object name OpenSSL knows, and hand-made DER and BER with every tag
 * and every malformed value that OpenSSL still prints. Each comparison is byte for byte on stdout.
 */
class Asn1PrinterOpensslTest {
    @TempDir
    static Path dir;

    /** Printed in every failure, so that a run with other random sizes can be repeated. */
    static final long SEED = System.nanoTime();
    static final Random RANDOM = new Random(SEED);

    static ExecutorService pool;
    static final List<Path> PEM = new ArrayList<>();
    static final List<Path> DER = new ArrayList<>();
    static final List<Path> PKCS8 = new ArrayList<>();
    static final List<Path> CERTS = new ArrayList<>();

    record Result(int exit, byte[] out, String err) {}

    @BeforeAll
    static void generate() throws Exception {
        pool = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors()));
        List<CompletableFuture<Void>> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int bits = 512 + RANDOM.nextInt(1537);
            Path p8 = dir.resolve("rsa-" + bits + "-pkcs8.pem");
            Path p1 = dir.resolve("rsa-" + bits + "-pkcs1.pem");
            jobs.add(async(() -> {
                make("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + bits, "-out", p8);
                make("pkey", "-in", p8, "-traditional", "-out", p1);
                make("pkey", "-in", p8, "-pubout", "-out", dir.resolve("rsa-" + bits + "-pub.pem"));
                make("rsa", "-in", p8, "-RSAPublicKey_out", "-out", dir.resolve("rsa-" + bits + "-rsapub.pem"));
            }, p8, p1, dir.resolve("rsa-" + bits + "-pub.pem"), dir.resolve("rsa-" + bits + "-rsapub.pem")));
            PKCS8.add(p8);
        }
        int encBits = 1024 + 8 * RANDOM.nextInt(64);
        Path enc = dir.resolve("rsa-" + encBits + "-enc.pem");
        jobs.add(async(() -> make("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + encBits,
                "-aes-256-cbc", "-pass", "pass:x", "-out", enc), enc));
        for (String curve : List.of("P-256", "P-384")) {
            Path k = dir.resolve("ec-" + curve + ".pem");
            Path sec1 = dir.resolve("ec-" + curve + "-sec1.pem");
            Path pub = dir.resolve("ec-" + curve + "-pub.pem");
            jobs.add(async(() -> {
                make("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + curve, "-out", k);
                make("pkey", "-in", k, "-traditional", "-out", sec1);
                make("pkey", "-in", k, "-pubout", "-out", pub);
            }, k, sec1, pub));
            PKCS8.add(k);
        }
        Path ed = dir.resolve("ed25519.pem");
        Path edPub = dir.resolve("ed25519-pub.pem");
        jobs.add(async(() -> {
            make("genpkey", "-algorithm", "ED25519", "-out", ed);
            make("pkey", "-in", ed, "-pubout", "-out", edPub);
        }, ed, edPub));
        PKCS8.add(ed);
        for (int n = 0; n < 2; n++) {
            int i = n;
            String key = i == 0 ? "rsa:" + (1024 + 8 * RANDOM.nextInt(128)) : "ec";
            String days = Integer.toString(1 + RANDOM.nextInt(20000));
            String cn = "/CN=h\u00e9llo-" + Long.toHexString(RANDOM.nextLong()) + "/O=Whale, Inc./C=DE";
            Path cert = dir.resolve("cert-" + i + ".pem");
            Path certDer = dir.resolve("cert-" + i + ".der");
            Path csr = dir.resolve("csr-" + i + ".pem");
            List<Object> req = new ArrayList<>(List.of("req", "-x509", "-newkey", key, "-nodes", "-utf8",
                    "-subj", cn, "-days", days, "-keyout", dir.resolve("cert-" + i + "-key.pem"),
                    "-addext", "subjectAltName=DNS:a.example,IP:1.2.3." + RANDOM.nextInt(256)
                            + ",email:x@example.org,URI:https://example.org/",
                    "-addext", "keyUsage=critical,digitalSignature,keyEncipherment",
                    "-addext", "extendedKeyUsage=serverAuth,clientAuth",
                    "-addext", "certificatePolicies=1.2.3.4." + RANDOM.nextInt(100000),
                    "-out", cert));
            if (i == 1) {
                req.addAll(List.of("-pkeyopt", "ec_paramgen_curve:P-256"));
            }
            jobs.add(async(() -> {
                make(req.toArray());
                make("x509", "-in", cert, "-outform", "DER", "-out", certDer);
                make("req", "-new", "-key", dir.resolve("cert-" + i + "-key.pem"), "-subj", "/CN=req" + i,
                        "-out", csr);
            }, cert, csr));
            DER.add(certDer);
            CERTS.add(cert);
        }
        CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new)).join();
        Path cms = dir.resolve("cms-streamed.der");
        Files.writeString(dir.resolve("msg.txt"), "hello whale\n");
        make("cms", "-sign", "-in", dir.resolve("msg.txt"), "-signer", CERTS.get(0), "-inkey",
                dir.resolve("cert-0-key.pem"), "-outform", "DER", "-stream", "-out", cms);
        DER.add(cms);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    @Test
    void generatedKeysAndCertificates_matchOpenssl() {
        List<Comparison> all = new ArrayList<>();
        for (Path p : PEM) {
            all.add(new Comparison(p, false));
            all.add(new Comparison(p, false, "-i"));
        }
        for (Path p : DER) {
            all.add(new Comparison(p, true));
            all.add(new Comparison(p, true, "-i"));
        }
        assertTrue(PEM.size() >= 20, "inputs: " + PEM);
        assertEquals(0, compare(all));
    }

    @Test
    void systemTrustStore_matchesOpenssl() throws IOException {
        List<Path> certs;
        try (Stream<Path> s = Files.list(Path.of("/etc/ssl/certs"))) {
            certs = s.filter(p -> p.getFileName().toString().endsWith(".pem")).sorted().toList();
        }
        assertTrue(certs.size() >= 100, "expected the ca-certificates package in /etc/ssl/certs, found "
                + certs.size() + " files: apt-get install ca-certificates");
        List<Comparison> all = new ArrayList<>();
        for (Path p : certs) {
            all.add(new Comparison(p, false));
            all.add(new Comparison(p, false, "-i"));
            all.add(new Comparison(p, false, "-strparse", bitStringOfPublicKey(p)));
        }
        // Only the -strparse of an EC key (a point, not DER) may fail, on both sides.
        int refused = compare(all);
        assertTrue(refused < certs.size() / 2, refused + " of " + certs.size() + " certificates refused");
    }

    @Test
    void strparse_matchesOpenssl() {
        List<Comparison> all = new ArrayList<>();
        for (Path p : PKCS8) {
            String at = firstOffset(p, " d=1 ", "OCTET STRING");
            all.add(new Comparison(p, false, "-strparse", at));
            all.add(new Comparison(p, false, "-strparse", at, "-i"));
        }
        // An EC public key is a point, not DER: only the RSA certificate's key parses.
        all.add(new Comparison(CERTS.get(0), false, "-strparse", bitStringOfPublicKey(CERTS.get(0))));
        for (Path p : CERTS) {
            // The TBSCertificate SEQUENCE, then its version [0].
            all.add(new Comparison(p, false, "-strparse", "4", "-strparse", "4"));
        }
        assertEquals(0, compare(all));
    }

    /** Every OID of oids.txt in one SEQUENCE, plus unknown ones with arcs beyond 64 bits. */
    @Test
    void everyObjectName_matchesOpenssl() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = Oids.class.getResourceAsStream("oids.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("#")) {
                    body.writeBytes(DerBytes.tlv(0x06, DerBytes.oid(line.split("\t")[0])));
                }
            }
        }
        for (String oid : List.of("2.999.3", "2.100.259", "1.2.840.113549.99999999999999999999999.1", "0.0",
                "2.184467440737095516150")) {
            body.writeBytes(DerBytes.tlv(0x06, DerBytes.oid(oid)));
        }
        assertTrue(Oids.size() > 1000, "objects: " + Oids.size());
        Path der = write("oids.der", DerBytes.tlv(0x30, body.toByteArray()));
        assertEquals(0, compare(List.of(new Comparison(der, true))));
    }

    /**
     * golden/asn1-tags.der: each universal tag, the tagged classes, BER, and the malformed values OpenSSL prints
     * without failing; with every formatting option.
     */
    @Test
    void everyTagAndBadValue_matchesOpenssl() throws Exception {
        HexFormat hex = HexFormat.of();
        Path der = Path.of(Asn1PrinterOpensslTest.class.getResource("/golden/asn1-tags.der").toURI());
        byte[] bigOid = new byte[600];
        Arrays.fill(bigOid, (byte) 1);
        bigOid[0] = 0x2a;
        Path big = write("big-oid.der", DerBytes.tlv(0x06, bigOid));
        Path top = write("top-eoc.der", hex.parseHex("00003000020101"));
        Path twoTop = write("two-top.der", hex.parseHex("3003020101" + "300502010a0000"));
        assertEquals(0, compare(List.of(new Comparison(der, true), new Comparison(der, true, "-i"),
                new Comparison(der, true, "-dump"), new Comparison(der, true, "-dlimit", "5", "-i"),
                new Comparison(der, true, "-offset", "4"), new Comparison(big, true), new Comparison(top, true),
                new Comparison(twoTop, true), new Comparison(twoTop, true, "-offset", "5"),
                new Comparison(twoTop, true, "-length", "5"))));
    }

    /** One whale-versus-openssl run: a file, its form, the options. */
    record Comparison(Path file, boolean der, String... flags) {
        @Override
        public String toString() {
            return "openssl asn1parse -inform " + (der ? "der" : "pem") + " -in " + file + " "
                    + String.join(" ", flags);
        }
    }

    /** What one comparison found: the same bytes, a failure on both sides, or where whale and openssl part. */
    record Outcome(boolean bothFailed, String difference) {}

    /**
     * Runs every comparison (openssl in parallel), fails with all the differences at once, and returns how many
     * inputs both openssl and whale refused.
     */
    static int compare(List<Comparison> all) {
        List<CompletableFuture<Outcome>> runs = all.stream()
                .map(c -> CompletableFuture.supplyAsync(() -> outcome(c), pool)).toList();
        List<Outcome> outcomes = runs.stream().map(CompletableFuture::join).toList();
        List<String> failures = outcomes.stream().map(Outcome::difference).filter(d -> d != null).toList();
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + all.size() + " inputs differ from openssl (seed " + SEED + "):\n"
                    + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        }
        int refused = (int) outcomes.stream().filter(Outcome::bothFailed).count();
        System.out.println(all.size() + " comparisons with openssl, " + refused + " refused by both");
        return refused;
    }

    static Outcome outcome(Comparison c) {
        List<String> args = new ArrayList<>(List.of("asn1parse", "-inform", c.der() ? "der" : "pem", "-in",
                c.file().toString()));
        args.addAll(List.of(c.flags()));
        Result want = openssl(args.toArray());
        byte[] got;
        try {
            got = printer(c.flags()).print(input(c.file(), c.der()), c.file().toString());
        } catch (PkiException e) {
            // whale fails where openssl fails, with one line instead of partial output and an error stack.
            return want.exit() != 0 ? new Outcome(true, null)
                    : new Outcome(false, c + ": whale failed: " + e.getMessage());
        }
        if (want.exit() != 0) {
            return new Outcome(false, c + ": openssl failed (" + want.exit() + ") where whale printed:\n"
                    + new String(got, StandardCharsets.UTF_8) + want.err());
        }
        if (Arrays.equals(got, want.out())) {
            return new Outcome(false, null);
        }
        String[] g = new String(got, StandardCharsets.ISO_8859_1).split("\n", -1);
        String[] w = new String(want.out(), StandardCharsets.ISO_8859_1).split("\n", -1);
        for (int i = 0; i < Math.max(g.length, w.length); i++) {
            String gl = i < g.length ? g[i] : "<end>";
            String wl = i < w.length ? w[i] : "<end>";
            if (!gl.equals(wl)) {
                return new Outcome(false, c + ": line " + (i + 1) + "\n  openssl: [" + wl + "]\n  whale:   [" + gl
                        + "]");
            }
        }
        return new Outcome(false, c + ": differs");
    }

    static Asn1Printer printer(String... flags) {
        Asn1Printer.Builder b = Asn1Printer.builder();
        for (int i = 0; i < flags.length; i++) {
            switch (flags[i]) {
                case "-i" -> b.indent(true);
                case "-dump" -> b.dumpAll();
                case "-dlimit" -> b.dumpLimit(Integer.parseInt(flags[++i]));
                case "-strparse" -> b.strparse(Integer.parseInt(flags[++i]));
                case "-offset" -> b.offset(Integer.parseInt(flags[++i]));
                case "-length" -> b.length(Integer.parseInt(flags[++i]));
                default -> throw new IllegalArgumentException("flag not handled by this test: " + flags[i]);
            }
        }
        return b.build();
    }

    static byte[] input(Path file, boolean der) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return der ? bytes : Pem.read(new String(bytes, StandardCharsets.ISO_8859_1), file.toString()).get(0)
                    .der();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The offset of the subjectPublicKey BIT STRING of a certificate, from openssl's own listing. */
    static String bitStringOfPublicKey(Path cert) {
        return firstOffset(cert, " d=3 ", "BIT STRING");
    }

    static String firstOffset(Path file, String depth, String tag) {
        String listing = new String(openssl("asn1parse", "-in", file.toString()).out(), StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("(?m)^ *(\\d+):d=" + depth.strip().substring(2) + " .*" + Pattern.quote(tag))
                .matcher(listing);
        assertTrue(m.find(), "no " + tag + " at" + depth + "in " + file + ":\n" + listing);
        return m.group(1);
    }

    static Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    interface Job {
        void run() throws Exception;
    }

    /** Runs {@code job} on the pool; the files it makes are compared as PEM once it is done. */
    static CompletableFuture<Void> async(Job job, Path... pems) {
        synchronized (PEM) {
            PEM.addAll(List.of(pems));
        }
        return CompletableFuture.runAsync(() -> {
            try {
                job.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, pool);
    }

    /** Runs openssl with {@code args} (paths allowed) and fails the test when it does not succeed. */
    static void make(Object... args) {
        Result r = openssl(args);
        assertEquals(0, r.exit(), () -> "openssl " + Arrays.toString(args) + ": " + r.err());
    }

    static Result openssl(Object... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Openssl.path());
        for (Object a : args) {
            cmd.add(a.toString());
        }
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            byte[] out = readAll(p.getInputStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("openssl timed out: " + cmd);
            }
            return new Result(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
