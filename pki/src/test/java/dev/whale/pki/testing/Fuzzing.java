package dev.whale.pki.testing;

import dev.whale.pki.Inspection;
import dev.whale.pki.Passphrase;
import dev.whale.pki.Pem;
import dev.whale.pki.PemBlock;
import dev.whale.pki.PkiException;
import dev.whale.pki.key.Encryption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The contract of every fuzz target (the {@code *FuzzTest} classes, docs/fuzzing.md): a parser of untrusted bytes
 * returns a result or throws a {@link PkiException} with a message. Any other exception, and an allocation far
 * beyond what the input's size explains (a length field trusted before it was checked), is a bug in the library.
 *
 * <p>It also holds what the targets share: the seed corpora under {@code src/test/resources/fuzz/} and the short,
 * deterministic mutation run that {@code ./whale test} does for each target (Jazzer's own coverage-guided fuzzing runs
 * one target per JVM, so it is left to {@code bench/fuzz-campaign.sh}).
 */
public final class Fuzzing {
    /** The name every target gives its input in messages. */
    public static final String SOURCE = "fuzz.in";
    /** The passphrase of the encrypted seeds (bench/fuzz-seeds.sh), so that fuzzed inputs reach the decrypted key. */
    public static final String PASSPHRASE = "whale-fuzz";
    /** The message that the SSH signature and dgst seeds sign (bench/fuzz-seeds.sh), for the targets that verify. */
    public static final byte[] MESSAGE = "whale fuzz message\n".getBytes(StandardCharsets.US_ASCII);
    /**
     * The highest KDF costs the targets pay: bcrypt rounds (each some milliseconds, tens under load) and PBKDF2
     * iterations. The cost is the file's to choose; whale honours it as OpenSSH and OpenSSL do, so an input asking
     * for more is read without a passphrase instead (the campaign's -timeout=1 found 257 bcrypt rounds: 17 s).
     */
    public static final int MAX_BCRYPT_ROUNDS = 4;
    public static final int MAX_PBKDF2_ITERATIONS = 2048;
    /** Mutants per target in the bounded run of {@code ./whale test}. */
    public static final int MUTANTS = 1500;

    /** Bytes allocated by one input beyond this, plus {@link #ALLOCATION_PER_BYTE} per input byte, are a finding. */
    private static final long ALLOCATION_BASE = 64L << 20;
    private static final long ALLOCATION_PER_BYTE = 4096;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A parse of one input. */
    @FunctionalInterface
    public interface Target {
        void parse(byte[] input) throws Exception;
    }

    private Fuzzing() {}

    /**
     * Runs {@code target} on {@code input} and fails unless it returned or threw a {@link PkiException} with a
     * message; anything else is rethrown as the finding it is.
     */
    public static void check(byte[] input, Target target) {
        long budget = ALLOCATION_BASE + ALLOCATION_PER_BYTE * input.length;
        long allocated = allocatedBy(input, target);
        // The first input down a new path pays for the classes it initialises (BouncyCastle's curve tables are
        // 100 MB of garbage once): only an input that allocates too much a second time is a finding.
        if (allocated > budget && (allocated = allocatedBy(input, target)) > budget) {
            throw new AssertionError("allocated " + allocated + " bytes for an input of " + input.length
                    + " bytes (budget " + budget + "): a length field trusted before it was checked?");
        }
    }

