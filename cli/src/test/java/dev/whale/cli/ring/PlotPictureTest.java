package dev.whale.cli.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.whale.cli.Run;
import dev.whale.pki.testing.Golden;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code whale ring plot} as a person sees it: each picture is rendered by a real SVG renderer (rsvg-convert, from
 * librsvg2-bin), its text boxes are worked out from the SVG's own attributes and must neither overlap one another nor
 * leave the canvas, and the rendering of the picture without its text must leave every text box blank, so that no
 * arc, stripe, tick or swatch runs under a label.
 */
class PlotPictureTest {
    /** A monospace character's advance over the font size, with room for fonts a little wider than DejaVu's 0.60. */
    private static final double ADVANCE = 0.62;

    static Stream<Arguments> pictures() throws IOException {
        List<Arguments> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden/ring"))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("plot-")).sorted()
                    .forEach(n -> all.add(Arguments.of(n, null)));
        }
        for (String args : List.of("--nodes 1", "--nodes 7 --vnodes 3", "--nodes 26 --vnodes 2", "--nodes 100",
                "--nodes 1000 --vnodes 1 --hash xxh64", "--from 1 --to 2", "--from 3 --to 2", "--from 30 --to 40",
                "--from 3 --to 4 --vnodes 100000 --hash xxh64",
                "--nodes a-server-name-far-longer-than-any-legend-column-could-hold.example.com:11211=3,b,日本語のサーバー",
                "--from a-server-name-far-longer-than-any-legend-column-could-hold.example.com,b --to b,c=2",
                "--profile nginx --servers 10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 --down 10.0.0.2:80,10.0.0.3:80")) {
            all.add(Arguments.of(args, args));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pictures")
    void plot_rendersWithRsvg_andNoTextOverlapsTextOrGraphics(String name, String args, @TempDir Path dir)
            throws Exception {
        Path svg = dir.resolve("picture.svg");
        if (args == null) {
            Files.write(svg, Golden.bytes("ring/" + name));
        } else {
            plot(args, svg);
        }
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        Element root = doc.getDocumentElement();
        int width = Integer.parseInt(root.getAttribute("width"));
        int height = Integer.parseInt(root.getAttribute("height"));
        BufferedImage whole = render(svg, dir.resolve("whole.png"));
        assertEquals(width, whole.getWidth(), "rendered width");
        assertEquals(height, whole.getHeight(), "rendered height");

        List<Box> boxes = textBoxes(doc);
        assertTrue(boxes.size() >= 4, "title, subtitle, marker and legend at least: " + boxes);
        for (Box b : boxes) {
            assertTrue(b.left >= 0 && b.top >= 0 && b.right <= width && b.bottom <= height,
                    b + " inside the canvas of " + width + " x " + height);
        }
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                assertTrue(!boxes.get(i).overlaps(boxes.get(j)), boxes.get(i) + " overlaps " + boxes.get(j));
            }
        }

