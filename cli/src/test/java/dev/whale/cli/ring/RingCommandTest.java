package dev.whale.cli.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.whale.cli.Run;
import dev.whale.ring.Demo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RingCommandTest {

    @Test
    void demo_printsThePostsTables() {
        Run r = Run.of("ring", "demo", "--nodes", "2", "--partitions", "5");
        assertEquals(0, r.exit());
        assertEquals(Demo.render(2, 5), r.out());
        assertTrue(r.out().contains("262844523 --> server-b-1 (5590932 hashes)"));
    }

    @Test
    void demo_tooManyServers_answersAsTheScriptDoes() {
        Run r = Run.of("ring", "demo", "--nodes", "27");
        assertEquals(1, r.exit());
        assertEquals("Too many servers\n", r.out());
    }

    @Test
    void rebalance_twoToThree_printsThePostsFigures() {
        Run r = Run.of("ring", "rebalance", "--from", "2", "--to", "3");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Moved: 84970214 of 268435456 hashes (31.65%), computed exactly"), r.out());
        assertTrue(r.out().contains("server-a -> server-c 47070844 hashes"), r.out());
        assertTrue(r.out().contains("server-b -> server-c 37899370 hashes"), r.out());
    }

    @Test
    void rebalance_range16to17_movesHalf() {
        Run r = Run.of("ring", "rebalance", "--from", "16", "--to", "17", "--strategy", "range", "--hash", "crc32");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("(50.00%), computed exactly"), r.out());
    }

    @Test
    void locate_salaryExample_moduloAndIntegerDivision() {
        Run mod = Run.of("ring", "locate", "60000", "60100", "--strategy", "modulo", "--hash", "md5", "--nodes", "16");
        assertEquals("60000\tserver-m\t12\t57500283691658467528082923406379043196\n"
                + "60100\tserver-k\t10\t209589555716047624083879134729984902154\n", mod.out());
        Run div = Run.of("ring", "locate", "60000", "60100", "--strategy", "range", "--hash", "md5", "--nodes", "16");
        assertTrue(div.out().startsWith("60000\tserver-c\t2\t"), div.out());
        assertTrue(div.out().contains("60100\tserver-j\t9\t"), div.out());
    }

    @Test
    void table_fiveNodes3000Partitions_isBalancedWithinOnePercent() {
        Run r = Run.of("ring", "table", "--nodes", "5", "--vnodes", "3000");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("max/mean 1.0031"), r.out().substring(r.out().length() - 400));
    }

    @Test
    void table_json_isValidAndComplete() throws Exception {
        Run r = Run.of("ring", "table", "--nodes", "2", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        int rows = 0;
        try (JsonParser p = new JsonFactory().createParser(r.out())) {
            while (p.nextToken() != null) {
                if ("min_hash".equals(p.currentName()) && p.currentToken().isNumeric()) {
                    rows++;
                }
            }
        }
        assertEquals(11 + 5, rows);
    }

    @Test
    void table_csv_listsTheFullTable() {
        Run r = Run.of("ring", "table", "--nodes", "2", "--format", "csv");
        assertTrue(r.out().startsWith("min_hash,partition,node,served\n0,server-b-1,server-b,23746828\n"), r.out());
        assertEquals(12, r.out().lines().count());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"text", "json"})
    void table_ringThatFitsOnlyWithoutItsSimplifiedTable_isRefusedBeforeTheRingIsBuilt(String format) {
        // The ring alone would take 60% of what one structure may (48 bytes a point); with the simplified table that
        // text and JSON hold (120 bytes a run, a run every other point for two nodes) it would not fit.
        long points = (long) (Runtime.getRuntime().maxMemory() * 0.75 * 0.6 / 48);
        long before = System.nanoTime();
        Run r = Run.of("ring", "table", "--nodes", "2", "--hash", "xxh64", "--vnodes", String.valueOf(points / 2),
                "--format", format);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().startsWith("whale ring table: a ring of "), r.err());
        assertTrue(r.err().contains(" points and its simplified table of about "), r.err());
        assertTrue(System.nanoTime() - before < 5_000_000_000L, "refused before building, not after");
    }

    @Test
    void plot_writesAnSvgWithEveryNode(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("ring.svg");
        Run r = Run.of("ring", "plot", "--from", "2", "--to", "3", "--out", svg.toString());
        assertEquals(0, r.exit(), r.err());
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        String text = Files.readString(svg);
        for (String node : new String[] {"server-a", "server-b", "server-c"}) {
            assertTrue(text.contains(node), node);
        }
        assertTrue(text.contains("What moves: 84970214 of 268435456 hashes (31.65%)"), text);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void plot_unwritableTarget_failsWithoutLeavingAFile(@TempDir Path dir) {
        Run r = Run.of("ring", "plot", "--out", dir.resolve("missing/ring.svg").toString());
        r.assertOneLineError(1, "whale ring plot: cannot write " + dir.resolve("missing/ring.svg")
                + ": no such directory");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown hash|table --hash sha3|whale ring table: unknown hash 'sha3'; choose one of: sha1-28, md5, crc32, "
                + "xxh64, murmur3",
        "unknown profile|locate k --profile envoy|whale ring locate: unknown profile 'envoy'; choose one of: nginx, "
                + "ketama, libmemcached-ketama-weighted, libmemcached-ketama, haproxy, haproxy-sdbm, guava, "
                + "envoy-ring, envoy-maglev",
        "unknown strategy|table --strategy chord|whale ring table: unknown strategy 'chord'; choose one of: range, "
                + "modulo, ring, jump, rendezvous, maglev, bounded",
        "zero nodes|table --nodes 0|whale ring table: number of nodes must be positive: 0",
        "duplicate node|table --nodes a,b,a|whale ring table: duplicate node name 'a'",
        "negative weight|table --nodes a=-1,b|whale ring table: node 'a': weight must not be negative: -1",
        "colliding partitions|table --nodes 26 --vnodes 3000|whale ring table: partitions server-o-2787 and "
                + "server-z-1505 hash to the same point 11243837; use fewer partitions or a wider hash",
        "unreadable server list|locate k --servers @/nonexistent/servers.txt|whale ring locate: cannot read server "
                + "list '/nonexistent/servers.txt': no such file",
        "down outside nginx|locate k --profile ketama --servers a:1,b:1 --down a:1|whale ring locate: servers can be "
                + "marked down only in the nginx profile, not ketama",
        "hash with a profile|locate k --profile nginx --hash md5|whale ring locate: profile nginx hashes keys with "
                + "crc32; a hash cannot be chosen",
        "zero partitions|table --vnodes 0|whale ring table: partitions per node must be positive: 0",
        "rebalance without to|rebalance --from 2|whale ring rebalance: Missing required option: '--to=SPEC' (see "
                + "'whale ring rebalance --help')",
    })
    void badInput_getsOneLineAndExit2(String what, String args, String message) {
        String[] a = ("ring " + args).split(" ");
        Run.of(a).assertOneLineError(2, message);
    }

    @Test
    void badInput_serverFileLine_namesFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("servers.txt");
        Files.writeString(f, "# upstream\n10.0.0.1:80\n10.0.0.2:80=x\n");
        Run.of("ring", "locate", "k", "--servers", "@" + f).assertOneLineError(2,
                "whale ring locate: " + f + ":3: node '10.0.0.2:80': weight is not a whole number: 'x'");
    }

    @Test
    void locate_serverFile_readsOnePerLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("servers.txt");
        Files.writeString(f, "# upstream\n127.0.0.1:19001\n\n127.0.0.1:19002  # second\n127.0.0.1:19003\n");
        Run r = Run.of("ring", "locate", "a", "b", "c", "user42", "key0", "key1", "--profile", "nginx",
                "--servers", "@" + f);
        assertEquals(0, r.exit(), r.err());
        // The reference's nginx vectors.
        assertEquals("19002 19001 19002 19001 19002 19003", String.join(" ", r.out().lines()
                .map(l -> l.split("\t")[1].substring("127.0.0.1:".length())).toList()));
    }

    @Test
    void balance_ringOf3x160_matchesTheSimulatedMaxOverMean() {
        Run r = Run.of("ring", "balance", "--nodes", "3", "--vnodes", "160", "--hash", "xxh64", "--trials", "20",
                "--format", "json");
        assertEquals(0, r.exit(), r.err());
        double mean = Double.parseDouble(r.out().replaceAll("(?s).*\"mean_max_over_mean\" : ([0-9.]+).*", "$1"));
        // The reference's simulation gives 1.07 for 3 nodes with 160 points each.
        assertEquals(1.07, mean, 0.03);
        assertTrue(r.out().contains("\"theory_relative_stddev\""));
    }

    @Test
    void balance_jump_isSampledAndNearlyPerfect() {
        Run r = Run.of("ring", "balance", "--nodes", "10", "--strategy", "jump", "--hash", "xxh64", "--trials", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("2 trials, each over 100000 keys"), r.out());
    }

    @Test
    void locate_readsKeysFromStdin() throws Exception {
        InputStream old = System.in;
        try {
            System.setIn(new ByteArrayInputStream("a\nb\nc\n".getBytes()));
            Run r = Run.of("ring", "locate", "--profile", "nginx", "--servers",
                    "127.0.0.1:19001,127.0.0.1:19002,127.0.0.1:19003", "--format", "csv");
            assertEquals("key,node,partition,hash", r.out().lines().findFirst().orElseThrow());
            assertEquals(4, r.out().lines().count());
            assertTrue(r.out().contains("\na,127.0.0.1:19002,"), r.out());
        } finally {
            System.setIn(old);
        }
    }
}
