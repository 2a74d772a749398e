package dev.comet.air;

import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table whose content is fixed by the protocol (an activation function on a quantised domain,
 * for instance), offered row by row to the LogUp lookups of other tables. Its columns are
 * periodic columns of the table's whole height ({@link PeriodicColumn.Values}): both sides hold
 * them, the prover commits nothing for them, and the verifier evaluates each at the out-of-domain
 * point itself, so a proof carries no opening, no Merkle path and no proximity test for the
 * table's content. The trace has the table's height and one main column, the multiplicity of
 * each row, which the prover fills from the lookups and commits before the challenges. Each row
 * is offered as the tuple of its columns ({@link LogUpColumns#tuple}), so a lookup names a whole
 * row.
 *
 * <p>A range table of the same height may ride on its rows ({@link #withRange}): its base and
 * multiplicity columns follow the multiplicity, its offers (in their own relation) share the
 * running sum, and the proof has one table fewer. A first column that is the row index is then
 * read from the range's pinned base column instead of being a periodic column.
 */
public final class FixedTable implements Air {
    static final int MULTIPLICITY = 0;
    /** The range table's first column, when one rides on this table. */
    private static final int RANGE_BASE = 1;

    private final String name;
    private final int logRows;
    private final int alphaIndex;
    private final int betaIndex;
    /** The table's columns, one period each: {@link PeriodicColumn.Values} copies and checks them. */
    private final List<PeriodicColumn> periodic;
    private final int numChallenges;
    /** The range table on this table's rows, or null. */
    private final RangeTable range;
    private final LogUpColumns logUp;

    /**
     * @param name       a stable name for the table's content, bound into the transcript
     * @param alphaIndex the LogUp challenge shared with the tables that look rows up, and with no
     *                   other relation of the set (see {@link LogUpColumns})
     * @param betaIndex  the challenge that combines a row's columns into one value
     * @param columns    the table's columns, {@code 2^logRows} values each (at least 8), canonical
     *                   field elements; prover and verifier both hold them
     */
    public FixedTable(String name, int alphaIndex, int betaIndex, long[][] columns) {
        this(name, alphaIndex, betaIndex, periodic(columns), null);
    }

    private FixedTable(String name, int alphaIndex, int betaIndex, List<PeriodicColumn> columns, RangeTable range) {
        this.name = name;
        this.logRows = columns.get(0).logPeriod();
        this.range = range;
        this.alphaIndex = alphaIndex;
        this.betaIndex = betaIndex;
        this.numChallenges = Math.max(Math.max(alphaIndex, betaIndex), range == null ? 0 : range.challengeIndex()) + 1;
        List<Expr> row = new ArrayList<>();
        // A first column 0, 1, ..., n - 1 is the row index, which a riding range table's base column
        // holds times its values a row (pinned: 0 on row 0, + W a row): the tuple reads it there,
        // and the verifier evaluates one dense column fewer (4,096 Horner steps on chain).
        boolean indexedByRange = range != null && isRowIndex(columns.get(0));
        if (indexedByRange) {
            row.add(Expr.main(RANGE_BASE).times(Goldilocks.inv(range.valuesPerRow())));
        }
        this.periodic = indexedByRange ? columns.subList(1, columns.size()) : columns;
        for (int c = 0; c < periodic.size(); c++) {
            row.add(Expr.periodic(c));
        }
        List<LogUpColumns.Fraction> fractions = new ArrayList<>();
        fractions.add(LogUpColumns.provide(Expr.main(MULTIPLICITY), LogUpColumns.tuple(row, betaIndex)));
        if (range != null) {
            fractions.addAll(range.offers(RANGE_BASE));
        }
        this.logUp = new LogUpColumns(fractions, 0, alphaIndex);
    }

    private static boolean isRowIndex(PeriodicColumn column) {
        long[] values = column.values();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != i) {
                return false;
            }
        }
        return true;
    }

    private static List<PeriodicColumn> periodic(long[][] columns) {
        if (columns.length == 0 || columns[0].length < 8 || Integer.bitCount(columns[0].length) != 1) {
            throw new IllegalArgumentException("a fixed table needs a column of 2^k >= 8 values");
        }
        for (long[] column : columns) {
            if (column.length != columns[0].length) {
                throw new IllegalArgumentException("a fixed table's columns must have one length");
            }
        }
        return Arrays.stream(columns).map(c -> (PeriodicColumn) new PeriodicColumn.Values(c)).toList();
    }

    /**
     * This table with {@code range} on its rows (the same height); its name names both. The range's
     * relation must be its own challenge, neither this table's {@code alpha} nor its {@code beta}.
     */
    public FixedTable withRange(RangeTable range) {
        if (this.range != null || range.logRows() != logRows || range.challengeIndex() == alphaIndex
                || range.challengeIndex() == betaIndex) {
            throw new IllegalArgumentException("a range table rides on a fixed table of its height, in its own relation");
        }
        return new FixedTable(name, alphaIndex, betaIndex, periodic, range);
    }

    @Override
    public String name() {
        return range == null ? name : name + " with " + range.name();
    }

    @Override
    public TraceInfo traceInfo() {
        return new TraceInfo(logRows, 1 + (range == null ? 0 : range.width()), logUp.auxWidth(), numChallenges);
    }

    @Override
    public List<Constraint> constraints() {
        if (range == null) {
            return logUp.constraints(1 << logRows);
        }
        List<Constraint> out = new ArrayList<>(range.baseConstraints(RANGE_BASE));
        out.addAll(logUp.constraints(1 << logRows));
        return out;
    }

    @Override
    public byte[] publicInputs() {
        return new byte[0];
    }

    @Override
    public List<PeriodicColumn> periodicColumns() {
        return periodic;
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
        long[][] columns = periodic.stream().map(PeriodicColumn::values).toArray(long[][]::new);
        return logUp.auxTrace(main, new RowValues(main, new long[0][], columns), challenges, ext);
    }

    /** The table's trace: one multiplicity per row, as field elements. */
    public TraceTable trace(long[] multiplicities) {
        if (range != null) {
            throw new IllegalStateException(name() + " also needs the range's multiplicities");
        }
        return trace(multiplicities, null);
    }

    /** The trace of this table with a range on its rows: each row's multiplicity and the range's {@code 2^bits}. */
    public TraceTable trace(long[] multiplicities, long[] rangeMultiplicities) {
        if (multiplicities.length != 1 << logRows) {
            throw new IllegalArgumentException(name + " has " + (1 << logRows) + " rows, got " + multiplicities.length
                    + " multiplicities");
        }
        TraceTable t = TraceTable.ofSize(traceInfo().mainWidth(), 1 << logRows);
        System.arraycopy(multiplicities, 0, t.column(MULTIPLICITY), 0, multiplicities.length);
        if (range != null) {
            range.fill(t, RANGE_BASE, rangeMultiplicities);
        }
        return t;
    }
}
