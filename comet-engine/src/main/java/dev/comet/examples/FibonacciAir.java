package dev.comet.examples;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.Expr;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.field.Goldilocks;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Two columns {@code (a, b)} with {@code a' = b, b' = a + b}, starting from {@code (1, 1)}; the
 * public output is {@code b} on the last row.
 */
public final class FibonacciAir implements Air {
    private final int logLength;
    private final long result;

    public FibonacciAir(int logLength, long result) {
        this.logLength = logLength;
        this.result = result;
    }

    public static TraceTable trace(int logLength) {
        int n = 1 << logLength;
        TraceTable t = TraceTable.ofSize(2, n);
        long a = 1, b = 1;
        for (int i = 0; i < n; i++) {
            t.set(0, i, a);
            t.set(1, i, b);
            long next = Goldilocks.add(a, b);
            a = b;
            b = next;
        }
        return t;
    }

    public static FibonacciAir forTrace(TraceTable trace) {
        return new FibonacciAir(Integer.numberOfTrailingZeros(trace.length()), trace.get(1, trace.length() - 1));
    }

    @Override
    public String name() {
        return "fib";
    }

    @Override
    public TraceInfo traceInfo() {
        return TraceInfo.mainOnly(logLength, 2);
    }

    @Override
    public List<Constraint> constraints() {
        int last = (1 << logLength) - 1;
        return List.of(
                Constraint.transition("a' = b", Expr.mainNext(0).minus(Expr.main(1))),
                Constraint.transition("b' = a + b", Expr.mainNext(1).minus(Expr.main(0).plus(Expr.main(1)))),
                Constraint.assertion("a starts at 1", 0, 0, 1),
                Constraint.assertion("b starts at 1", 1, 0, 1),
                Constraint.assertion("b ends at the result", 1, last, result));
    }

    @Override
    public byte[] publicInputs() {
        return ByteBuffer.allocate(8).putLong(result).array();
    }
}
