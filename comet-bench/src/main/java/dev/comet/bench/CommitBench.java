package dev.comet.bench;

import dev.comet.hash.HashFunction;
import dev.comet.hash.HashId;
import dev.comet.merkle.MerkleTree;
import dev.comet.poly.LowDegreeExtension;
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
 * The prover's trace commitment: low-degree extension of a trace of {@code 2^logRows} rows by
 * {@code columns} columns to the blowup, then a Merkle tree over the extended rows, on all
 * cores, as {@code StarkProver} does it.
 *
 * <p>{@code java -jar comet-bench/target/benchmarks.jar CommitBench -f 1 -wi 1 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g", "-XX:+UseParallelGC"})
public class CommitBench {
    @Param("20")
    int logRows;

    @Param("32")
    int columns;

    @Param("3")
    int logBlowup;

    @Param("SHA256")
    HashId hash;

    long[][] trace;
    HashFunction hashFunction;

    @Setup
    public void setup() {
        SplittableRandom random = new SplittableRandom(11);
        trace = new long[columns][];
        for (int c = 0; c < columns; c++) {
            trace[c] = FieldBench.randomElements(random, 1 << logRows);
        }
        hashFunction = HashFunction.of(hash);
    }

    @Benchmark
    public byte[] ldeAndCommit() {
        long[][] lde = LowDegreeExtension.extend(trace, logBlowup, dev.comet.field.Goldilocks.GENERATOR);
        return MerkleTree.commit(lde, hashFunction).root();
    }

    @Benchmark
    public long[][] ldeOnly() {
        return LowDegreeExtension.extend(trace, logBlowup, dev.comet.field.Goldilocks.GENERATOR);
    }
}
