package dev.whale.pki;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins the public API of the pki module: every public type outside {@code dev.whale.pki.internal} with its public
 * and protected members, read by reflection from the compiled classes and compared with
 * {@code src/test/resources/golden/pki-api.txt}. A change to the surface fails here until the golden file is
 * written again on purpose, with {@code -Dwhale.api.update=true}.
 */
class ApiSnapshotTest {
    private static final String GOLDEN = "src/test/resources/golden/pki-api.txt";
    private static final String UPDATE = "./whale mvn -q -pl pki test -Dtest=ApiSnapshotTest -Dwhale.api.update=true";

    @Test
    void publicApi_matchesGoldenFile() throws IOException, URISyntaxException, ClassNotFoundException {
        String actual = String.join("\n", surface()) + "\n";
        Path golden = Path.of(GOLDEN);
        if (Boolean.getBoolean("whale.api.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        String expected = Files.exists(golden) ? Files.readString(golden, StandardCharsets.UTF_8) : "";
        if (!expected.equals(actual)) {
            fail("the public API of pki changed:\n" + difference(expected, actual) + "If that is deliberate, write "
                    + "the golden file again with `" + UPDATE + "` and commit " + GOLDEN + " with the change; else "
                    + "make the new members package-private or move them to dev.whale.pki.internal");
        }
    }

    /** Callers need no BouncyCastle (or any other library) on their compile path: JDK and whale types only. */
    @Test
    void publicApi_namesOnlyJdkAndWhaleTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Pattern foreignType = Pattern.compile("(?<![\\w.])(?!java\\.|javax\\.|dev\\.whale\\.)[a-z]\\w*\\.[\\w.]*[A-Z]");
        List<String> foreign = surface().stream().filter(l -> foreignType.matcher(l).find()).map(String::strip)
                .toList();
        if (!foreign.isEmpty()) {
            fail("the public API names types of other libraries; wrap them in whale types:\n"
                    + String.join("\n", foreign));
        }
    }

    /** The lines only one side has, marked - (gone from the API) and + (new in it). */
    private static String difference(String expected, String actual) {
        List<String> before = List.of(expected.split("\n"));
        List<String> after = List.of(actual.split("\n"));
        StringBuilder sb = new StringBuilder();
        before.stream().filter(l -> !after.contains(l)).forEach(l -> sb.append("- ").append(l.strip()).append('\n'));
        after.stream().filter(l -> !before.contains(l)).forEach(l -> sb.append("+ ").append(l.strip()).append('\n'));
        return sb.toString();
    }

    /** One line per public type, then one per member, indented; sorted so that the file diffs well. */
    static List<String> surface() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(PkiException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(p -> p.toString().endsWith(".class")).forEach(p -> names.add(classes.relativize(p)
                    .toString().replace('/', '.').replaceAll("\\.class$", "")));
        }
        names.sort(null);
        List<String> out = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith("dev.whale.pki.internal.") || name.endsWith("package-info")) {
                continue;
            }
            Class<?> c = Class.forName(name, false, ApiSnapshotTest.class.getClassLoader());
            if (!visible(c)) {
                continue;
            }
            out.add(c.toGenericString());
            List<String> members = new ArrayList<>();
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (exposed(k.getModifiers())) {
                    members.add(k.toGenericString());
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (exposed(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                    members.add(m.toGenericString());
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (exposed(f.getModifiers()) && !f.isSynthetic()) {
                    members.add(f.toGenericString());
                }
            }
            members.sort(null);
            members.forEach(m -> out.add("    " + m));
        }
        return out;
    }

    /** A public type whose enclosing types, if any, are public too. */
    private static boolean visible(Class<?> c) {
        for (Class<?> t = c; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean exposed(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }
}
