package dev.whale.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Compares the HAProxy profile with the real HAProxy ({@code balance hdr(X-Key)}, {@code hash-type consistent}): the
 * same random keys are sent through HAProxy to tiny upstream servers, and every key must land where
 * {@link Profile#HAPROXY} predicts.
 *
 * <p>HAProxy numbers servers 1..N in config order ({@code puid}) and our profile numbers them by list position, so the
 * servers are listed in the same order in both. A plain {@code hash-type consistent} uses sdbm with the avalanche
 * modifier (HAProxy 2.6 configuration.txt, "hash-type"). {@code hdr()} hashes only the first comma-separated value of
 * the header, so keys here contain no comma.
 */
class HaproxyPeerTest {
    private static final int KEYS = 1500;

    // --- Test vectors from the reference, no server needed ---

    @Test
    void place_referenceKeys_matchTheReferenceVectors() {
        Partitioner p = Partitioning.profile(Profile.HAPROXY).nodes(Node.parseList("s1,s2,s3")).build();
        Map<String, String> expected = Map.of("a", "s3", "b", "s2", "c", "s3", "key0", "s2");
        expected.forEach((key, node) -> assertEquals(node, p.place(key).node(), "key " + key));
    }

    @Test
    void points_weight2_are32PerServer() {
        assertEquals(32, Profiles.haproxy(1, new Node("s1", 2)).length);
        assertEquals(16, Profiles.haproxy(1, Node.of("s1")).length);
    }

    // --- The real HAProxy ---

    @Test
    void placement_equalWeights_matchesRealHaproxy() throws Exception {
        compareWithHaproxy(Profile.HAPROXY, "consistent", new int[] {1, 1, 1}, 404);
    }

    @Test
    void placement_unequalWeights_matchesRealHaproxy() throws Exception {
        compareWithHaproxy(Profile.HAPROXY, "consistent", new int[] {3, 1, 2}, 505);
    }

    @Test
    void placement_sdbmWrittenOut_matchesRealHaproxyWithoutAvalanche() throws Exception {
        compareWithHaproxy(Profile.HAPROXY_SDBM, "consistent sdbm", new int[] {1, 2, 1}, 606);
    }

    @Test
    void sdbmWrittenOut_placesKeysOtherwiseThanTheBareDefault() {
        List<Node> nodes = Node.parseList("s1,s2,s3");
        Partitioner bare = Partitioning.profile(Profile.HAPROXY).nodes(nodes).build();
        Partitioner sdbm = Partitioning.profile(Profile.HAPROXY_SDBM).nodes(nodes).build();
        long differ = Upstreams.randomKeys(707, 1000, ",").stream()
                .filter(k -> !bare.place(k).node().equals(sdbm.place(k).node())).count();
        assertTrue(differ > 300, "only " + differ + " of 1000 keys differ between the two modes");
    }

    /**
     * Runs HAProxy ({@code hash-type HASH_TYPE}) over upstreams s1..sN with the given weights and compares the
     * placement of random keys with {@code profile}.
     */
    private static void compareWithHaproxy(Profile profile, String hashType, int[] weights, long seed)
            throws Exception {
        Path haproxy = Peer.require("haproxy", "haproxy");
        try (Upstreams up = Upstreams.start(weights.length)) {
            List<Node> nodes = new ArrayList<>();
            Map<String, String> labelOf = new HashMap<>();
            StringBuilder servers = new StringBuilder();
            for (int i = 0; i < weights.length; i++) {
                String label = "s" + (i + 1);
                nodes.add(new Node(label, weights[i]));
                labelOf.put(up.address(i), label);
                // No "check": HAProxy never health-checks these servers, so none is ever marked down.
                servers.append("    server ").append(label).append(' ').append(up.address(i))
                        .append(" weight ").append(weights[i]).append('\n');
            }
            Partitioner ours = Partitioning.profile(profile).nodes(nodes).build();
            List<String> keys = Upstreams.randomKeys(seed, KEYS, ",");
            Function<String, String> label = answer -> labelOf.getOrDefault(answer, answer);

            Path dir = Upstreams.tempDir("haproxy-peer");
            try (Upstreams.Proxy proxy = Upstreams.launch(dir, (port, token) -> {
                Path cfg = dir.resolve("haproxy.cfg");
                Files.writeString(cfg, config(port, token, hashType, servers.toString()), StandardCharsets.UTF_8);
                return List.of(haproxy.toString(), "-f", cfg.toString(), "-db");
            })) {
                Map<String, String> theirs = Upstreams.ask(proxy.port(), keys);
                Upstreams.assertSamePlacement("haproxy " + hashType, theirs, label, k -> ours.place(k).node());

                Map<String, Integer> tally = Upstreams.tally(theirs, label);
                for (Node n : nodes) {
                    assertTrue(tally.getOrDefault(n.name(), 0) > 0, "a server got no keys: " + tally);
                }
            }
        }
    }

    private static String config(int port, String token, String hashType, String servers) {
        return """
                global
                    nbthread 1
                    maxconn 256
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 10s
                    timeout server 10s
                frontend fe
                    bind 127.0.0.1:%1$d
                    http-request return status 200 content-type text/plain string "%2$s" if { path %3$s }
                    default_backend be
                backend be
                    balance hdr(X-Key)
                    hash-type %4$s
                %5$s""".formatted(port, token, Upstreams.TOKEN_PATH, hashType, servers);
    }
}
