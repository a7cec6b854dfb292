package dev.whale.ring;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Decides which node serves a key: the key is hashed to a position, and the position is mapped to a node.
 *
 * <p>Implementations are immutable unless they say otherwise (bounded-load placement remembers the load it has
 * handed out).
 */
public interface Partitioner {

    /** The nodes, in the order that {@link #nodeAt(long)} indexes them. */
    List<Node> nodes();

    /** How keys become positions. */
    HashFunction hash();

    /** The index of the node serving {@code position}, or {@link #ROUND_ROBIN} when the system falls back to it. */
    int nodeAt(long position);

    /** The name of the partition serving {@code position}: {@code server-a-3}, a bucket or a slot number. */
    String partitionAt(long position);

    /** The exact map of the whole position space, when the structure allows computing it instead of sampling. */
    Optional<SpaceMap> spaceMap();

    /** Index returned when a system stops hashing and picks servers in turn (nginx after 20 down points). */
    int ROUND_ROBIN = -1;

    /** Where {@code key} goes, with its hash and partition. */
    default Placement place(byte[] key) {
        long position = hash().position(key);
        // A hash of up to 64 bits is its position: hashing the key again for its value would double the work.
        BigInteger value = hash().bits() <= 64 ? Unsigned.toBigInteger(position) : hash().value(key);
        String partition = partitionAt(position);
        int node = nodeAt(position);
        return new Placement(value, partition, node == ROUND_ROBIN ? Placement.ROUND_ROBIN : nodes().get(node).name());
    }

    default Placement place(String key) {
        return place(key.getBytes(StandardCharsets.UTF_8));
    }
}
