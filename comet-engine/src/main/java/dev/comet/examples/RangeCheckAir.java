package dev.comet.examples;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.Expr;
import dev.comet.air.LogUpColumns;
import dev.comet.air.RowValues;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.field.ExtensionField;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A range check inside one table: a 32-bit counter {@code v' = v + step} whose every value is
 * proven to lie in {@code [0, 2^32)} through two 16-bit limbs, looked up ({@link LogUpColumns}) in
 * a table column of the same trace. The table column starts at 0, ends at {@code 2^16 - 1} and
 * steps by 0 or 1, so it takes every value of the range and no other; this needs at least
 * {@code 2^16} rows. The table's LogUp total must be zero on its own. Columns: {@code v},
 * {@code lo}, {@code hi}, table, multiplicity. Public: the start value and the step.
 */
public final class RangeCheckAir implements Air {
    static final int V = 0, LO = 1, HI = 2, TABLE = 3, MULT = 4;
    private static final int BITS = 16;
    private static final LogUpColumns RANGE = new LogUpColumns(List.of(LogUpColumns.lookup(Expr.main(LO)),
            LogUpColumns.lookup(Expr.main(HI)), LogUpColumns.provide(Expr.main(MULT), Expr.main(TABLE))), 0, 0);

    private final int logLength;
    private final long start;
    private final long step;

    public RangeCheckAir(int logLength, long start, long step) {
        if (logLength < BITS) {
            throw new IllegalArgumentException("the range AIR needs at least 2^" + BITS + " rows");
        }
        this.logLength = logLength;
        this.start = start;
        this.step = step;
    }

    public static int minLogLength() {
        return BITS;
    }

    /** The trace of the counter; throws if a value leaves the 32-bit range. */
    public static TraceTable trace(int logLength, long start, long step) {
        int n = 1 << logLength;
        TraceTable t = TraceTable.ofSize(5, n);
        long v = start;
        long[] multiplicity = t.column(MULT);
        for (int i = 0; i < n; i++) {
            if (v < 0 || v >= 1L << (2 * BITS)) {
                throw new IllegalArgumentException("counter value " + v + " at row " + i + " is outside [0, 2^32)");
            }
            t.set(V, i, v);
            t.set(LO, i, v & 0xFFFF);
            t.set(HI, i, v >>> BITS);
            t.set(TABLE, i, Math.min(i, (1 << BITS) - 1));
            v += step;
        }
        for (int i = 0; i < n; i++) {
            multiplicity[(int) t.get(LO, i)]++;
            multiplicity[(int) t.get(HI, i)]++;
        }
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
        out.add(Constraint.everyRow("v = lo + 2^16 hi",
                Expr.main(V).minus(Expr.main(LO)).minus(Expr.main(HI).times(1L << BITS))));
        Expr table = Expr.main(TABLE);
        Expr tableStep = Expr.mainNext(TABLE).minus(table);
        out.add(Constraint.assertion("range table starts at 0", TABLE, 0, 0));
        out.add(Constraint.transition("range table steps by 0 or 1", tableStep.times(tableStep.minus(1))));
        out.add(Constraint.assertion("range table ends at 2^16-1", TABLE, (1 << logLength) - 1, (1L << BITS) - 1));
        out.addAll(RANGE.constraints(1 << logLength));
        return out;
    }

    @Override
    public long[][][] buildAuxTrace(TraceTable main, List<long[]> challenges, ExtensionField ext) {
        return RANGE.auxTrace(main, RowValues.of(main), challenges, ext);
    }

    @Override
    public int lookupTermsPerRow() {
        return RANGE.fractionsPerRow();
    }

    @Override
    public int logUpSumColumn() {
        return RANGE.sumColumn();
    }

    @Override
    public byte[] publicInputs() {
        return ByteBuffer.allocate(16).putLong(start).putLong(step).array();
    }
}
