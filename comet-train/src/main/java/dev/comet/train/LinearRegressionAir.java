package dev.comet.train;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.ConstraintDomain;
import dev.comet.air.Expr;
import dev.comet.air.LogUpRangeCheck;
import dev.comet.air.RowValues;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import java.util.ArrayList;
import java.util.List;

/**
 * AIR of a whole linear-regression training run (docs/TRAINING.md): one row per sample step over
 * all epochs, the data read from the committed dataset (trace row {@code r} reads data row
 * {@code r mod h}), weights updated at batch ends.
 *
 * <p><b>Rows.</b> The trace has {@code n = h K} rows, {@code h = 2^ceil(log2 N)},
 * {@code K >= epochs} a power of two (and {@code n >= 2^16} for the range table). Epoch slot
 * {@code e = r / h} is active while {@code e < epochs}; data rows {@code i >= N} are padding.
 * Public periodic columns of period {@code h} mark valid rows, batch ends, the last (partial) batch
 * and, for each weight, the row of each batch at which that weight is range-checked.
 *
 * <p><b>Columns.</b> weights {@code w_j} (bias {@code j = D}); gradient accumulators
 * {@code g_j} (sum of {@code s x_j} over the batch's earlier rows); the batch's update remainders
 * {@code rr_j}; {@code act} (epoch active), {@code cnt} (running count of active rows), {@code a}
 * ({@code act * valid}); prediction limbs and remainder; scaled-error limbs and remainder; per
 * slot the limbs of one remainder and one weight; the range table and its multiplicities.
 *
 * <p><b>Soundness of each division</b> ({@code |.|} on integers; every bound below keeps both
 * sides of the field equation under {@code p / 2}, so it holds over the integers, and a range-
 * checked remainder then forces the floor):
 * <ul>
 *   <li>prediction: {@code dot = pred 2^16 + r1}, {@code |dot| < 101 * 2^55},
 *       {@code pred + 2^31} in two 16-bit limbs, {@code r1 < 2^16};</li>
 *   <li>scaled error: {@code lr_q (pred - y) = s 2^16 + r2}, {@code |lhs| < 2^48},
 *       {@code s + 2^20 = sl + 2^16 sh} with {@code sh < 2^5}, {@code r2 < 2^16};</li>
 *   <li>update: {@code (w - w') m 2^16 + rr = G} at batch ends, {@code |G| < 2^11 * 2^51},
 *       {@code rr = ql + 2^16 qh} with {@code qh <= m - 1}, and both {@code w} and {@code w'}
 *       range-checked to {@code [-2^24, 2^24)} (each batch checks its own weights; the final
 *       weights are public and checked by the statement).</li>
 * </ul>
 * Data values are range-checked to {@code [-2^31, 2^31)} through limbs committed with the
 * dataset. {@code act} is boolean and non-increasing with {@code cnt = epochs * h} active rows in
 * total, so exactly the first {@code epochs} epoch slots train.
 */
public final class LinearRegressionAir implements Air {
    public static final String NAME = "comet/linear-regression/v1";
    static final int MIN_LOG_LENGTH = 16;
    private static final long TWO16 = 1L << 16;

    private final TrainingStatement statement;
    private final long[][] dataColumns;
    private final int d;
    private final int weights;
    private final int logHeight;
    private final int logLength;
    private final int slots;
    private final int lastBatchSize;
    final List<long[]> periodic;
    private final LogUpRangeCheck range;

    // main columns
    final int colW;
    final int colG;
    final int colR;
    final int colAct;
    final int colCnt;
    final int colA;
    final int colPl;
    final int colPh;
    final int colR1;
    final int colSl;
    final int colSh;
    final int colR2;
    final int colSlot0;
    final int colTable;
    final int colMult;
    final int mainWidth;
    // periodic columns
    static final int P_VALID = 0;
    static final int P_LAST = 1;
    static final int P_IN_LAST = 2;
    static final int P_SEL0 = 3;

