package dev.whale.cli.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.whale.pki.testing.Golden;
import dev.whale.cli.Run;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins what {@code whale ring} prints, in every format, byte for byte: the files under
 * {@code src/test/resources/golden/ring/} hold the output of the command line next to them. See {@link Golden} to
 * regenerate them after an intended change.
 */
class RingOutputGoldenTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "demo-2x5.txt|demo --nodes 2 --partitions 5",
        "table-2.txt|table --nodes 2",
        "table-2.json|table --nodes 2 --format json",
        "table-2.csv|table --nodes 2 --format csv",
        "table-weighted.txt|table --nodes a=2,b,c --hash xxh64 --vnodes 3",
        "table-nginx.txt|table --profile nginx --servers 10.0.0.1:80=2,10.0.0.2:80 --down 10.0.0.2:80",
        "table-nginx.json|table --profile nginx --servers 10.0.0.1:80,10.0.0.2:80 --format json",
        "table-modulo.txt|table --nodes 4 --strategy modulo --hash md5",
        "table-jump.txt|table --nodes 3 --strategy jump --hash xxh64 --keys 1000",
        "table-jump.csv|table --nodes 3 --strategy jump --hash xxh64 --keys 1000 --format csv",
        "table-jump.json|table --nodes 3 --strategy jump --hash xxh64 --keys 1000 --format json",
        "rebalance-2-to-3.txt|rebalance --from 2 --to 3",
        "rebalance-2-to-3.json|rebalance --from 2 --to 3 --format json",
        "rebalance-range.txt|rebalance --from 16 --to 17 --strategy range --hash crc32",
        "rebalance-jump.txt|rebalance --from 3 --to 4 --strategy jump --hash xxh64 --keys 2000",
        "rebalance-many.txt|rebalance --from 8 --to 9 --vnodes 2",
        "balance-ring.txt|balance --nodes 3 --vnodes 10 --trials 2",
        "balance-ring.json|balance --nodes 3 --vnodes 10 --trials 2 --format json",
        "balance-jump.txt|balance --nodes 3 --strategy jump --hash xxh64 --trials 2 --keys 1000",
        "locate.txt|locate a b c user42 --profile nginx --servers 127.0.0.1:19001,127.0.0.1:19002,127.0.0.1:19003",
        "locate.csv|locate a,b c --strategy modulo --hash md5 --nodes 16 --format csv",
        "locate.json|locate a b --profile ketama --servers 127.0.0.1:11211,127.0.0.1:11212 --format json",
    })
    void ring_output_isPinned(String golden, String args) throws IOException {
        Run r = Run.of(("ring " + args).split(" "));
        assertEquals(0, r.exit(), r.err());
        Golden.assertMatches("ring/" + golden, r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plot-3.svg|plot --nodes 3",
        "plot-1.svg|plot --nodes 1",
        "plot-2-to-3.svg|plot --from 2 --to 3",
        "plot-16-to-17.svg|plot --from 16 --to 17",
        "plot-nginx.svg|plot --profile nginx --servers 10.0.0.1:80,10.0.0.2:80=2",
        "plot-range-5-to-3.svg|plot --from 5 --to 3 --strategy range --hash crc32",
        "plot-dense.svg|plot --from 3 --to 4 --vnodes 2000 --hash xxh64",
    })
    void ring_plot_isPinned(String golden, String args, @TempDir Path dir) throws IOException {
        Path svg = dir.resolve(golden);
        Run r = Run.of(("ring " + args + " --out " + svg).split(" "));
        assertEquals(0, r.exit(), r.err());
        assertEquals("wrote " + svg + "\n", r.out());
        Golden.assertMatches("ring/" + golden, Files.readString(svg));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "locate-stdin.csv|locate --profile nginx --servers 127.0.0.1:19001,127.0.0.1:19002 --format csv",
    })
    void ring_locateFromStdin_isPinned(String golden, String args) throws IOException {
        InputStream old = System.in;
        try {
            System.setIn(new ByteArrayInputStream("a\n\"quoted\",key\nuser42\n".getBytes(StandardCharsets.UTF_8)));
            Run r = Run.of(("ring " + args).split(" "));
            assertEquals(0, r.exit(), r.err());
            Golden.assertMatches("ring/" + golden, r.out());
        } finally {
            System.setIn(old);
        }
    }
}
