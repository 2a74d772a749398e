package dev.comet.air;

import dev.comet.field.ExtensionField;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed table of the values {@code [0, 2^bits)}, for range checks that other tables of a
 * {@link TableSet} look up ({@link LogUpColumns#lookup}). It has exactly {@code 2^bits} rows: a
 * value column pinned by {@code t[0] = 0} and {@code t' = t + 1}, so its content is the range and
 * nothing else, which the verifier checks with two constraints whatever the size (it never
 * materialises the table); and the multiplicity column, how often the other tables look up each
 * value, which the prover fills and commits before the challenge.
 */
public final class RangeTable implements Air {
    static final int VALUE = 0;
    static final int MULTIPLICITY = 1;

    private final int bits;
    private final LogUpColumns logUp;

    /** @param challengeIndex the LogUp challenge shared with the tables that look values up */
    public RangeTable(int bits, int challengeIndex) {
        if (bits < 3 || bits > TraceInfo.MAX_LOG_LENGTH) {
            throw new IllegalArgumentException("a range table needs 3 to " + TraceInfo.MAX_LOG_LENGTH + " bits, got " + bits);
        }
        this.bits = bits;
        this.logUp = new LogUpColumns(List.of(LogUpColumns.provide(Expr.main(MULTIPLICITY), Expr.main(VALUE))), 0,
                challengeIndex);
    }

    public int bits() {
        return bits;
    }

    @Override
    public String name() {
        return "comet/range-table/" + bits;
    }

    @Override
    public TraceInfo traceInfo() {
        return new TraceInfo(bits, 2, logUp.auxWidth(), 1);
    }

    @Override
    public List<Constraint> constraints() {
        List<Constraint> out = new ArrayList<>();
        out.add(Constraint.assertion("range table starts at 0", VALUE, 0, 0));
        out.add(Constraint.transition("range table counts up", Expr.mainNext(VALUE).minus(Expr.main(VALUE)).minus(1)));
        out.addAll(logUp.constraints(1 << bits));
        return out;
    }

    @Override
    public byte[] publicInputs() {
        return new byte[0];
    }

    @Override
    public int lookupTermsPerRow() {
        return logUp.fractionsPerRow();
    }

    @Override
    public int logUpSumColumn() {
        return logUp.sumColumn();
    }

    @Override
    public long[][][] buildAuxTrace(TraceTable main, List<long[]> challenges, ExtensionField ext) {
        long[][][] aux = new long[logUp.auxWidth()][][];
        logUp.buildAux(main, new RowValues(main, new long[0][], new long[0][]), challenges, ext, aux);
        return aux;
    }

    /**
     * The table's trace for the given multiplicities (how often each value is looked up).
     *
     * @param multiplicities {@code 2^bits} counts, as field elements
     */
    public TraceTable trace(long[] multiplicities) {
        if (multiplicities.length != 1 << bits) {
            throw new IllegalArgumentException("a " + bits + "-bit range table has " + (1 << bits) + " multiplicities, got "
                    + multiplicities.length);
        }
        TraceTable t = TraceTable.ofSize(2, 1 << bits);
        for (int i = 0; i < multiplicities.length; i++) {
            t.set(VALUE, i, i);
            t.set(MULTIPLICITY, i, multiplicities[i]);
        }
        return t;
    }
}
