package dev.whale.ring;

import java.math.BigInteger;

/** Where a key goes: its hash as an unsigned integer, the partition that serves it, and that partition's node. */
public record Placement(BigInteger hash, String partition, String node) {
    /** The node name reported when a system gives up hashing and picks servers in turn. */
    public static final String ROUND_ROBIN = "(round-robin)";
}
