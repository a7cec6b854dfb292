package dev.whale.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Compares the nginx profile with the real nginx ({@code hash $http_x_key consistent}): the same random keys are sent
 * through nginx to tiny upstream servers, and every key must land where {@link Profile#NGINX} predicts.
 */
class NginxPeerTest {
    private static final int KEYS = 1500;

    // --- Test vectors from the reference, no server needed ---

    @Test
    void points_server19001_areTheReferencePoints() {
        long[] points = Profiles.nginx(Node.of("127.0.0.1:19001"));
        assertEquals(160, points.length);
        assertEquals(0x2695830aL, points[0]);
        assertEquals(0x74603d15L, points[1]);
    }

    @Test
    void points_weight3_are480AndStartLikeWeight1() {
        long[] one = Profiles.nginx(Node.of("127.0.0.1:19001"));
        long[] three = Profiles.nginx(new Node("127.0.0.1:19001", 3));
        assertEquals(480, three.length);
        assertEquals(one[159], three[159]);
    }

    @Test
    void place_referenceKeys_matchTheReferenceVectors() {
        Partitioner p = Partitioning.profile(Profile.NGINX)
                .nodes(Node.parseList("127.0.0.1:19001,127.0.0.1:19002,127.0.0.1:19003")).build();
        Map<String, String> expected = Map.of("a", "127.0.0.1:19002", "b", "127.0.0.1:19001", "c", "127.0.0.1:19002",
                "user42", "127.0.0.1:19001", "key0", "127.0.0.1:19002", "key1", "127.0.0.1:19003");
        expected.forEach((key, node) -> assertEquals(node, p.place(key).node(), "key " + key));
    }

    // --- The real nginx ---

    @Test
    void placement_equalWeights_matchesRealNginx() throws Exception {
        compareWithNginx(new int[] {1, 1, 1}, Set.of(), 101);
    }

    @Test
    void placement_unequalWeights_matchesRealNginx() throws Exception {
        compareWithNginx(new int[] {3, 1, 2}, Set.of(), 202);
    }

    @Test
    void placement_serverDown_matchesRealNginx() throws Exception {
        compareWithNginx(new int[] {1, 2, 1}, Set.of(1), 303);
    }

    @Test
    void everyServerDown_isRefused_whereRealNginxAnswers502() throws Exception {
        Path nginx = Peer.require("nginx", "nginx");
        try (Upstreams up = Upstreams.start(2)) {
            List<Node> nodes = List.of(Node.of(up.address(0)), Node.of(up.address(1)));
            String servers = "        server " + up.address(0) + " down;\n        server " + up.address(1) + " down;\n";
            Path dir = Upstreams.tempDir("nginx-peer");
            try (Upstreams.Proxy proxy = Upstreams.launch(dir, (port, token) -> {
                Files.writeString(dir.resolve("nginx.conf"), config(dir, port, token, servers), StandardCharsets.UTF_8);
                return List.of(nginx.toString(), "-p", dir + "/", "-c", dir.resolve("nginx.conf").toString(),
                        "-e", dir.resolve("error.log").toString(), "-g", "daemon off;");
            })) {
                Map<String, String> theirs = Upstreams.ask(proxy.port(), Upstreams.randomKeys(404, 20, ""));
                theirs.forEach((key, answer) -> assertTrue(answer.startsWith("HTTP 502"), key + ": " + answer));
            }
            RingException e = assertThrows(RingException.class, () -> Partitioning.profile(Profile.NGINX)
                    .nodes(nodes).down(Set.of(up.address(0), up.address(1))).build());
            assertEquals("every server is down: nginx places no key, it answers 502 (no live upstreams) to every"
                    + " request", e.getMessage());
        }
    }

    /**
     * Runs nginx over upstreams with the given weights, those at the {@code down} indexes marked down in both nginx
     * and our profile, and compares the placement of {@value #KEYS} random keys.
     */
    private static void compareWithNginx(int[] weights, Set<Integer> down, long seed) throws Exception {
        Path nginx = Peer.require("nginx", "nginx");
        try (Upstreams up = Upstreams.start(weights.length)) {
            List<Node> nodes = new ArrayList<>();
            Set<String> downNames = new HashSet<>();
            StringBuilder servers = new StringBuilder();
            for (int i = 0; i < weights.length; i++) {
                String server = up.address(i);
                nodes.add(new Node(server, weights[i]));
                servers.append("        server ").append(server);
                if (weights[i] != 1) {
                    servers.append(" weight=").append(weights[i]);
                }
                if (down.contains(i)) {
                    servers.append(" down");
                    downNames.add(server);
                }
                servers.append(";\n");
            }
            Partitioner ours = Partitioning.profile(Profile.NGINX).nodes(nodes).down(downNames).build();
            List<String> keys = Upstreams.randomKeys(seed, KEYS, "");

            Path dir = Upstreams.tempDir("nginx-peer");
            try (Upstreams.Proxy proxy = Upstreams.launch(dir, (port, token) -> {
                Files.writeString(dir.resolve("nginx.conf"), config(dir, port, token, servers.toString()),
                        StandardCharsets.UTF_8);
                return List.of(nginx.toString(), "-p", dir + "/", "-c", dir.resolve("nginx.conf").toString(),
                        "-e", dir.resolve("error.log").toString(), "-g", "daemon off;");
            })) {
                Map<String, String> theirs = Upstreams.ask(proxy.port(), keys);
                Upstreams.assertSamePlacement("nginx", theirs, Function.identity(), k -> ours.place(k).node());

                Map<String, Integer> tally = Upstreams.tally(theirs, Function.identity());
                for (Node n : nodes) {
                    if (downNames.contains(n.name())) {
                        assertFalse(tally.containsKey(n.name()), "down server got keys: " + tally);
                    } else {
                        assertTrue(tally.getOrDefault(n.name(), 0) > 0, "a server got no keys: " + tally);
                    }
                }
            }
        }
    }

    /**
     * nginx with every path inside {@code dir}, proxying to upstream {@code u}. With {@code master_process off} it is a
     * single process that needs no {@code user} and dies with the {@link Process} that the test stops; the hash
     * module builds the same ring either way.
     */
    private static String config(Path dir, int port, String token, String servers) {
        return """
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events {
                    worker_connections 1024;
                }
                http {
                    access_log off;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream u {
                        hash $http_x_key consistent;
                %3$s    }
                    server {
                        listen 127.0.0.1:%2$d;
                        location = %5$s {
                            return 200 "%4$s";
                        }
                        location / {
                            proxy_pass http://u;
                            proxy_next_upstream off;
                        }
                    }
                }
                """.formatted(dir, port, servers, token, Upstreams.TOKEN_PATH);
    }
}
