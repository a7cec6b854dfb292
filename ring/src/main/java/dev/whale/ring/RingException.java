package dev.whale.ring;

import java.util.Locale;

/**
 * A partitioning setup that cannot work, such as an unknown hash, a duplicate node or colliding partitions.
 *
 * <p>The message names the offending value and is meant for the user as it is.
 */
public final class RingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public RingException(String message) {
        super(message);
    }

    static RingException of(String format, Object... args) {
        return new RingException(String.format(Locale.ROOT, format, args));
    }
}
