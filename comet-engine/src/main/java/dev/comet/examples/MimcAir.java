package dev.comet.examples;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.Expr;
import dev.comet.air.PeriodicColumn;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.field.Goldilocks;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A MiMC-style cubic recurrence {@code x' = x^3 + k_i}, with the round constants {@code k} in a
 * public periodic column of period {@link #ROUNDS}. Public: input {@code x[0]} and output {@code x[n-1]}.
 */
public final class MimcAir implements Air {
    public static final int ROUNDS = 64;

    private final int logLength;
    private final long input;
    private final long output;

    public MimcAir(int logLength, long input, long output) {
        if ((1 << logLength) < ROUNDS) {
            throw new IllegalArgumentException("the MiMC AIR needs at least " + ROUNDS + " rows (one round-constant period)");
        }
        this.logLength = logLength;
        this.input = input;
        this.output = output;
    }

    /** Round constants: a fixed pseudo-random sequence (splitmix64), reduced into the field. */
    public static long[] roundConstants() {
        long[] k = new long[ROUNDS];
        long state = 0x636f6d65742d6d69L; // "comet-mi"
        for (int i = 0; i < ROUNDS; i++) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            k[i] = Goldilocks.reduce(z ^ (z >>> 31));
        }
        return k;
    }

    public static TraceTable trace(int logLength, long input) {
        int n = 1 << logLength;
        long[] k = roundConstants();
        TraceTable t = TraceTable.ofSize(1, n);
        long x = input;
        for (int i = 0; i < n; i++) {
            t.set(0, i, x);
            x = Goldilocks.add(Goldilocks.mul(Goldilocks.square(x), x), k[i % ROUNDS]);
        }
        return t;
    }

    public static MimcAir forTrace(TraceTable trace) {
        return new MimcAir(Integer.numberOfTrailingZeros(trace.length()), trace.get(0, 0), trace.get(0, trace.length() - 1));
    }

    @Override
    public String name() {
        return "mimc";
    }

    @Override
    public TraceInfo traceInfo() {
        return TraceInfo.mainOnly(logLength, 1);
    }

    @Override
    public List<PeriodicColumn> periodicColumns() {
        return List.of(PeriodicColumn.of(roundConstants()));
    }

    @Override
    public List<Constraint> constraints() {
        Expr x = Expr.main(0);
        return List.of(
                Constraint.transition("x' = x^3 + k", Expr.mainNext(0).minus(x.pow(3).plus(Expr.periodic(0)))),
                Constraint.assertion("input", 0, 0, input),
                Constraint.assertion("output", 0, (1 << logLength) - 1, output));
    }

    @Override
    public byte[] publicInputs() {
        return ByteBuffer.allocate(16).putLong(input).putLong(output).array();
    }
}
