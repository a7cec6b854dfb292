package dev.whale.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The libmemcached profiles against the real libmemcached: a small C program (test resource
 * {@code peers/libmemcached-place.c}), compiled here against Debian's libmemcached-dev, asks
 * {@code memcached_generate_hash} where each key goes under {@code MEMCACHED_BEHAVIOR_KETAMA} or
 * {@code MEMCACHED_BEHAVIOR_KETAMA_WEIGHTED}, and every key must land where the profile says.
 */
class LibmemcachedPeerTest {
    private static Path program;

    @BeforeAll
    static void compile() throws Exception {
        Path gcc = Peer.require("gcc", "gcc");
        Path pkgConfig = Peer.require("pkg-config", "pkg-config");
        Peer.Result flags = Peer.run(List.of(pkgConfig.toString(), "--cflags", "--libs", "libmemcached"), null);
        if (flags.exit() != 0) {
            fail("libmemcached's headers are not installed; this test compares with the real library:"
                    + " apt-get install libmemcached-dev (" + flags.err().strip() + ")");
        }
        Path dir = Files.createTempDirectory("libmemcached-peer");
        Path source = dir.resolve("libmemcached-place.c");
        try (InputStream in = LibmemcachedPeerTest.class.getResourceAsStream("/peers/libmemcached-place.c")) {
            Files.write(source, in.readAllBytes());
        }
        program = dir.resolve("libmemcached-place");
        List<String> cc = new ArrayList<>(List.of(gcc.toString(), "-O2", "-o", program.toString(), source.toString()));
        cc.addAll(List.of(flags.out().strip().split("\\s+")));
        Peer.Result built = Peer.run(cc, dir);
        assertEquals(0, built.exit(), "compiling " + source + ": " + built.err());
    }

    @Test
    void ketama_matchesLibmemcached_onRandomAndNonAsciiKeys() throws Exception {
        compare(Profile.LIBMEMCACHED_KETAMA, "ketama",
                List.of("127.0.0.1:11211", "127.0.0.1:11212", "cache-c.example:11211", "10.1.2.3:11300"),
                keys(707, 20_000));
    }

    @Test
    void ketama_hundredServers_matchesLibmemcached() throws Exception {
        compare(Profile.LIBMEMCACHED_KETAMA, "ketama", servers(100, 1), keys(808, 50_000));
    }

    @Test
    void ketamaWeighted_matchesLibmemcached_withWeights() throws Exception {
        compare(Profile.LIBMEMCACHED_KETAMA_WEIGHTED, "ketama-weighted",
                List.of("127.0.0.1:11211:3", "127.0.0.1:11212:1", "cache-c.example:11211:2"), keys(909, 20_000));
    }

    @Test
    void ketamaWeighted_hundredServers_matchesLibmemcached() throws Exception {
        compare(Profile.LIBMEMCACHED_KETAMA_WEIGHTED, "ketama-weighted", servers(100, 1), keys(1010, 50_000));
    }

    @Test
    void moreThanHundredServers_areRefused_whereLibmemcachedAborts() throws Exception {
        List<String> servers = servers(101, 1);
        List<String> cmd = new ArrayList<>(List.of(program.toString(), "ketama"));
        cmd.addAll(servers);
        Peer.Result real = Peer.run(cmd, null);
        assertTrue(real.exit() != 0, "libmemcached took 101 servers: " + real.out());
        for (Profile profile : List.of(Profile.LIBMEMCACHED_KETAMA, Profile.LIBMEMCACHED_KETAMA_WEIGHTED)) {
            List<Node> nodes = servers.stream().map(s -> Node.of(s.substring(0, s.lastIndexOf(':')))).toList();
            RingException e = assertThrows(RingException.class, () -> Partitioning.profile(profile).nodes(nodes)
                    .build());
            assertEquals(profile.id() + ": 101 servers, and libmemcached aborts with more than 100 (its continuum"
                    + " holds 100 servers' points)", e.getMessage());
        }
    }

    @Test
    void oneAtATime_isLibhashkitsDefaultHash_withSignedChars() {
        // memcached_generate_hash_value(key, len, MEMCACHED_HASH_DEFAULT) in libmemcached 1.1.4; "é" is 0xC3 0xA9,
        // whose bytes libhashkit widens with their sign.
        assertEquals(26298542L, Hashes.ONE_AT_A_TIME.position("é".getBytes(StandardCharsets.UTF_8)));
        assertEquals(3392050242L, Hashes.ONE_AT_A_TIME.position("a".getBytes(StandardCharsets.UTF_8)));
        assertEquals(247574551L, Hashes.ONE_AT_A_TIME.position("server-a-0".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void ketama_refusesWeights_sinceLibmemcachedWouldSwitchToWeighted() {
        RingException e = assertThrows(RingException.class, () -> Partitioning.profile(Profile.LIBMEMCACHED_KETAMA)
                .nodes(Node.parseList("a:11211=2,b:11211")).build().place("k"));
        assertTrue(e.getMessage().contains("libmemcached-ketama-weighted"), e.getMessage());
    }

    /** Places {@code keys} with the profile and with libmemcached; the two must agree on every key. */
    private static void compare(Profile profile, String mode, List<String> servers, List<String> keys)
            throws Exception {
        List<Node> nodes = new ArrayList<>();
        for (String s : servers) {
            String[] parts = s.split(":");
            nodes.add(new Node(parts[0] + ":" + parts[1], parts.length > 2 ? Integer.parseInt(parts[2]) : 1));
        }
        Partitioner ours = Partitioning.profile(profile).nodes(nodes).build();
        Map<String, String> theirs = libmemcached(mode, servers, keys);
        assertEquals(keys.size(), theirs.size(), "libmemcached answered for every key");
        int differ = 0;
        String first = null;
        for (String key : keys) {
            String mine = ours.place(key).node();
            if (!mine.equals(theirs.get(key))) {
                differ++;
                first = first == null ? key + ": whale " + mine + ", libmemcached " + theirs.get(key) : first;
            }
        }
        assertEquals(0, differ, differ + " of " + keys.size() + " keys differ from libmemcached " + mode
                + "; the first: " + first);
    }

    private static Map<String, String> libmemcached(String mode, List<String> servers, List<String> keys)
            throws IOException, InterruptedException {
        Path in = Files.createTempFile("libmemcached-keys", ".txt");
        Path out = Files.createTempFile("libmemcached-placed", ".txt");
        try {
            Files.write(in, keys, StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(List.of(program.toString(), mode));
            cmd.addAll(servers);
            Process p = new ProcessBuilder(cmd).redirectInput(in.toFile()).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("libmemcached-place timed out");
            }
            assertEquals(0, p.exitValue(), "libmemcached-place " + mode + " failed");
            Map<String, String> placed = new LinkedHashMap<>();
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                int tab = line.lastIndexOf('\t');
                placed.put(line.substring(0, tab), line.substring(tab + 1));
            }
            return placed;
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }

    private static List<String> servers(int count, int weight) {
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            servers.add("10.0." + (i / 250) + "." + (i % 250 + 1) + ":" + (11211 + i % 3) + ":" + weight);
        }
        return servers;
    }

    /** Random printable keys, and some in UTF-8 beyond ASCII, whose bytes libhashkit reads as signed chars. */
    private static List<String> keys(long seed, int count) {
        List<String> keys = new ArrayList<>(Upstreams.randomKeys(seed, count, "\t"));
        keys.addAll(List.of("é", "clé-ü", "日本語のキー", "emoji-🐳", "naïve:11211"));
        return keys;
    }
}
