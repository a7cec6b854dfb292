package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Input files of the pki commands: named files, every file of a named directory, or standard input. */
final class Inputs {
    private Inputs() {}

    /** One input: the name errors use, and its bytes. */
    record Input(String name, byte[] bytes) {}

    /**
     * The files {@code paths} name, a directory standing for its regular files in name order; standard input when
     * there are none.
     */
    static List<Path> expand(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(Files::isRegularFile).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new Errors.FailureException("cannot list " + p + ": " + Errors.reason(e));
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    static Input read(Path p) {
        if (p == null) {
            try {
                return new Input("stdin", System.in.readAllBytes());
            } catch (IOException e) {
                throw new Errors.FailureException("cannot read standard input: " + Errors.reason(e));
            }
        }
        try {
            return new Input(p.toString(), Files.readAllBytes(p));
        } catch (IOException e) {
            throw new Errors.FailureException("cannot read " + p + ": " + Errors.reason(e));
        }
    }

}
