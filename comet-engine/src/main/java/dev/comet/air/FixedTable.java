package dev.comet.air;

import dev.comet.field.ExtensionField;
import java.util.ArrayList;
import java.util.List;

/**
 * A table whose content is fixed by the protocol (an activation function on a quantised domain,
 * for instance), offered row by row to the LogUp lookups of other tables. Its columns are a
 * precommitted segment whose root is a protocol constant: anyone can recompute it from the
 * table's definition, so the verifier never materialises the table, and the proof reads it with
 * its own DEEP quotient and FRI ({@link Air#precommittedIsFixed()}). The trace has the table's
 * height and one main column, the multiplicity of each row, which the prover fills from the
 * lookups and commits before the challenges. Each row is offered as the tuple of its columns
 * ({@link LogUpColumns#tuple}), so a lookup names a whole row.
 */
public final class FixedTable implements Air {
    static final int MULTIPLICITY = 0;

    private final String name;
    private final byte[] root;
    private final int width;
    private final int logRows;
    private final long[][] columns;
    private final int numChallenges;
    private final LogUpColumns logUp;

    /**
     * @param name       a stable name for the table's content, bound into the transcript
     * @param root       the protocol constant: {@code PrecommittedSegment.commit(columns).root()}
     * @param width      number of columns
     * @param alphaIndex the LogUp challenge shared with the tables that look rows up, and with no
     *                   other relation of the set (see {@link LogUpColumns})
     * @param betaIndex  the challenge that combines a row's columns into one value
     * @param columns    the table's columns, for the prover (who builds the auxiliary trace from
     *                   them); null for the verifier, who never needs them
     */
    public FixedTable(String name, byte[] root, int width, int logRows, int alphaIndex, int betaIndex,
                      long[][] columns) {
        if (root.length != 32 || width < 1 || logRows < 3) {
            throw new IllegalArgumentException("a fixed table needs a 32-byte root, a column and at least 8 rows");
        }
        if (columns != null && (columns.length != width || columns[0].length != 1 << logRows)) {
            throw new IllegalArgumentException("a fixed table's columns must be " + width + " x 2^" + logRows);
        }
        this.name = name;
        this.root = root.clone();
        this.width = width;
        this.logRows = logRows;
        this.columns = columns;
        this.numChallenges = Math.max(alphaIndex, betaIndex) + 1;
        List<Expr> row = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            row.add(Expr.precommitted(c));
        }
        this.logUp = new LogUpColumns(List.of(LogUpColumns.provide(Expr.main(MULTIPLICITY),
                LogUpColumns.tuple(row, betaIndex))), 0, alphaIndex);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TraceInfo traceInfo() {
        return new TraceInfo(logRows, 1, logUp.auxWidth(), numChallenges, width, logRows);
    }

    @Override
    public List<Constraint> constraints() {
        return logUp.constraints(1 << logRows);
    }

    @Override
    public byte[] publicInputs() {
        return new byte[0];
    }

    @Override
    public byte[] precommittedRoot() {
        return root.clone();
    }

    @Override
    public boolean precommittedIsFixed() {
        return true;
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
        if (columns == null) {
            throw new IllegalStateException("the verifier's " + name + " holds no columns to build a trace from");
        }
        return logUp.auxTrace(main, new RowValues(main, columns, new long[0][]), challenges, ext);
    }

    /** The table's trace: one multiplicity per row, as field elements. */
    public TraceTable trace(long[] multiplicities) {
        if (multiplicities.length != 1 << logRows) {
            throw new IllegalArgumentException(name + " has " + (1 << logRows) + " rows, got " + multiplicities.length
                    + " multiplicities");
        }
        TraceTable t = TraceTable.ofSize(1, 1 << logRows);
        System.arraycopy(multiplicities, 0, t.column(MULTIPLICITY), 0, multiplicities.length);
        return t;
    }
}
