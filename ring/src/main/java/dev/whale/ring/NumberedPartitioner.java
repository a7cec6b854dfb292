package dev.whale.ring;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Placement on numbered partitions 0..P-1, P being the sum of the weights: by integer division of the hash
 * ({@code hash // ceil(2^bits / P)}), by its remainder ({@code hash % P}), or by jump hash.
 */
final class NumberedPartitioner implements Partitioner {

    enum Kind { RANGE, MODULO, JUMP, GUAVA }

    private final Kind kind;
    private final HashFunction hash;
    private final List<Node> nodes;
    private final Buckets buckets;
    private final long rangeSize;

    NumberedPartitioner(Kind kind, HashFunction hash, List<Node> nodes) {
        this.kind = kind;
        this.hash = hash;
        this.nodes = Node.checkList(nodes);
        this.buckets = new Buckets(this.nodes);
        BigInteger space = Unsigned.spaceSize(hash.positionBits());
        BigInteger p = BigInteger.valueOf(buckets.count());
        // 2^64 for a single partition of a 64-bit space does not fit a long: 0 stands for "the whole space".
        this.rangeSize = space.add(p).subtract(BigInteger.ONE).divide(p).longValue();
    }

    @Override
    public List<Node> nodes() {
        return nodes;
    }

    @Override
    public HashFunction hash() {
        return hash;
    }

    int partition(long position) {
        int p = buckets.count();
        return switch (kind) {
            case RANGE -> rangeSize == 0 ? 0 : (int) Long.divideUnsigned(position, rangeSize);
            case MODULO -> (int) Long.remainderUnsigned(position, p);
            case JUMP -> JumpHash.bucket(position, p);
            case GUAVA -> JumpHash.guava(position, p);
        };
    }

    @Override
    public int nodeAt(long position) {
        return buckets.node(partition(position));
    }

    @Override
    public String partitionAt(long position) {
        return Integer.toString(partition(position));
    }

    /** Range and modulo use the whole value of a hash wider than 64 bits, as the post's MD5 salary example does. */
    @Override
    public Placement place(byte[] key) {
        if (hash.bits() <= 64 || !(kind == Kind.RANGE || kind == Kind.MODULO)) {
            return Partitioner.super.place(key);
        }
        BigInteger value = hash.value(key);
        BigInteger p = BigInteger.valueOf(buckets.count());
        BigInteger size = Unsigned.spaceSize(hash.bits()).add(p).subtract(BigInteger.ONE).divide(p);
        int partition = (kind == Kind.RANGE ? value.divide(size) : value.mod(p)).intValueExact();
        return new Placement(value, Integer.toString(partition), nodes.get(buckets.node(partition)).name());
    }

    @Override
    public Optional<SpaceMap> spaceMap() {
        int bits = hash.positionBits();
        return switch (kind) {
            case MODULO -> Optional.of(new ResidueMap(bits, nodes, buckets.owners()));
            case RANGE -> {
                int p = buckets.count();
                long[] starts = new long[p];
                int[] parts = new int[p];
                int[] owners = new int[p];
                int rows = 0;
                for (int i = 0; i < p; i++) {
                    long start = rangeSize * i;
                    if (i > 0 && Long.compareUnsigned(start, rangeSize * (i - 1)) <= 0) {
                        break;
                    }
                    if (bits < 64 && start >>> bits != 0) {
                        break;
                    }
                    starts[rows] = start;
                    parts[rows] = i;
                    owners[rows] = buckets.node(i);
                    rows++;
                }
                yield Optional.of(new IntervalMap(bits, nodes, Arrays.copyOf(starts, rows),
                        Arrays.copyOf(parts, rows), Arrays.copyOf(owners, rows),
                        Integer::toString));
            }
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + "(" + hash.id() + ", " + buckets.count()
                + " partitions)";
    }
}
