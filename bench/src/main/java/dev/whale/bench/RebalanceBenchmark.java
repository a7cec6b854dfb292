package dev.whale.bench;

import dev.whale.ring.Keys;
import dev.whale.ring.Partitioner;
import dev.whale.ring.Rebalance;
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
 * The exact rebalance between two 1,000,000-point rings, in milliseconds: the post's ring with XXH64, 1000 nodes ×
 * 1000 partitions before and 1001 nodes × 1000 after (one node added, 1,001,000 points), both built in setup.
 * {@link Rebalance#between} builds both routing tables, merges them and totals the flows and the loads; the exact path
 * never reads the key sample.
 *
 * <p>Run (after {@code ./whale mvn -q -B -pl bench -am package -DskipTests} in the repository root):
 *
 * <pre>{@code
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar bench/target/benchmarks.jar RebalanceBenchmark \
 *     -f 1 -wi 3 -i 5 -w 2s -r 2s -rf json -rff bench/results/rebalance.json
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class RebalanceBenchmark {
    private Partitioner before;
    private Partitioner after;
    private List<String> keys;

    @Setup(Level.Trial)
    public void setUp() {
        before = RingPoints.postRing(1000, 1000);
        after = RingPoints.postRing(1001, 1000);
        keys = Keys.generated("k", 1);
        Rebalance r = Rebalance.between(before, after, keys);
        if (!r.exact()) {
            throw new IllegalStateException("expected an exact rebalance");
        }
    }

    @Benchmark
    public Rebalance exactRebalance() {
        return Rebalance.between(before, after, keys);
    }
}