    private LinearRegressionAir(TrainingStatement statement, long[][] dataColumns) {
        this.statement = statement;
        this.dataColumns = dataColumns;
        this.d = statement.features();
        this.weights = d + 1;
        this.logHeight = DatasetCommitment.logHeight(statement.rows());
        this.logLength = logTraceLength(statement.rows(), statement.epochs());
        int n = statement.rows();
        int b = statement.batchSize();
        this.lastBatchSize = n % b == 0 ? b : n % b; // also the smallest batch
        this.slots = (weights + lastBatchSize - 1) / lastBatchSize;
        colW = 0;
        colG = weights;
        colR = 2 * weights;
        colAct = 3 * weights;
        colCnt = colAct + 1;
        colA = colAct + 2;
        colPl = colAct + 3;
        colPh = colPl + 1;
        colR1 = colPl + 2;
        colSl = colPl + 3;
        colSh = colPl + 4;
        colR2 = colPl + 5;
        colSlot0 = colPl + 6;
        colTable = colSlot0 + 4 * slots;
        colMult = colTable + 1;
        mainWidth = colMult + 1;
        this.periodic = periodicColumns(statement, logHeight, slots);
        this.range = new LogUpRangeCheck(rangeChecked(), colTable, colMult, 0, 0, LogUpRangeCheck.DEFAULT_BITS);
    }

    /** The verifier's AIR: public statement only. */
    public static LinearRegressionAir forVerifier(TrainingStatement statement) {
        return new LinearRegressionAir(statement, null);
    }

    /** The prover's AIR: also holds the committed data, needed to build the auxiliary trace. */
    public static LinearRegressionAir forProver(TrainingStatement statement, DatasetCommitment data) {
        if (!java.util.Arrays.equals(statement.datasetRoot(), data.root())) {
            throw new IllegalArgumentException("the statement names another dataset commitment");
        }
        return new LinearRegressionAir(statement, data.columns());
    }

    /**
     * log2 of the trace length of a run, {@code h * 2^ceil(log2 E)} rows and at least 2^16; callers
     * check it before training so that a run too long to prove fails before any work.
     *
     * @throws IllegalArgumentException when the trace would exceed {@link TraceInfo#MAX_LOG_LENGTH}
     */
    public static int logTraceLength(int rows, int epochs) {
        int logHeight = DatasetCommitment.logHeight(rows);
        int logLength = Math.max(MIN_LOG_LENGTH, logHeight + ceilLog2(epochs));
        if (logLength > TraceInfo.MAX_LOG_LENGTH) {
            throw new IllegalArgumentException("run of " + rows + " rows x " + epochs + " epochs needs 2^" + logLength
                    + " trace rows, above the limit 2^" + TraceInfo.MAX_LOG_LENGTH);
        }
        return logLength;
    }

