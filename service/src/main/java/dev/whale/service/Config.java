package dev.whale.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One configuration, {@code config/NAME.json}: a list of {@code {"name", "value"}} pairs, the posts' shape. The
 * values are resolved against the environment, where a variable already set wins over the file.
 *
 * @param name the configuration's name, such as {@code development}
 * @param values every resolved variable, in the file's order
 */
public record Config(String name, Map<String, String> values) {
    /** The variable that picks the file, as in the posts. */
    public static final String SELECTOR = "APPLICATION_CONFIG";
    public static final String DEFAULT = "development";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final List<String> SECRET_MARKS = List.of("PASSWORD", "SECRET", "TOKEN", "KEY");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public Config {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The configuration that {@code APPLICATION_CONFIG} names in {@code env}, or development. */
    public static Config load(Path configDir, Map<String, String> env) {
        String name = env.getOrDefault(SELECTOR, DEFAULT);
        return load(configDir, name.isEmpty() ? DEFAULT : name, env);
    }

    /** {@code configDir/NAME.json}, with the variables of {@code env} winning over the file's. */
    public static Config load(Path configDir, String name, Map<String, String> env) {
        Path file = configDir.resolve(name + ".json");
        if (!NAME.matcher(name).matches() || !Files.isRegularFile(file)) {
            throw new ConfigException("no config/" + name + ".json; choose one of: "
                    + String.join(", ", names(configDir)));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : read(file).entrySet()) {
            values.put(e.getKey(), env.getOrDefault(e.getKey(), e.getValue()));
        }
        // The service's own settings may come from the environment alone, such as WHALE_DB_POOL_SIZE.
        env.keySet().stream().filter(Config::ours).sorted().forEach(k -> values.putIfAbsent(k, env.get(k)));
        values.put(SELECTOR, name);
        return new Config(name, values);
    }

    /** Whether an environment variable belongs to the service's settings: WHALE_*, POSTGRES_*, APPLICATION_DB. */
    static boolean ours(String name) {
        return name.startsWith("WHALE_") || name.startsWith("POSTGRES_") || name.equals("APPLICATION_DB");
    }

    /** The configurations in {@code configDir}, sorted; the scenarios' copies ({@code scenario_*}) left out. */
    public static List<String> names(Path configDir) {
        try (Stream<Path> files = Files.list(configDir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - ".json".length()))
                    .filter(n -> !n.startsWith("scenario_"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The pairs of one file, in order. */
    public static Map<String, String> read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": not valid JSON (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        if (!(root instanceof ArrayNode list)) {
            throw new ConfigException(file + ": expected a list of {\"name\": ..., \"value\": ...}");
        }
        Map<String, String> values = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode item : list) {
            JsonNode n = item.get("name");
            JsonNode v = item.get("value");
            if (n == null || !n.isTextual() || v == null || v.isContainerNode() || v.isNull()) {
                throw new ConfigException(file + ": entry " + i + " needs a \"name\" and a \"value\"");
            }
            values.put(n.asText(), v.asText());
            i++;
        }
        return values;
    }

    /** Writes {@code values} in the posts' shape, atomically. */
    public static void write(Path file, Map<String, String> values) {
        ArrayNode list = MAPPER.createArrayNode();
        values.forEach((n, v) -> list.addObject().put("name", n).put("value", v));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // Values may be passwords: the file is the owner's alone.
            AtomicWrites.write(file, (MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(list) + "\n")
                    .getBytes(StandardCharsets.UTF_8), AtomicWrites.PRIVATE);
        } catch (IOException e) {
            throw new ServiceException(file + ": cannot write: " + e.getMessage());
        }
    }

    /** Whether a variable holds a secret: its name contains PASSWORD, SECRET, TOKEN or KEY. */
    public static boolean isSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return SECRET_MARKS.stream().anyMatch(upper::contains);
    }

    /** The values with every secret replaced by {@code ********}, safe to print. */
    public Map<String, String> redacted() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((n, v) -> out.put(n, isSecret(n) && !v.isEmpty() ? "********" : v));
        return out;
    }

    /** The value of {@code name}, or {@code fallback} when the configuration has none or an empty one. */
    public String get(String name, String fallback) {
        String v = values.get(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    /** The variables as a process environment: the file's, then {@code base}'s on top. */
    public Map<String, String> environment(Map<String, String> base) {
        Map<String, String> env = new LinkedHashMap<>(values);
        env.putAll(base);
        env.put(SELECTOR, name);
        return env;
    }
}
