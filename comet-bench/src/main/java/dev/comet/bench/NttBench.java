package dev.comet.bench;

import dev.comet.field.Goldilocks;
import dev.comet.poly.LowDegreeExtension;
import dev.comet.poly.Ntt;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * NTT kernels. The transforms run in place on the same array every invocation; the values stay
 * canonical field elements, so every invocation does the same work. Scores are in SampleTime
 * mode: the {@code p0.50} line is the median.
 *
 * <p>{@code java -jar comet-bench/target/benchmarks.jar NttBench -f 1 -wi 3 -i 5 -t 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NttBench {
    @Param("20")
    int logN;

    Ntt ntt;
    long[] data;

    @Setup
    public void setup() {
        ntt = Ntt.ofLogSize(logN);
        data = FieldBench.randomElements(new SplittableRandom(7), 1 << logN);
    }

    /** Forward NTT, natural order in and out, on the calling thread only. */
    @Benchmark
    public long[] forward() {
        ntt.forward(data);
        return data;
    }

    /** Inverse NTT including the scaling by {@code 1/n}. */
    @Benchmark
    public long[] inverse() {
        ntt.inverse(data);
        return data;
    }

    /** Coset forward NTT (the LDE kernel): scaling by powers of the shift, then the transform. */
    @Benchmark
    public long[] forwardCoset() {
        ntt.forwardCoset(data, Goldilocks.GENERATOR);
        return data;
    }

    /** A trace-sized low-degree extension: 8 columns of 2^16 rows, blowup 8, coset shift 7. */
    @State(Scope.Benchmark)
    public static class LdeState {
        long[][] columns;
        ForkJoinPool oneThread;

        @Setup
        public void setup() {
            SplittableRandom rnd = new SplittableRandom(11);
            columns = new long[8][];
            for (int c = 0; c < columns.length; c++) {
                columns[c] = FieldBench.randomElements(rnd, 1 << 16);
            }
            oneThread = new ForkJoinPool(1);
        }

        @TearDown
        public void tearDown() {
            oneThread.shutdown();
        }
    }

    /** LDE on the common pool, i.e. all cores. */
    @Benchmark
    public long[][] lde(LdeState s) {
        return LowDegreeExtension.extend(s.columns, 3, Goldilocks.GENERATOR);
    }

    /** The same LDE confined to one worker thread (parallel streams run in the submitting pool). */
    @Benchmark
    public long[][] ldeOneThread(LdeState s) throws InterruptedException, ExecutionException {
        return s.oneThread.submit(() -> LowDegreeExtension.extend(s.columns, 3, Goldilocks.GENERATOR)).get();
    }
}
