package dev.whale.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The streaming locate writes what placing each line read by a BufferedReader writes, byte for byte. */
class PlacementStreamTest {

    private static final String SERVERS = "127.0.0.1:11211,127.0.0.1:11212,cache-c.example:11213";

    private static Supplier<Partitioner> partitioner(String name) {
        return switch (name) {
            case "md5-range" -> () -> Partitioning.strategy(Strategy.RANGE).hash("md5").nodes(Node.named(16)).build();
            case "md5-modulo" -> () -> Partitioning.strategy(Strategy.MODULO).hash("md5").nodes(Node.named(16))
                    .build();
            case "bounded" -> () -> Partitioning.strategy(Strategy.BOUNDED).hash("xxh64").nodes(Node.named(3))
                    .keys(10_000).build();
            case "ring" -> () -> Partitioning.strategy(Strategy.RING).nodes(Node.named(3)).build();
            default -> () -> Partitioning.profile(Profile.of(name)).nodes(Node.parseList(SERVERS)).build();
        };
    }

    /** Lines as a BufferedReader splits them, each placed and printed on its own: what locate did before. */
    private static String reference(Partitioner p, boolean csv, byte[] input) throws IOException {
        StringBuilder out = new StringBuilder();
        BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(input),
                StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            out.append(csv ? RingText.placementCsv(line, p.place(line)) : RingText.placement(line, p.place(line)));
        }
        return out.toString();
    }

    private static byte[] input() {
        StringBuilder s = new StringBuilder("a\nb\r\nc\rd\n\n\r\n,comma\n\"quoted\",key\nclé-ü\n日本語のキー\nemoji-🐳\n");
        for (int i = 0; i < 3000; i++) {
            s.append("key-").append(i).append(i % 7 == 0 ? "\r\n" : "\n");
        }
        s.append("x".repeat(200_000)).append('\n').append("last line without a line feed");
        byte[] text = s.toString().getBytes(StandardCharsets.UTF_8);
        // Malformed UTF-8: a lone continuation byte, and a truncated sequence; the reader puts U+FFFD for both.
        byte[] bad = {'b', 'a', 'd', (byte) 0x80, '-', (byte) 0xE6, (byte) 0x97, '\n'};
        byte[] all = new byte[bad.length + text.length];
        System.arraycopy(bad, 0, all, 0, bad.length);
        System.arraycopy(text, 0, all, bad.length, text.length);
        return all;
    }

    @ParameterizedTest(name = "{0} csv={1} chunk={2}")
    @CsvSource({"ketama,false,0", "ketama,true,0", "ketama,false,1", "ketama,true,7", "nginx,false,0",
        "libmemcached-ketama-weighted,false,0", "libmemcached-ketama,true,0", "haproxy,false,3", "guava,true,0",
        "envoy-maglev,false,0", "md5-range,false,0", "md5-modulo,true,0", "bounded,false,5", "ring,true,0"})
    void place_writesWhatPlacingEachLineWrites(String name, boolean csv, int chunk) throws IOException {
        byte[] input = input();
        // A bounded-load partitioner remembers what it placed: each side gets its own.
        String expected = reference(partitioner(name).get(), csv, input);
        StringWriter out = new StringWriter();
        InputStream in = new ByteArrayInputStream(input);
        long keys = PlacementStream.place(partitioner(name).get(), csv, chunk == 0 ? in : trickle(in, chunk), out);
        assertEquals(expected, out.toString());
        // Keys hold no line break (it would end them), so each key is one line in either format.
        assertEquals(expected.lines().count(), keys);
    }

    @ParameterizedTest
    @CsvSource({"''", "'\n'", "'\r'", "'\r\n'", "'a'", "'a\r'", "'\n\n'", "'\r\r\n'"})
    void place_edgesOfTheInput(String input) throws IOException {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        Partitioner p = partitioner("ketama").get();
        for (int chunk : new int[] {0, 1}) {
            StringWriter out = new StringWriter();
            InputStream in = new ByteArrayInputStream(bytes);
            PlacementStream.place(p, false, chunk == 0 ? in : trickle(in, 1), out);
            assertEquals(reference(p, false, bytes), out.toString(), "chunk " + chunk);
        }
    }

    /** Hands out at most {@code n} bytes a read, to split lines, CRLF pairs and UTF-8 sequences between reads. */
    private static InputStream trickle(InputStream in, int n) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(n, len));
            }
        };
    }
}
