package dev.whale.ring;

import java.util.Arrays;
import java.util.Locale;

/** whale's own ways to partition: the post's two hash partitionings, its ring, and the algorithms that followed. */
public enum Strategy {
    /** {@code hash // ceil(2^bits / P)}: contiguous ranges, the post's integer division. */
    RANGE,
    /** {@code hash % P}: round robin over the hash values. */
    MODULO,
    /** The post's ring: partition {@code node-i} starts at hash("node-i") and serves up to the next partition. */
    RING,
    /** Jump consistent hash (Lamping and Veach). */
    JUMP,
    /** Rendezvous, or highest random weight, hashing. */
    RENDEZVOUS,
    /** Maglev's lookup table (65537 slots by default). */
    MAGLEV,
    /** The post's ring with bounded loads: no node takes more than ceil((1+ε)·keys/nodes). */
    BOUNDED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Strategy of(String id) {
        for (Strategy s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw RingException.of("unknown strategy '%s'; choose one of: %s", id,
                String.join(", ", Arrays.stream(values()).map(Strategy::id).toList()));
    }
}
