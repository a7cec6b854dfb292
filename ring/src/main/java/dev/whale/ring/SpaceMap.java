package dev.whale.ring;

import java.math.BigInteger;
import java.util.List;

/**
 * The exact owner of every position of a space, for partitioners whose structure allows computing it: ranges of
 * positions ({@link IntervalMap}) or residues of a modulus ({@link ResidueMap}).
 */
public sealed interface SpaceMap permits IntervalMap, ResidueMap {

    /** The width of the position space. */
    int bits();

    List<Node> nodes();

    /** How many positions each node serves, indexed like {@link #nodes()}. */
    BigInteger[] served();

    /** The positions that no node serves because the system falls back to round-robin for them. */
    BigInteger roundRobin();

    /** The size of the space, 2^bits. */
    default BigInteger size() {
        return Unsigned.spaceSize(bits());
    }
}
