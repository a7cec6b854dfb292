package dev.whale.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** The JSON output of the commands: one pretty-printing generator over the command's writer, left open. */
public final class Json {
    private Json() {}

    /** A pretty-printing generator writing to {@code out}; closing it does not close {@code out}. */
    public static JsonGenerator pretty(PrintWriter out) {
        try {
            JsonGenerator g = new JsonFactory().createGenerator(out);
            g.useDefaultPrettyPrinter();
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
