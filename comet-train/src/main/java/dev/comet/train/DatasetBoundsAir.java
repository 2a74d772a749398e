package dev.comet.train;

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
 * The training proof's check that every committed data value is strictly inside its bound, once
 * per data row: a table of {@code max(h, 8)} rows that reads the dataset segment (the same one
 * {@link LinearRegressionAir} reads once per epoch) and, for each value {@code v}, looks its two
 * limbs up in the 16-bit range table and checks {@code (v + 2^31) inv = 1}. With
 * {@code u = lo + 2^16 hi} in {@code [0, 2^32)} and {@code u != 0}, that is exactly
 * {@code -2^31 < v < 2^31}.
 *
 * <p>Doing this here rather than on each of the training table's {@code h K} rows makes the
 * check cost follow the data, not rows x epochs: at {@code K = 16} it removes more than half of
 * the training table's auxiliary columns. The training table's bound arguments rely on these
 * bounds for every value it reads; it reads the same committed polynomials (one segment, equal
 * roots, see {@link dev.comet.air.TableSet}), and this table covers every row of the segment.
 *
 * <p>The one main column holds nothing and is pinned to zero, since a table needs a main trace.
 * Its lookups belong to the range relation (challenge 0) and its LogUp total joins the range
 * table's.
 */
public final class DatasetBoundsAir implements Air {
    public static final String NAME = "comet/dataset-bounds/v1";

    private final byte[] root;
    private final int values;
    private final int logHeight;
    private final int logLength;
    private final LogUpColumns range;
    /** The committed columns, for the prover's instance; null for the verifier's. */
    private final long[][] dataColumns;

    /**
     * The table for a dataset of {@code features} features (and a target) of {@code 2^logHeight}
     * rows under {@code root}; {@code dataColumns} are its committed columns (prover) or null.
     */
    DatasetBoundsAir(byte[] root, int features, int logHeight, long[][] dataColumns) {
        this.root = root.clone();
        this.dataColumns = dataColumns;
        this.values = features + 1;
        this.logHeight = logHeight;
        this.logLength = Math.max(LinearRegressionAir.MIN_LOG_LENGTH, logHeight);
        this.range = new LogUpColumns(rangeChecked().stream().map(LogUpColumns::lookup).toList(), 0, 0);
    }

    /** The range-checked limbs of every value of the current data row. */
    List<Expr> rangeChecked() {
        List<Expr> out = new ArrayList<>();
        for (int v = 0; v < values; v++) {
            out.add(Expr.precommitted(DatasetCommitment.lowLimbColumn(v)));
            out.add(Expr.precommitted(DatasetCommitment.highLimbColumn(v)));
        }
        return out;
    }

    /** The trace: its single column of zeros. */
    TraceTable trace() {
        return TraceTable.ofSize(1, 1 << logLength);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TraceInfo traceInfo() {
        return new TraceInfo(logLength, 1, range.auxWidth(), 1, DatasetCommitment.width(values - 1), logHeight);
    }

    @Override
    public List<Constraint> constraints() {
        List<Constraint> out = new ArrayList<>();
        out.add(Constraint.everyRow("the main column is zero", Expr.main(0)));
        for (int v = 0; v < values; v++) {
            out.add(Constraint.everyRow("data value " + v + " is strictly inside its bound",
                    DatasetCommitment.shiftedValue(v).times(Expr.precommitted(DatasetCommitment.inverseColumn(v))).minus(1)));
        }
        out.addAll(range.constraints(1 << logLength));
        return out;
    }

    @Override
    public byte[] precommittedRoot() {
        return root.clone();
    }

    @Override
    public byte[] publicInputs() {
        return ByteBuffer.allocate(root.length + 8).put(root).putInt(values).putInt(logHeight).array();
    }

    @Override
    public int lookupTermsPerRow() {
        return range.fractionsPerRow();
    }

    @Override
    public int logUpSumColumn() {
        return range.sumColumn();
    }

    @Override
    public long[][][] buildAuxTrace(TraceTable main, List<long[]> challenges, ExtensionField ext) {
        if (dataColumns == null) {
            throw new IllegalStateException("the verifier's AIR cannot build a trace");
        }
        long[][][] aux = new long[range.auxWidth()][][];
        range.buildAux(main, rowValues(main), challenges, ext, aux);
        return aux;
    }

    RowValues rowValues(TraceTable main) {
        return new RowValues(main, dataColumns, new long[0][]);
    }
}
