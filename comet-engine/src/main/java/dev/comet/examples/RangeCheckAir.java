package dev.comet.examples;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.Expr;
import dev.comet.air.LogUpRangeCheck;
import dev.comet.air.RowValues;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.field.ExtensionField;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Exercises the {@link LogUpRangeCheck} gadget: a 32-bit counter {@code v' = v + step} whose every
 * value is proven to lie in {@code [0, 2^32)} through two 16-bit limbs. Columns: {@code v},
 * {@code lo}, {@code hi}, table, multiplicity. Public: the start value and the step.
 */
public final class RangeCheckAir implements Air {
    static final int V = 0, LO = 1, HI = 2, TABLE = 3, MULT = 4;
    private static final LogUpRangeCheck RANGE = new LogUpRangeCheck(new int[] {LO, HI}, TABLE, MULT, 0, 0);

    private final int logLength;
    private final long start;
    private final long step;

    public RangeCheckAir(int logLength, long start, long step) {
        if (logLength < RANGE.minLogTraceLength()) {
            throw new IllegalArgumentException("the range AIR needs at least 2^" + RANGE.minLogTraceLength() + " rows");
        }
        this.logLength = logLength;
        this.start = start;
        this.step = step;
    }

    public static int minLogLength() {
        return RANGE.minLogTraceLength();
    }

    /** The trace of the counter; throws if a value leaves the 32-bit range. */
    public static TraceTable trace(int logLength, long start, long step) {
        int n = 1 << logLength;
        TraceTable t = TraceTable.ofSize(5, n);
        long v = start;
        for (int i = 0; i < n; i++) {
            long[] limbs = LogUpRangeCheck.limbs(v, 16, 2);
            t.set(V, i, v);
            t.set(LO, i, limbs[0]);
            t.set(HI, i, limbs[1]);
            v += step;
        }
        RANGE.fillTable(t, new RowValues(t, new long[0][], new long[0][]));
        return t;
    }

    @Override
    public String name() {
        return "range";
    }

    @Override
    public TraceInfo traceInfo() {
        return new TraceInfo(logLength, 5, RANGE.auxWidth(), 1);
    }

    @Override
    public List<Constraint> constraints() {
        List<Constraint> out = new ArrayList<>();
        out.add(Constraint.transition("v' = v + step", Expr.mainNext(V).minus(Expr.main(V).plus(step))));
        out.add(Constraint.assertion("v starts at start", V, 0, start));
        out.add(Constraint.everyRow("v = lo + 2^16 hi", LogUpRangeCheck.recompose(Expr.main(V), 16, LO, HI)));
        out.addAll(RANGE.constraints(1 << logLength));
        return out;
    }

    @Override
    public long[][][] buildAuxTrace(TraceTable main, List<long[]> challenges, ExtensionField ext) {
        long[][][] aux = new long[RANGE.auxWidth()][][];
        RANGE.buildAux(main, new RowValues(main, new long[0][], new long[0][]), challenges, ext, aux);
        return aux;
    }

    @Override
    public int lookupTermsPerRow() {
        return RANGE.lookupTermsPerRow();
    }

    @Override
    public byte[] publicInputs() {
        return ByteBuffer.allocate(16).putLong(start).putLong(step).array();
    }
}
