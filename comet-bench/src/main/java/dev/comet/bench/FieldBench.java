package dev.comet.bench;

import dev.comet.field.CubicExtension;
import dev.comet.field.Goldilocks;
import dev.comet.field.QuadraticExtension;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Goldilocks and extension-field kernels. Scores are nanoseconds per element operation: the
 * array benchmarks divide by {@link #N} through {@link OperationsPerInvocation}.
 *
 * <p>{@code java -jar comet-bench/target/benchmarks.jar FieldBench -f 1 -wi 3 -i 5 -t 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FieldBench {
    static final int N = 1024;

    long[] a;
    long[] b;
    long[] out;
    long[][] quadA;
    long[][] quadB;
    long[][] cubicA;
    long[][] cubicB;
    long[][] extOut;
    /** State carried between invocations so that inputs never repeat; never zero. */
    long chain = 3;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(42);
        a = randomElements(rnd, N);
        b = randomElements(rnd, N);
        out = new long[N];
        quadA = new long[N][];
        quadB = new long[N][];
        cubicA = new long[N][];
        cubicB = new long[N][];
        extOut = new long[N][];
        for (int i = 0; i < N; i++) {
            quadA[i] = randomElements(rnd, 2);
            quadB[i] = randomElements(rnd, 2);
            cubicA[i] = randomElements(rnd, 3);
            cubicB[i] = randomElements(rnd, 3);
        }
    }

    /** {@code x + 1}, skipping zero. */
    private static long successor(long x) {
        long y = Goldilocks.add(x, 1);
        return y == 0 ? 1 : y;
    }

    /** Uniform non-zero field elements (zero would make the inversion benchmarks throw). */
    static long[] randomElements(SplittableRandom rnd, int n) {
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            r[i] = 1 + Long.remainderUnsigned(rnd.nextLong(), Goldilocks.P - 1);
        }
        return r;
    }

    /**
     * Independent multiplications: throughput. In place, so the operands differ on every
     * invocation and the branch predictor cannot learn a fixed input (it can memorise a repeated
     * sequence of 1024 data-dependent branches, which would flatter branchy code).
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long[] mul() {
        long[] x = a, y = b;
        for (int i = 0; i < N; i++) {
            x[i] = Goldilocks.mul(x[i], y[i]);
        }
        return x;
    }

    /**
     * A dependent chain of multiplications: latency. The chain continues across invocations, so
     * no two invocations see the same sequence of values.
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long mulChain() {
        long acc = chain;
        long[] x = b;
        for (int i = 0; i < N; i++) {
            acc = Goldilocks.mul(acc, x[i]);
        }
        chain = acc;
        return acc;
    }

    /** In place, for the same reason as {@link #mul}. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long[] add() {
        long[] x = a, y = b;
        for (int i = 0; i < N; i++) {
            x[i] = Goldilocks.add(x[i], y[i]);
        }
        return x;
    }

    /** In place, for the same reason as {@link #mul}. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long[] sub() {
        long[] x = a, y = b;
        for (int i = 0; i < N; i++) {
            x[i] = Goldilocks.sub(x[i], y[i]);
        }
        return x;
    }

    /**
     * One inversion by Fermat's little theorem (about 64 squarings and multiplications), of a
     * value that changes on every invocation.
     */
    @Benchmark
    public long inverse() {
        chain = successor(Goldilocks.inv(chain));
        return chain;
    }

    /** Batch inversion of {@value #N} elements, per element; the first one changes every time. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long[] batchInverse() {
        System.arraycopy(b, 0, out, 0, N);
        chain = successor(chain);
        out[0] = chain;
        Goldilocks.batchInvertInPlace(out);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[][] quadraticMul() {
        QuadraticExtension ext = QuadraticExtension.INSTANCE;
        for (int i = 0; i < N; i++) {
            extOut[i] = ext.mul(quadA[i], quadB[i]);
        }
        return extOut;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[][] cubicMul() {
        CubicExtension ext = CubicExtension.INSTANCE;
        for (int i = 0; i < N; i++) {
            extOut[i] = ext.mul(cubicA[i], cubicB[i]);
        }
        return extOut;
    }
}
