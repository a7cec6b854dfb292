package dev.whale.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DemoTest {

    /** The post's own output: never regenerated from whale's, so only read. */
    @ParameterizedTest(name = "{0} nodes x {1} partitions")
    @CsvSource({"2, 5, 2x5.txt", "3, 5, 3x5.txt", "5, 5, 5x5.txt", "5, 2, 5x2.txt", "5, 3000, 5x3000.txt.gz"})
    void render_matchesThePostsOutput(int nodes, int partitions, String file) throws IOException {
        assertEquals(Golden.read("demo/" + file), Demo.render(nodes, partitions));
    }

    /** The post's script itself, run with python3 on sizes the goldens do not cover. */
    @ParameterizedTest(name = "python3 on {0} nodes x {1} partitions")
    @CsvSource({"1, 1", "4, 7", "7, 40", "26, 3", "5, 10000"})
    void render_matchesPython_onOtherSizes(int nodes, int partitions) throws Exception {
        Path python = Peer.require("python3", "python3");
        Path dir = Files.createTempDirectory("demo");
        List<String> cmd = new ArrayList<>(List.of(python.toString()));
        Path post = postScript();
        if (post != null) {
            String script = Files.readString(post)
                    .replaceFirst("(?m)^NUM_NODES = .*$", "NUM_NODES = " + nodes)
                    .replaceFirst("(?m)^NUM_PARTITIONS = .*$", "NUM_PARTITIONS = " + partitions);
            Path file = dir.resolve("consistent_hashing_demo.py");
            Files.writeString(file, script);
            cmd.add(file.toString());
        } else {
            System.err.println("DemoTest: the post is not at hand (set WHALE_SEED_DIR); comparing with "
                    + "src/test/python/demo_oracle.py instead");
            cmd.addAll(List.of(Path.of("src/test/python/demo_oracle.py").toAbsolutePath().toString(),
                    Integer.toString(nodes), Integer.toString(partitions)));
        }
        Peer.Result r = Peer.run(cmd, dir);
        assertEquals(0, r.exit(), r.err());
        assertEquals(r.out(), Demo.render(nodes, partitions));
    }

    /** The demo script as the post prints it, extracted from the post's markdown; null when the post is absent. */
    static Path postScript() throws IOException {
        String env = System.getenv("WHALE_SEED_DIR");
        Path seed = env != null ? Path.of(env) : Path.of("../../shared/seed").toAbsolutePath().normalize();
        Path md = seed.resolve("data-partitioning-and-consistent-hashing.md");
        if (!Files.isReadable(md)) {
            return null;
        }
        String text = Files.readString(md);
        int at = text.indexOf("consistent_hashing_demo.py");
        String[] blocks = text.substring(at).split("```");
        Path out = Files.createTempFile("post-demo", ".py");
        Files.writeString(out, blocks[1]);
        return out;
    }

    @Test
    void render_refusesZeroNodesAndPartitions() {
        assertEquals("number of nodes must be 1..26: 0", assertThrows(RingException.class, () -> Demo.render(0, 5))
                .getMessage());
        assertEquals("partitions per node must be positive: 0",
                assertThrows(RingException.class, () -> Demo.render(2, 0)).getMessage());
    }
}
