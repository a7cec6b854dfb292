package dev.whale.bench;

import com.google.common.hash.Hashing;
import dev.whale.ring.HashRing;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The lookup of a precomputed 64-bit key hash: whale's {@link HashRing#nodeAt(long)} on a ceiling ring of
 * {@code nodes} × 160 points, against the same points in a {@code TreeMap<Long, Integer>} ({@code ceilingEntry},
 * wrapping to {@code firstEntry}), and against Guava's {@code Hashing.consistentHash(long, nodes)}.
 *
 * <p>Each call reads the next of 65,536 random hashes (a sequential, masked array read that costs the same in every
 * method) and returns the node index, which JMH consumes. Setup checks that whale and the TreeMap agree on every hash.
 *
 * <p>Run (after {@code ./whale mvn -q -B -pl bench -am package -DskipTests} in the repository root):
 *
 * <pre>{@code
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar bench/target/benchmarks.jar RingLookupBenchmark \
 *     -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff bench/results/ring-lookup.json
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class RingLookupBenchmark {
    private static final int HASHES = 1 << 16;
    private static final int MASK = HASHES - 1;

    @Param({"100", "1000"})
    public int nodes;

    private HashRing ring;
    private TreeMap<Long, Integer> treeMap;
    private long[] hashes;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        ring = RingPoints.ceilingRing(nodes, RingPoints.KETAMA_POINTS);
        treeMap = RingPoints.treeMapRing(nodes, RingPoints.KETAMA_POINTS);
        if (treeMap.size() != ring.size()) {
            throw new IllegalStateException("rings differ in size: " + treeMap.size() + " vs " + ring.size());
        }
        hashes = RingPoints.hashes(HASHES, 42);
        for (long h : hashes) {
            int a = ring.nodeAt(h);
            int b = RingPoints.treeMapLookup(treeMap, h);
            if (a != b) {
                throw new IllegalStateException("whale and TreeMap disagree at " + Long.toUnsignedString(h) + ": "
                        + a + " vs " + b);
            }
        }
    }

    @Benchmark
    public int whaleRing() {
        return ring.nodeAt(hashes[next++ & MASK]);
    }

    @Benchmark
    public int treeMapRing() {
        return RingPoints.treeMapLookup(treeMap, hashes[next++ & MASK]);
    }

    @Benchmark
    public int guavaConsistentHash() {
        return Hashing.consistentHash(hashes[next++ & MASK], nodes);
    }
}
