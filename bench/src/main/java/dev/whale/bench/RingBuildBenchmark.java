package dev.whale.bench;

import dev.whale.ring.HashRing;
import dev.whale.ring.Node;
import dev.whale.ring.Partitioner;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building a ring of 1,000,000 points (1000 nodes × 1000 points), warm, in milliseconds per ring:
 *
 * <ul>
 *   <li>{@code hashRingPrecomputed}: {@link HashRing#of} when the generator hands over ready arrays: the sort, the
 *       owners and the bucket index alone;
 *   <li>{@code hashRingGenerated}: the same, the generator drawing each node's points from a seeded
 *       {@code SplittableRandom} (as the lookup benchmark's rings);
 *   <li>{@code postRingXxh64}: {@code Partitioning.strategy(RING).hash("xxh64").vnodes(1000)}: XXH64 of a million
 *       {@code server-x-r} names, then the ring and its partitioner.
 * </ul>
 *
 * <p>Cold, first-build times in a fresh JVM are printed by {@link RingFootprint}. Run (after
 * {@code ./whale mvn -q -B -pl bench -am package -DskipTests} in the repository root):
 *
 * <pre>{@code
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar bench/target/benchmarks.jar RingBuildBenchmark \
 *     -f 1 -wi 3 -i 5 -w 2s -r 2s -rf json -rff bench/results/ring-build.json
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class RingBuildBenchmark {
    static final int NODES = 1000;
    static final int POINTS_PER_NODE = 1000;

    private List<Node> nodes;
    private long[][] points;

    @Setup(Level.Trial)
    public void setUp() {
        nodes = Node.named(NODES);
        points = new long[NODES][];
        for (int i = 0; i < NODES; i++) {
            points[i] = RingPoints.of(i, POINTS_PER_NODE);
        }
    }

    @Benchmark
    public HashRing hashRingPrecomputed() {
        long[][] p = points;
        return HashRing.of(64, nodes, HashRing.Rule.CEILING, (i, node) -> p[i], HashRing.Collisions.KEEP_FIRST);
    }

    @Benchmark
    public HashRing hashRingGenerated() {
        return RingPoints.ceilingRing(NODES, POINTS_PER_NODE);
    }

    @Benchmark
    public Partitioner postRingXxh64() {
        return RingPoints.postRing(NODES, POINTS_PER_NODE);
    }
}
