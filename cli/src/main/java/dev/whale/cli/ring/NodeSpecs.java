package dev.whale.cli.ring;

import dev.whale.cli.Errors;
import dev.whale.ring.Node;
import dev.whale.ring.RingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Node lists on the command line: a count ({@code 3}), names with optional weights ({@code a:80=2,b:80}), or
 * {@code @FILE} with one such name per line, blank lines and {@code #} comments ignored.
 */
final class NodeSpecs {
    private NodeSpecs() {}

    static List<Node> parse(String spec) {
        if (!spec.startsWith("@")) {
            return Node.parseList(spec);
        }
        Path file = Path.of(spec.substring(1));
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Errors.UsageException("cannot read server list '" + file + "': " + Errors.reason(e));
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                nodes.add(Node.parse(line));
            } catch (RingException e) {
                throw new Errors.UsageException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        if (nodes.isEmpty()) {
            throw new Errors.UsageException("server list '" + file + "' names no servers");
        }
        try {
            return Node.checkList(nodes);
        } catch (RingException e) {
            throw new Errors.UsageException(file + ": " + e.getMessage());
        }
    }
}