        // The same picture without its text: each text box must come out as blank as the background.
        Path bare = dir.resolve("bare.svg");
        Files.writeString(bare, Files.readString(svg).replaceAll("(?s)<text[^>]*>.*?</text>", ""));
        BufferedImage graphics = render(bare, dir.resolve("bare.png"));
        for (Box b : boxes) {
            for (int y = (int) Math.ceil(b.top); y < Math.floor(b.bottom); y++) {
                for (int x = (int) Math.ceil(b.left); x < Math.floor(b.right); x++) {
                    int rgb = graphics.getRGB(x, y);
                    int darkest = Math.min(rgb & 0xff, Math.min((rgb >> 8) & 0xff, (rgb >> 16) & 0xff));
                    if (darkest < 245) {
                        fail("a graphic runs under " + b + ": pixel (" + x + ", " + y + ") is #"
                                + Integer.toHexString(rgb & 0xffffff));
                    }
                }
            }
        }
    }

    @Test
    void plot_300000Partitions_isASmallPicture(@TempDir Path dir) throws Exception {
        Path ring = dir.resolve("ring.svg");
        plot("--nodes 3 --vnodes 100000 --hash xxh64", ring);
        assertTrue(Files.size(ring) < 200_000, "ring of 300,000 partitions: " + Files.size(ring) + " bytes");
        Path moves = dir.resolve("moves.svg");
        plot("--from 3 --to 4 --vnodes 100000 --hash xxh64", moves);
        assertTrue(Files.size(moves) < 200_000, "300,000 to 400,000 partitions: " + Files.size(moves) + " bytes");
        // Still every node's colour, and every flow's stripes.
        String svg = Files.readString(moves);
        for (String color : List.of("#4e79a7", "#f28e2b", "#59a14f", "#e15759")) {
            assertTrue(svg.contains("stroke=\"" + color + "\""), color);
        }
        for (String flow : List.of("server-a → server-d", "server-b → server-d", "server-c → server-d")) {
            assertTrue(svg.contains("<title>" + flow + "</title>"), flow);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"--from 2 --to 3", "--from 8 --to 9 --vnodes 2",
        "--from a,b,c --to a,c,d=2 --hash xxh64", "--from 5 --to 3 --strategy range --hash crc32",
        "--from 30 --to 40 --vnodes 3"})
    void plot_flowLegend_hasTheFiguresOfRebalance(String args, @TempDir Path dir) throws Exception {
        Path svg = dir.resolve("p.svg");
        plot(args, svg);
        Run r = Run.of(("ring rebalance " + args).split(" "));
        assertEquals(0, r.exit(), r.err());
        // "  server-a -> server-c 47070844 hashes  17.54%": each flow as ring rebalance prints it.
        Set<String> expected = new TreeSet<>();
        Matcher flow = Pattern.compile("(?m)^  (\\S+) +-> (\\S+) +(\\d+) hashes +([0-9.]+%)$").matcher(r.out());
        while (flow.find()) {
            expected.add(flow.group(1) + " → " + flow.group(2) + " " + flow.group(3) + " hashes (" + flow.group(4)
                    + ")");
        }
        Matcher moved = Pattern.compile("Moved: (\\d+) of (\\d+) hashes \\(([0-9.]+%)\\)").matcher(r.out());
        assertTrue(moved.find(), r.out());
        Set<String> drawn = new TreeSet<>();
        Matcher m = Pattern.compile("<text[^>]*>([^<]* → [^<]* \\d+ hashes \\([0-9.]+%\\))</text>")
                .matcher(Files.readString(svg));
        while (m.find()) {
            drawn.add(m.group(1));
        }
        if (expected.size() > 13) {
            assertTrue(expected.containsAll(drawn) && drawn.size() == 12, drawn.toString());
            assertTrue(Files.readString(svg).contains("… and " + (expected.size() - 12) + " more flows: "));
        } else {
            assertEquals(expected, drawn);
        }
        assertTrue(Files.readString(svg).contains("What moves: " + moved.group(1) + " of " + moved.group(2)
                + " hashes (" + moved.group(3) + ")"), "the total moved, as rebalance says it");
    }

    @Test
    void plot_titleAndSubtitle_areSeparateLines_evenWhenTheNodeListIsShortened(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("p.svg");
        plot("--from 16 --to 17", svg);
        List<String> texts = texts(svg);
        assertEquals("Rebalance: 16 → 17 nodes: server-q added", texts.get(0));
        assertEquals("strategy ring, hash sha1-28, 5 partitions per node", texts.get(1));
        plot("--nodes 16", svg);
        texts = texts(svg);
        assertTrue(texts.get(0).matches("Ring of server-a, server-b, .*…, server-p \\(16 nodes\\)"), texts.get(0));
        assertEquals("strategy ring, hash sha1-28, 5 partitions per node", texts.get(1));
        plot("--profile nginx --servers 10.0.0.1:80,10.0.0.2:80=2", svg);
        texts = texts(svg);
        assertEquals("Ring of 10.0.0.1:80, 10.0.0.2:80=2", texts.get(0));
        assertEquals("profile nginx, key hash crc32", texts.get(1));
    }

    @Test
    void docsPicture_isWhatTheDocumentedCommandDraws(@TempDir Path dir) throws Exception {
        String command = "./whale ring plot --from 2 --to 3 --out docs/ring-rebalance-2-to-3.svg";
        assertTrue(Files.readString(Path.of("../README.md")).contains(command), "README documents " + command);
        Path svg = dir.resolve("p.svg");
        plot("--from 2 --to 3", svg);
        assertEquals(Files.readString(svg), Files.readString(Path.of("../docs/ring-rebalance-2-to-3.svg")),
                "docs/ring-rebalance-2-to-3.svg is stale; rewrite it with " + command);
    }

    private static void plot(String args, Path out) {
        List<String> a = new ArrayList<>(List.of("ring", "plot"));
        a.addAll(List.of(args.split(" ")));
        a.addAll(List.of("--out", out.toString()));
        Run r = Run.of(a.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
    }

    private static List<String> texts(Path svg) throws Exception {
        NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile())
                .getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    /** A label's box, from its x, y, font size, anchor and length: a monospace advance a column. */
    private record Box(String text, double left, double top, double right, double bottom) {
        boolean overlaps(Box o) {
            return left < o.right && o.left < right && top < o.bottom && o.top < bottom;
        }
    }

    private static List<Box> textBoxes(Document doc) {
        double rootSize = Double.parseDouble(doc.getDocumentElement().getAttribute("font-size"));
        NodeList nodes = doc.getElementsByTagName("text");
        List<Box> boxes = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element t = (Element) nodes.item(i);
            double size = t.hasAttribute("font-size") ? Double.parseDouble(t.getAttribute("font-size")) : rootSize;
            double x = Double.parseDouble(t.getAttribute("x"));
            double y = Double.parseDouble(t.getAttribute("y"));
            String text = t.getTextContent();
            double w = 0;
            for (int cp : text.codePoints().toArray()) {
                // Beyond Latin, Greek and Cyrillic, two columns: East Asian wide characters, and room for arrows
                // and ellipses that a fallback font may set wider.
                w += (cp >= 0x2000 ? 2 : 1) * ADVANCE * size;
            }
            double left = switch (t.getAttribute("text-anchor")) {
                case "middle" -> x - w / 2;
                case "end" -> x - w;
                default -> x;
            };
            boxes.add(new Box(text, left, y - 0.95 * size, left + w, y + 0.25 * size));
        }
        return boxes;
    }

    private static BufferedImage render(Path svg, Path png) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(rsvgConvert(), "-o", png.toString(), svg.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "rsvg-convert timed out");
        assertEquals(0, p.exitValue(), "rsvg-convert " + svg + ": " + out);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)));
        assertTrue(image != null, "rsvg-convert wrote a PNG");
        return image;
    }

    private static String rsvgConvert() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "rsvg-convert"))) {
                return Path.of(dir, "rsvg-convert").toString();
            }
        }
        return fail("rsvg-convert is not installed; these tests render each picture with a real SVG renderer:"
                + " apt-get install librsvg2-bin");
    }
}
