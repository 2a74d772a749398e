package dev.comet.bench;

import dev.comet.field.Goldilocks;
import dev.comet.hash.HashFunction;
import dev.comet.hash.HashId;
import dev.comet.merkle.MerkleTree;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building a Merkle tree over 2^20 rows of 32 random field elements (the shape of a trace LDE
 * commitment), on all cores through the common fork-join pool. Only the tree is timed; the
 * columns are generated once. {@code fromLeafDigests} builds the same-size tree from ready leaf
 * digests, isolating the inner-node work.
 *
 * <p>Run: {@code java -jar comet-bench/target/benchmarks.jar MerkleBench -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class MerkleBench {
    @Param({"SHA256", "BLAKE3"})
    public String hash;

    @Param({"20"})
    public int logRows;

    @Param({"32"})
    public int columns;

    private HashFunction h;
    private long[][] data;
    private byte[] leafDigests;

    @Setup
    public void setup() {
        h = HashFunction.of(HashId.valueOf(hash));
        int rows = 1 << logRows;
        SplittableRandom rnd = new SplittableRandom(7);
        data = new long[columns][rows];
        for (long[] col : data) {
            for (int i = 0; i < rows; i++) {
                col[i] = Goldilocks.reduce(rnd.nextLong());
            }
        }
        leafDigests = new byte[32 * rows];
        rnd.nextBytes(leafDigests);
    }

    @Benchmark
    public byte[] commit() {
        return MerkleTree.commit(data, h).root();
    }

    @Benchmark
    public byte[] fromLeafDigests() {
        return MerkleTree.commitLeaves(leafDigests, h).root();
    }
}