    private static int ceilLog2(int x) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(1, x) - 1);
    }

    public TrainingStatement statement() {
        return statement;
    }

    int logHeight() {
        return logHeight;
    }

    int slots() {
        return slots;
    }

    LogUpRangeCheck range() {
        return range;
    }

    long[][] dataColumns() {
        return dataColumns;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TraceInfo traceInfo() {
        return new TraceInfo(logLength, mainWidth, range.auxWidth(), 1, DatasetCommitment.width(d), logHeight);
    }

    @Override
    public byte[] precommittedRoot() {
        return statement.datasetRoot();
    }

    @Override
    public int lookupTermsPerRow() {
        return range.lookupTermsPerRow();
    }

    @Override
    public byte[] publicInputs() {
        return statement.encode();
    }

    @Override
    public List<dev.comet.air.PeriodicColumn> periodicColumns() {
        return periodic.stream().map(dev.comet.air.PeriodicColumn::of).toList();
    }

    private static List<long[]> periodicColumns(TrainingStatement st, int logHeight, int slots) {
        int h = 1 << logHeight;
        int n = st.rows();
        int b = st.batchSize();
        int weights = st.features() + 1;
        boolean partial = n % b != 0;
        long[] valid = new long[h];
        long[] last = new long[h];
        long[] inLast = new long[h];
        long[][] sel = new long[weights][h];
        for (int i = 0; i < n; i++) {
            valid[i] = 1;
            last[i] = ((i + 1) % b == 0 || i == n - 1) ? 1 : 0;
            inLast[i] = partial && i >= (n / b) * b ? 1 : 0;
            int pos = i % b;
            for (int j = 0; j < weights; j++) {
                sel[j][i] = pos == j / slots ? 1 : 0;
            }
        }
        List<long[]> out = new ArrayList<>(List.of(valid, last, inLast));
        out.addAll(List.of(sel));
        return List.copyOf(out);
    }

    // --- expressions -------------------------------------------------------------------------

    private Expr x(int j) {
        return j < d ? Expr.precommitted(DatasetCommitment.valueColumn(j)) : Expr.constant(TWO16);
    }

    private Expr y() {
        return Expr.precommitted(DatasetCommitment.valueColumn(d));
    }

    Expr pred() {
        return Expr.main(colPl).plus(Expr.main(colPh).times(TWO16)).minus(1L << FixedPointStep.PREDICTION_BITS);
    }

    Expr scaledError() {
        return Expr.main(colSl).plus(Expr.main(colSh).times(TWO16)).minus(1L << FixedPointStep.SCALED_ERROR_BITS);
    }

    /** The current batch's size: {@code B}, or the last partial batch's size on its rows. */
    private Expr batchSize() {
        long b = statement.batchSize();
        if (statement.rows() % b == 0) {
            return Expr.constant(b);
        }
        return Expr.constant(b).minus(Expr.periodic(P_IN_LAST).times(b - lastBatchSize));
    }

    private Expr dot() {
        Expr sum = Expr.main(colW).times(x(0));
        for (int j = 1; j < weights; j++) {
            sum = sum.plus(Expr.main(colW + j).times(x(j)));
        }
        return sum;
    }

    private List<Expr> rangeChecked() {
        List<Expr> out = new ArrayList<>();
        out.add(Expr.main(colPl));
        out.add(Expr.main(colPh));
        out.add(Expr.main(colR1));
        out.add(Expr.main(colSl));
        out.add(Expr.main(colSh));
        out.add(Expr.main(colSh).times(1L << (16 - (FixedPointStep.SCALED_ERROR_BITS + 1 - 16))));
        out.add(Expr.main(colR2));
        for (int u = 0; u < slots; u++) {
            int base = colSlot0 + 4 * u;
            out.add(Expr.main(base));
            out.add(Expr.main(base + 1));
            out.add(batchSize().minus(1).minus(Expr.main(base + 1)));
            out.add(Expr.main(base + 2));
            out.add(Expr.main(base + 3));
            out.add(Expr.main(base + 3).times(1L << (16 - (FixedPointStep.WEIGHT_BITS + 1 - 16))));
        }
        for (int v = 0; v <= d; v++) {
            out.add(Expr.precommitted(DatasetCommitment.lowLimbColumn(d, v)));
            out.add(Expr.precommitted(DatasetCommitment.highLimbColumn(d, v)));
        }
        return out;
    }

    @Override
    public List<Constraint> constraints() {
        int n = 1 << logLength;
        int h = 1 << logHeight;
        List<Constraint> out = new ArrayList<>();
        Expr act = Expr.main(colAct);
        Expr a = Expr.main(colA);
        Expr last = Expr.periodic(P_LAST);
        Expr notLast = Expr.constant(1).minus(last);
        Expr s = scaledError();

        out.add(Constraint.everyRow("a = act * valid", a.minus(act.times(Expr.periodic(P_VALID)))));
        out.add(Constraint.everyRow("act is boolean", act.times(act.minus(1))));
        out.add(Constraint.transition("act never restarts", Expr.mainNext(colAct).times(Expr.constant(1).minus(act))));
        out.add(Constraint.atRow("cnt starts", 0, Expr.main(colCnt).minus(act)));
        out.add(Constraint.transition("cnt counts active rows",
                Expr.mainNext(colCnt).minus(Expr.main(colCnt)).minus(Expr.mainNext(colAct))));
        out.add(Constraint.atRow("epochs", n - 1, Expr.main(colCnt).minus((long) statement.epochs() * h)));

        out.add(Constraint.everyRow("prediction = floor(dot / 2^16)",
                a.times(dot().minus(pred().times(TWO16)).minus(Expr.main(colR1)))));
        out.add(Constraint.everyRow("scaled error = floor(lr (pred - y) / 2^16)",
                a.times(pred().minus(y()).times(statement.learningRateQ()).minus(s.times(TWO16)).minus(Expr.main(colR2)))));
        out.add(Constraint.everyRow("no scaled error on idle rows", Expr.constant(1).minus(a).times(s)));

        for (int j = 0; j < weights; j++) {
            Expr w = Expr.main(colW + j);
            Expr g = Expr.main(colG + j);
            Expr rr = Expr.main(colR + j);
            Expr gradient = g.plus(s.times(x(j)));
            out.add(Constraint.atRow("gradient " + j + " starts at 0", 0, g));
            out.add(Constraint.transition("gradient " + j + " accumulates", Expr.mainNext(colG + j).minus(notLast.times(gradient))));
            out.add(Constraint.transition("weight " + j + " constant within a batch",
                    notLast.times(Expr.mainNext(colW + j).minus(w))));
            out.add(Constraint.transition("weight " + j + " update",
                    last.times(w.minus(Expr.mainNext(colW + j)).times(batchSize()).times(TWO16).minus(gradient.minus(rr)))));
            out.add(Constraint.transition("remainder " + j + " constant within a batch",
                    notLast.times(Expr.mainNext(colR + j).minus(rr))));
            out.add(Constraint.assertion("initial weight " + j, colW + j, 0, Goldilocks.fromSigned(statement.initialWeights()[j])));
            out.add(finalWeight(j, n, gradient, rr));
        }
        for (int u = 0; u < slots; u++) {
            int base = colSlot0 + 4 * u;
            Expr remainderLimbs = Expr.main(base).plus(Expr.main(base + 1).times(TWO16));
            Expr weightLimbs = Expr.main(base + 2).plus(Expr.main(base + 3).times(TWO16));
            Expr remainderCheck = Expr.constant(0);
            Expr weightCheck = Expr.constant(0);
            for (int j = u; j < weights; j += slots) {
                Expr sel = Expr.periodic(P_SEL0 + j);
                remainderCheck = remainderCheck.plus(sel.times(Expr.main(colR + j).minus(remainderLimbs)));
                weightCheck = weightCheck.plus(sel.times(
                        Expr.main(colW + j).plus(1L << FixedPointStep.WEIGHT_BITS).minus(weightLimbs)));
            }
            out.add(Constraint.everyRow("slot " + u + " remainder limbs", remainderCheck));
            out.add(Constraint.everyRow("slot " + u + " weight limbs", weightCheck));
        }
        for (int v = 0; v <= d; v++) {
            Expr value = Expr.precommitted(DatasetCommitment.valueColumn(v));
            Expr limbs = Expr.precommitted(DatasetCommitment.lowLimbColumn(d, v))
                    .plus(Expr.precommitted(DatasetCommitment.highLimbColumn(d, v)).times(TWO16));
            out.add(Constraint.everyRow("data value " + v + " limbs", value.plus(1L << DatasetCommitment.VALUE_BITS).minus(limbs)));
        }
        out.addAll(range.constraints(n));
        return out;
    }

    /**
     * The last row holds the final weights, unless it ends a batch itself (all epoch slots active
     * and no padding), in which case its own update leads to them.
     */
    private Constraint finalWeight(int j, int n, Expr gradient, Expr rr) {
        long finalWeight = Goldilocks.fromSigned(statement.finalWeights()[j]);
        int lastDataRow = (1 << logHeight) - 1;
        boolean lastRowEndsBatch = periodic.get(P_LAST)[lastDataRow] == 1;
        if (!lastRowEndsBatch) {
            return Constraint.assertion("final weight " + j, colW + j, n - 1, finalWeight);
        }
        long m = periodic.get(P_IN_LAST)[lastDataRow] == 1 ? lastBatchSize : statement.batchSize();
        Expr w = Expr.main(colW + j);
        return Constraint.atRow("final weight " + j, n - 1,
                w.minus(finalWeight).times(m * TWO16).minus(gradient.minus(rr)));
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
        return new RowValues(main, dataColumns, periodic.toArray(new long[0][]));
    }
}
