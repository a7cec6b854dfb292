package dev.whale.ring;

import java.math.BigInteger;
import java.util.List;

/**
 * The space split by the residue of a position modulo a number: modulo partitioning, or a Maglev lookup table.
 * Residue {@code r} is served by {@code owner(r)}.
 */
public final class ResidueMap implements SpaceMap {
    private final int bits;
    private final List<Node> nodes;
    private final int[] owners;

    ResidueMap(int bits, List<Node> nodes, int[] owners) {
        this.bits = bits;
        this.nodes = nodes;
        this.owners = owners;
    }

    @Override
    public int bits() {
        return bits;
    }

    @Override
    public List<Node> nodes() {
        return nodes;
    }

    public int modulus() {
        return owners.length;
    }

    public int owner(int residue) {
        return owners[residue];
    }

    /** How many positions of the space have residue {@code r}. */
    public BigInteger count(int r) {
        return countOf(bits, owners.length, r);
    }

    static BigInteger countOf(int bits, long modulus, long r) {
        BigInteger[] qr = Unsigned.spaceSize(bits).divideAndRemainder(BigInteger.valueOf(modulus));
        return BigInteger.valueOf(r).compareTo(qr[1]) < 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    }

    @Override
    public BigInteger[] served() {
        BigInteger[] qr = Unsigned.spaceSize(bits).divideAndRemainder(BigInteger.valueOf(owners.length));
        long[] slots = new long[nodes.size()];
        long[] extra = new long[nodes.size()];
        int rem = qr[1].intValueExact();
        for (int r = 0; r < owners.length; r++) {
            slots[owners[r]]++;
            if (r < rem) {
                extra[owners[r]]++;
            }
        }
        BigInteger[] out = new BigInteger[nodes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = qr[0].multiply(BigInteger.valueOf(slots[i])).add(BigInteger.valueOf(extra[i]));
        }
        return out;
    }

    @Override
    public BigInteger roundRobin() {
        return BigInteger.ZERO;
    }
}
