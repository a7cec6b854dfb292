package dev.whale.ring;

import java.util.AbstractList;
import java.util.List;

/** Key sets for sampling: {@code prefix0}, {@code prefix1}, … made on demand, so a million keys cost no memory. */
public final class Keys {
    private Keys() {}

    public static List<String> generated(String prefix, int count) {
        if (count < 0) {
            throw RingException.of("number of keys must not be negative: %d", count);
        }
        return new AbstractList<>() {
            @Override
            public String get(int index) {
                return prefix + index;
            }

            @Override
            public int size() {
                return count;
            }
        };
    }
}