    /** The bytes the current thread allocated while {@code target} parsed {@code input}. */
    private static long allocatedBy(byte[] input, Target target) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            target.parse(input);
        } catch (PkiException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError(e.getClass().getSimpleName() + " without a message", e);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("checked exception out of the library: " + e, e);
        }
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    /**
     * The fixed passphrase, unless the input asks for a KDF cost above the caps above (or its encryption
     * cannot be inspected): then none, and reading fails with a PassphraseException before any derivation.
     */
    public static Passphrase passphrase(byte[] input) {
        try {
            for (Inspection i : Inspection.of(input, SOURCE)) {
                if (tooCostly(i.encryption())) {
                    return Passphrase.none();
                }
            }
        } catch (PkiException e) {
            return Passphrase.none();
        }
        return Passphrase.of(PASSPHRASE.toCharArray());
    }

    /** The fixed passphrase for a key encrypted as {@code encryption} says, unless that costs too much (see above). */
    public static Passphrase passphrase(Optional<Encryption> encryption) {
        return tooCostly(encryption) ? Passphrase.none() : Passphrase.of(PASSPHRASE.toCharArray());
    }

    private static boolean tooCostly(Optional<Encryption> encryption) {
        return encryption.map(e -> e.cost() > (e.kdf().equals("bcrypt") ? MAX_BCRYPT_ROUNDS
                : MAX_PBKDF2_ITERATIONS)).orElse(false);
    }

    /** The text a parser of text sees: the bytes as UTF-8, as the CLI's readers decode files. */
    public static String text(byte[] input) {
        return new String(input, StandardCharsets.UTF_8);
    }

    /**
     * The seeds of {@code kinds} (folders under src/test/resources/fuzz/: keys, ssh, certs, csr…), each file as it
     * is; with {@code der}, PEM files come as the DER of each of their blocks instead.
     */
    public static List<byte[]> seeds(boolean der, String... kinds) {
        List<byte[]> out = new ArrayList<>();
        for (String kind : kinds) {
            for (Path p : files(resource("fuzz/" + kind))) {
                byte[] b = read(p);
                if (der && Pem.looksLikePem(b)) {
                    Pem.read(new String(b, StandardCharsets.ISO_8859_1), p.toString()).forEach(x -> out.add(x.der()));
                } else {
                    out.add(b);
                }
            }
        }
        return out;
    }

    /** One seed file, {@code kind/name} under src/test/resources/fuzz/, for the fixed keys and issuers of a target. */
    public static byte[] seed(String path) {
        Path p = resource("fuzz/" + path);
        if (p == null) {
            throw new IllegalStateException("no seed fuzz/" + path + "; run bench/fuzz-seeds.sh");
        }
        return read(p);
    }

    /** The regression inputs Jazzer keeps for {@code method} of {@code test} (its {@code …FuzzTestInputs} folder). */
    public static List<byte[]> regressionInputs(Class<?> test, String method) {
        String dir = test.getName().replace('.', '/') + "Inputs/" + method;
        return files(resource(dir)).stream().map(Fuzzing::read).toList();
    }

    /**
     * The bounded run of {@code ./whale test}: {@link #MUTANTS} mutants of {@code seeds} and of the regression inputs
     * of {@code test}'s {@code fuzz} method, the same on every run (a fixed random seed), each checked. A failing
     * mutant is reported in base64, to be saved as a regression input.
     */
    public static void mutants(Class<?> test, List<byte[]> seeds, Target target) {
        List<byte[]> all = new ArrayList<>(seeds);
        all.addAll(regressionInputs(test, "fuzz"));
        if (all.isEmpty()) {
            throw new AssertionError("no seeds");
        }
        mutants(all, target);
    }

    private static void mutants(List<byte[]> seeds, Target target) {
        Random random = new Random(0x5eed);
        for (int i = 0; i < MUTANTS; i++) {
            byte[] m = mutant(seeds, random);
            try {
                check(m, target);
            } catch (RuntimeException | Error e) {
                throw new AssertionError("mutant " + i + " fails; save it as a regression input: "
                        + Base64.getEncoder().encodeToString(m), e);
            }
        }
    }

    /** One mutant: a seed, or the DER inside a PEM seed (re-armoured), changed in one to four places. */
    static byte[] mutant(List<byte[]> seeds, Random random) {
        byte[] seed = seeds.get(random.nextInt(seeds.size()));
        if (Pem.looksLikePem(seed) && random.nextBoolean()) {
            try {
                PemBlock b = Pem.read(new String(seed, StandardCharsets.ISO_8859_1), SOURCE).get(0);
                byte[] der = change(b.der(), seeds, random);
                return Pem.write(new PemBlock(b.label(), b.headers(), der), 64).getBytes(StandardCharsets.ISO_8859_1);
            } catch (PkiException e) {
                // an earlier mutant's PEM; change it as bytes
            }
        }
        return change(seed, seeds, random);
    }

    private static byte[] change(byte[] in, List<byte[]> seeds, Random random) {
        byte[] b = in.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            if (b.length == 0) {
                b = new byte[] {(byte) random.nextInt(256)};
                continue;
            }
            int at = random.nextInt(b.length);
            switch (random.nextInt(7)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) new int[] {0x00, 0x01, 0x7f, 0x80, 0x81, 0x82, 0x84, 0xff}[random.nextInt(8)];
                case 2 -> b = Arrays.copyOf(b, at); // truncated
                case 3 -> { // a byte inserted
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = (byte) random.nextInt(256);
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
                case 4 -> { // a range removed
                    int n = 1 + random.nextInt(Math.min(16, b.length - at));
                    byte[] c = new byte[b.length - n];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + n, c, at, b.length - at - n);
                    b = c;
                }
                case 5 -> { // four bytes set to a big-endian length, as in SSH's wire format
                    int v = new int[] {0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x10000}[random.nextInt(6)];
                    for (int k = 0; k < 4 && at + k < b.length; k++) {
                        b[at + k] = (byte) (v >>> (24 - 8 * k));
                    }
                }
                default -> { // a piece of another seed spliced in
                    byte[] other = seeds.get(random.nextInt(seeds.size()));
                    if (other.length > 0) {
                        int from = random.nextInt(other.length);
                        int n = Math.min(other.length - from, 1 + random.nextInt(64));
                        byte[] c = Arrays.copyOf(b, at + n + (b.length - at));
                        System.arraycopy(other, from, c, at, n);
                        System.arraycopy(b, at, c, at + n, b.length - at);
                        b = c;
                    }
                }
            }
        }
        return b;
    }

    private static Path resource(String name) {
        URL url = Fuzzing.class.getClassLoader().getResource(name);
        if (url == null) {
            return null;
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> files(Path dir) {
        if (dir == null) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
