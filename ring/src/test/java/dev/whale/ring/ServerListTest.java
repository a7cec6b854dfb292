package dev.whale.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Server lists are as strict as the systems they model: names that would make lists or text output ambiguous are
 * refused everywhere, and each profile refuses what its system's configuration refuses, checked against
 * {@code nginx -t} and {@code haproxy -c}.
 */
class ServerListTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a==2,b|node 'a=': a name cannot hold '=', the weight separator (character 2), which would make lists and"
                + " text output ambiguous",
        "'a b,c'|node 'a b': a name cannot hold a space (character 2), which would make lists and text output"
                + " ambiguous"})
    void parseList_ambiguousNames_areRefused(String spec, String message) {
        assertEquals(message, assertThrows(RingException.class, () -> Node.parseList(spec)).getMessage());
    }

    @Test
    void node_controlCharacters_areRefusedAndEscapedInTheMessage() {
        RingException tab = assertThrows(RingException.class, () -> Node.of("a\tb"));
        assertEquals("node 'a\\u0009b': a name cannot hold a tab (character 2), which would make lists and text"
                + " output ambiguous", tab.getMessage());
        RingException bell = assertThrows(RingException.class, () -> Node.of("a\u0007"));
        assertEquals("node 'a\\u0007': a name cannot hold U+0007 (character 2), which would make lists and text"
                + " output ambiguous", bell.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:80:3|nginx: server '127.0.0.1:80:3': port '80:3' is not a number from 1 to 65535, which nginx"
                + " refuses",
        "127.0.0.1:0|nginx: server '127.0.0.1:0': port '0' is not a number from 1 to 65535, which nginx refuses",
        "127.0.0.1:65536|nginx: server '127.0.0.1:65536': port '65536' is not a number from 1 to 65535, which"
                + " nginx refuses",
        "127.0.0.1:80=0|nginx: server '127.0.0.1:80': weight=0, which nginx refuses as an invalid parameter (at"
                + " least 1; mark a server down instead)"})
    void nginx_refusesWhatNginxRefuses(String server, String message) throws Exception {
        List<Node> nodes = Node.parseList(server + ",127.0.0.1:81");
        RingException e = assertThrows(RingException.class,
                () -> Partitioning.profile(Profile.NGINX).nodes(nodes).build());
        assertEquals(message, e.getMessage());
        Node n = nodes.get(0);
        assertNotEquals(0, nginxTest(n.name() + (n.weight() == 1 ? "" : " weight=" + n.weight())),
                "nginx -t accepted server " + server);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"127.0.0.1:8080", "localhost", "[::1]:80", "unix:/run/app.sock", "10.0.0.1:80=3"})
    void nginx_acceptsWhatNginxAccepts(String server) throws Exception {
        Node n = Node.parse(server);
        Partitioning.profile(Profile.NGINX).nodes(List.of(n)).build();
        assertEquals(0, nginxTest(n.name() + (n.weight() == 1 ? "" : " weight=" + n.weight())),
                "nginx -t refused server " + server);
    }

    @Test
    void haproxy_weightAbove256_isRefusedAsHaproxyDoes() throws Exception {
        List<Node> nodes = List.of(new Node("s1", 257), Node.of("s2"));
        for (Profile p : List.of(Profile.HAPROXY, Profile.HAPROXY_SDBM)) {
            RingException e = assertThrows(RingException.class, () -> Partitioning.profile(p).nodes(nodes).build());
            assertEquals(p.id() + ": server 's1': weight 257 is not within 0 and 256, as HAProxy requires",
                    e.getMessage());
        }
        assertNotEquals(0, haproxyCheck(257), "haproxy -c accepted weight 257");
        assertEquals(0, haproxyCheck(256), "haproxy -c refused weight 256");
        Partitioning.profile(Profile.HAPROXY).nodes(List.of(new Node("s1", 256), Node.of("s2"))).build();
    }

    /** The exit code of {@code nginx -t} on an upstream with this one {@code server} line. */
    private static int nginxTest(String server) throws Exception {
        Path nginx = Peer.require("nginx", "nginx");
        Path dir = Files.createTempDirectory("nginx-t");
        Files.writeString(dir.resolve("n.conf"), "pid " + dir + "/nginx.pid;\nevents {}\nhttp {\n  upstream u {\n"
                + "    hash $request_uri consistent;\n    server " + server + ";\n  }\n}\n", StandardCharsets.UTF_8);
        return Peer.run(List.of(nginx.toString(), "-t", "-q", "-p", dir + "/", "-c", dir.resolve("n.conf").toString(),
                "-e", dir.resolve("error.log").toString()), dir).exit();
    }

    /** The exit code of {@code haproxy -c} on a backend whose server has this weight. */
    private static int haproxyCheck(int weight) throws Exception {
        Path haproxy = Peer.require("haproxy", "haproxy");
        Path cfg = Files.createTempFile("haproxy-c", ".cfg");
        Files.writeString(cfg, "defaults\n  mode http\n  timeout connect 1s\n  timeout client 1s\n  timeout server 1s\n"
                + "frontend fe\n  bind 127.0.0.1:1\n  default_backend be\n"
                + "backend be\n  balance hdr(X-Key)\n  hash-type consistent\n  server s1 127.0.0.1:80 weight " + weight
                + "\n", StandardCharsets.UTF_8);
        return Peer.run(List.of(haproxy.toString(), "-c", "-q", "-f", cfg.toString()), null).exit();
    }
}
