package dev.comet.train;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.Expr;
import dev.comet.air.LogUpColumns;
import dev.comet.air.PublicFractions;
import dev.comet.air.PeriodicColumn;
import dev.comet.air.RangeTable;
import dev.comet.air.RowValues;
import dev.comet.air.StatementBinding;
import dev.comet.air.TableSet;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.field.ExtensionField;
import dev.comet.prover.PrecommittedSegment;
import dev.comet.train.logistic.Sigmoid;
import dev.comet.train.logistic.SigmoidOutput;
import dev.comet.train.mlp.HiddenLayerColumns;
import dev.comet.train.softmax.Softmax;
import dev.comet.train.softmax.SoftmaxOutput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * AIR of a whole training run (docs/TRAINING.md), one row per sample step: linear regression;
 * logistic regression, whose output goes through {@link SigmoidOutput}; or softmax regression,
 * with one score, output and weight vector per class and the outputs of {@link SoftmaxOutput};
 * or a multilayer perceptron, softmax regression over hidden layers of ReLU units
 * ({@link HiddenLayerColumns}, one block of columns a layer, its weights after the layers below);
 * with the learning curve ({@link CurveColumns}) when the statement states one. One row per sample step over all epochs,
 * weights updated at batch ends. Trace row {@code r} reads data row {@code r mod h},
 * standardised: columns {@code idx} and {@code x'_0..x'_D} (the features, then the target), looked
 * up together in the {@link DatasetBoundsAir} table, which computes them from the committed
 * values once per data row; {@code idx} is 0 at the start of each period and counts rows.
 *
 * <p><b>Rows.</b> The trace has {@code n = h K} rows, {@code h = 2^ceil(log2 N)},
 * {@code K >= epochs} a power of two (and {@code n >= 8}). Epoch slot
 * {@code e = r / h} is active while {@code e < epochs}; data rows {@code i >= N} are padding.
 *
 * <p><b>Succinct selectors.</b> The verifier's work must not grow with {@code N}, so the only
 * public periodic columns are single-row indicators of period {@code h}, which it evaluates in
 * closed form: the first data row, the last data row {@code N - 1}, the first padding row
 * {@code N} and the last row {@code h - 1} of each period. Everything else that depends on the
 * row index is a trace column pinned down by constraints:
 * <ul>
 *   <li>{@code valid}: boolean, 1 at the first row, non-increasing within a period, 1 at row
 *       {@code N - 1} and 0 at row {@code N}; hence exactly {@code [i < N]}.</li>
 *   <li>{@code pos} (position in the batch) and {@code end} (the row ends a batch):
 *       {@code pos = 0} at the first row, {@code pos' = (pos + valid') (1 - end)} within a period,
 *       {@code pos} range-checked to {@code [0, B)}, {@code end} boolean, never on padding, forced
 *       at row {@code N - 1}, and allowed elsewhere only where {@code pos = B - 1}. Since
 *       {@code pos} cannot reach {@code B}, a batch ends exactly every {@code B} data rows and at
 *       the last one: the batches of the specification, with {@code m = pos + 1} at each end.
 *       Padding rows keep {@code pos = 0} and cannot end a batch (an end there would be an update
 *       whose remainder no slot range-checks). Softmax regression and the MLP, with a short last batch and
 *       padding ({@link #paddedLastBatch}), instead let the padding join the last batch: an end
 *       on padding only at the period's last row, which must end a batch, and "when full" checked
 *       everywhere but there; {@code pos} stays the last batch's position through the padding,
 *       so {@code m} is its data rows, and its slot rows extend into the padding.</li>
 *   <li>{@code mm = m - 1}, constant within a batch and equal to {@code pos} at its end.</li>
 *   <li>{@code oh_k}, {@code k < P}: 1 at the start of each period and after each end,
 *       {@code oh_k' = oh_(k-1) (1 - end)}; on data rows {@code oh_k = [pos = k]}, the "slot"
 *       selectors below.</li>
 * </ul>
 *
 * <p><b>Columns.</b> weights {@code w_j}, {@code j = o (D + 1) + i} for input {@code i} of output
 * {@code o} (bias {@code i = D}), in general {@link Network#weight}'s order; gradient accumulators
 * {@code g_j} (sum of {@code s x_j} over the batch's earlier rows); the batch's update remainders
 * {@code rr_j}; {@code act} (epoch active), {@code cnt} (running count of active rows),
 * {@code valid}, {@code a = act * valid}; {@code pos}, {@code end}, {@code mm}, {@code oh_k};
 * per output, prediction limbs, remainder and inverse and scaled-error limbs, remainder and
 * inverse ({@link #OUTPUT_WIDTH}); per slot the
 * limbs of one remainder and of one weight and the weight's inverse; {@code idx} and the row's
 * standardised values {@code x'_0..x'_D}; then the sigmoid's or softmax's and the curve's columns,
 * if any, and an MLP's hidden layers'. Output {@code o}'s scaled error reads the model's output: the prediction, {@code sigma_q}
 * of it, or class {@code o}'s probability, against the target (for softmax {@code 2^16 [y = o]}),
 * and weight {@code j}'s gradient adds its unit's error (its output's scaled error, or a hidden
 * unit's {@code delta}) times its input (a data value, an activation, or the bias's {@code 2^16}).
 *
 * <p><b>Range checks</b> are LogUp lookups into a separate 16-bit {@link RangeTable} (16 values
 * a row, {@code 2^12} rows) in the same proof ({@link #tables()}): this table's height follows
 * rows x epochs instead of the range table's size.
 *
 * <p><b>Strict bounds.</b> A value with {@code |v| < 2^k} is written as {@code u = v + 2^k} in
 * range-checked limbs, so {@code 0 <= u < 2^(k+1)}, with an inverse witness proving
 * {@code u != 0}: together exactly {@code -2^k < v < 2^k}, as the trainer requires. This holds
 * for the prediction ({@code k = 31}), the scaled error ({@code k = 20}), every weight in every
 * batch ({@code k = 24}) and every standardised data value this table reads ({@code k = 31},
 * proven once per data row by the {@link DatasetBoundsAir} table, whose offers are the only
 * values a lookup can return; the bounds below rely on it).
 *
 * <p><b>Soundness of each division</b> ({@code |.|} on integers; every bound below keeps both
 * sides of the field equation under {@code p / 2}, so it holds over the integers, and a range-
 * checked remainder then forces the floor):
 * <ul>
 *   <li>prediction: {@code dot = pred 2^16 + r1}, {@code |dot| <= 255 (2^24 - 1)(2^31 - 1) +
 *       (2^24 - 1) 2^16 < 255 * 2^55 + 2^40 < 2^63}; {@code |pred| < 2^31} by its limbs and
 *       inverse, {@code r1 < 2^16}, so {@code |rhs| < 2^47};</li>
 *   <li>scaled error: {@code lr_q (out - y) = s 2^16 + r2} for the output {@code out} (the
 *       prediction, or {@code sigma_q} of it in {@code [0, 2^16]}), {@code |lhs| < 2^16 * 2^32 = 2^48},
 *       {@code s + 2^20 = sl + 2^16 sh} with {@code sh < 2^5}, {@code r2 < 2^16};</li>
 *   <li>update: {@code (w - w') m 2^16 + rr = G} at batch ends, {@code G} a sum of at most
 *       {@code B <= 2^11} terms {@code err * input} (a scaled error, or an MLP unit's
 *       {@code delta}, below {@code 2^20}, times an input below {@code 2^31}; rows that do not
 *       train add {@code err = 0}), so
 *       {@code |G| < 2^11 * 2^20 * 2^31 = 2^62}; {@code rr = ql + 2^16 qh} with {@code ql < 2^16}
 *       and {@code qh <= mm = m - 1}, so {@code 0 <= rr < m 2^16}; {@code |w|, |w'| < 2^24} (each
 *       batch checks its own weights; the final weights are public and checked by the
 *       statement), so {@code |(w - w') m 2^16| < 2^25 * 2^11 * 2^16 = 2^52}.</li>
 * </ul>
 * {@code act} is boolean and non-increasing with {@code cnt = epochs * h} active rows in total,
 * so exactly the first {@code epochs} epoch slots train. Idle epoch slots still end batches, but
 * their gradients are zero and their remainders range-checked, so their updates change nothing.
 */
public final class TrainingAir implements Air {
    /*
     * The names version the constraint system. Linear v7/v8 and every model's v3/v4 group the
     * table's LogUp fractions in triples (v5/v6 and v1/v2 in pairs): a third fewer auxiliary
     * columns for constraints of degree 4, which every preset's blowup (at least 4) holds.
     */
    public static final String NAME = "comet/linear-regression/v7";
    /** Linear regression with the proven learning curve. */
    public static final String CURVE_NAME = "comet/linear-regression/v8";
    public static final String LOGISTIC_NAME = "comet/logistic-regression/v3";
    public static final String LOGISTIC_CURVE_NAME = "comet/logistic-regression/v4";
    public static final String SOFTMAX_NAME = "comet/softmax-regression/v3";
    public static final String SOFTMAX_CURVE_NAME = "comet/softmax-regression/v4";
    public static final String MLP_NAME = "comet/multilayer-perceptron/v3";
    public static final String MLP_CURVE_NAME = "comet/multilayer-perceptron/v4";
    public static final String MLP_REGRESSION_NAME = "comet/multilayer-perceptron-regression/v3";
    public static final String MLP_REGRESSION_CURVE_NAME = "comet/multilayer-perceptron-regression/v4";
    /** Fractions per auxiliary column of the training table's LogUp sum. */
    static final int LOGUP_GROUP = 3;
    /** The activation table's LogUp relation (sigmoid or exp): its own challenges after the dataset-bounds table's. */
    static final int SIGMOID_ALPHA = DatasetBoundsAir.NUM_CHALLENGES;
    /** Columns per output: the score's limbs, remainder and inverse, then the scaled error's. */
    static final int OUTPUT_WIDTH = 8;
    /** Range-checked limbs are 16 bits wide. */
    static final int LIMB_BITS = 16;
    /** The range table packs 16 values a row into 2^12 rows (see {@link RangeTable}). */
    static final int RANGE_LOG_ROWS = 12;
    static final int MIN_LOG_LENGTH = 3;
    private static final long TWO16 = 1L << 16;
    /** Limbs per slot: remainder low and high, weight low and high, weight inverse. */
    static final int SLOT_WIDTH = 5;

    private final TrainingStatement statement;
    private final long[][] dataColumns;
    private final int d;
    /** The data columns a row reads, {@code D + 1}. */
    private final int width;
    /** The model's layers: none hidden except for the MLP. */
    private final Network network;
    /** Outputs, each with its score and scaled error. */
    private final int outputs;
    /** All weights, {@code outputs (D + 1)} without hidden layers. */
    private final int weights;
    private final int logHeight;
    private final int logLength;
    private final int slots;
    private final int positions;
    private final int lastBatchSize;
    /**
     * Whether the period's padding rows join its last batch, which then ends at the period's last
     * row: softmax regression's and the MLP's structure when the last batch is short, so that slot checks have
     * that batch's padding rows too (the update is the same: padding rows add nothing to it).
     */
    private final boolean paddedLastBatch;
    private final List<PeriodicColumn> periodic;
    private final LogUpColumns logUp;

    // main columns
    final int colW;
    final int colG;
    final int colR;
    final int colAct;
    final int colCnt;
    final int colValid;
    final int colA;
    final int colPos;
    final int colEnd;
    final int colMm;
    final int colOh0;
    final int colPl;
    final int colPh;
    final int colR1;
    final int colPinv;
    final int colSl;
    final int colSh;
    final int colR2;
    final int colSinv;
    final int colSlot0;
    final int colIdx;
    final int colX;
    /** Logistic regression's output columns, or null for the other models. */
    private final SigmoidOutput sigmoid;
    /** Softmax regression's output columns, or null for the other models. */
    private final SoftmaxOutput softmax;
    /** The learning curve's columns, or null when the statement states none. */
    private final CurveColumns curve;
    /**
     * The statement's public value numbers ({@link StatementBinding}) of the learning rate, the
     * first initial and final weight, the first loss sum and correct count (-1: no curve or no accuracy).
     */
    private final int learningRateValue;
    private final int initialWeightValue;
    private final int finalWeightValue;
    private final int lossValue;
    private final int correctValue;
    /** The MLP's hidden layers' columns, input side first; empty for the other models. */
    private final List<HiddenLayerColumns> hidden;
    final int mainWidth;
    // periodic columns: single-row indicators of period h
    static final int P_FIRST = 0;
    static final int P_LAST_VALID = 1;
    static final int P_LAST_ROW = 2;
    static final int P_FIRST_PAD = 3;

    private TrainingAir(TrainingStatement statement, long[][] dataColumns) {
        this.statement = statement;
        TrainingStatement.Fields fields = statement.fields();
        this.learningRateValue = StatementBinding.firstValue(fields.fields(), fields.learningRate());
        this.initialWeightValue = StatementBinding.firstValue(fields.fields(), fields.initialWeights());
        this.finalWeightValue = StatementBinding.firstValue(fields.fields(), fields.finalWeights());
        this.lossValue = fields.lossSums() < 0 ? -1 : StatementBinding.firstValue(fields.fields(), fields.lossSums());
        this.correctValue = fields.correct() < 0 || statement.curve().correct().length == 0 ? -1
                : StatementBinding.firstValue(fields.fields(), fields.correct());
        this.dataColumns = dataColumns;
        this.d = statement.features();
        this.width = d + 1;
        this.network = statement.network();
        this.outputs = statement.outputs();
        this.weights = network.weights();
        this.logHeight = DatasetCommitment.logHeight(statement.rows());
        this.logLength = logTraceLength(statement.rows(), statement.epochs());
        int n = statement.rows();
        int b = statement.batchSize();
        this.lastBatchSize = n % b == 0 ? b : n % b;
        int height = 1 << logHeight;
        this.paddedLastBatch = (statement.model().hasSoftmaxOutput() || statement.model().hasHiddenLayers()) && n < height
                && n % b != 0;
        // The fewest rows a batch spans: the slot checks need that many positions in every batch.
        int smallest = paddedLastBatch ? Math.min(b, lastBatchSize + height - n) : lastBatchSize;
        this.slots = (weights + smallest - 1) / smallest;
        this.positions = (weights + slots - 1) / slots; // <= smallest: every batch has these rows
        colW = 0;
        colG = weights;
        colR = 2 * weights;
        colAct = 3 * weights;
        colCnt = colAct + 1;
        colValid = colAct + 2;
        colA = colAct + 3;
        colPos = colAct + 4;
        colEnd = colPos + 1;
        colMm = colPos + 2;
        colOh0 = colPos + 3;
        colPl = colOh0 + positions;
        colPh = colPl + 1;
        colR1 = colPl + 2;
        colPinv = colPl + 3;
        colSl = colPl + 4;
        colSh = colPl + 5;
        colR2 = colPl + 6;
        colSinv = colPl + 7;
        colSlot0 = colPl + OUTPUT_WIDTH * outputs;
        colIdx = colSlot0 + SLOT_WIDTH * slots;
        colX = colIdx + 1;
        boolean logistic = statement.model() == ModelKind.LOGISTIC;
        boolean multiclass = statement.model().hasSoftmaxOutput();
        int next = colX + width;
        this.sigmoid = logistic ? new SigmoidOutput(next, Expr.main(colA), shiftedPred(0), Expr.main(colPh), y(),
                SIGMOID_ALPHA) : null;
        next += logistic ? SigmoidOutput.WIDTH : 0;
        List<Expr> scores = new ArrayList<>();
        for (int o = 0; o < outputs; o++) {
            scores.add(pred(o));
        }
        this.softmax = multiclass ? new SoftmaxOutput(next, Expr.main(colA), scores, y(), SIGMOID_ALPHA) : null;
        next += multiclass ? SoftmaxOutput.width(outputs) : 0;
        // The curve's relation takes the challenges after every other relation's.
        int curveAlpha = logistic ? sigmoid.challengesUsed() : multiclass ? softmax.challengesUsed()
                : DatasetBoundsAir.NUM_CHALLENGES;
        CurveColumns.Classes classes = logistic ? new CurveColumns.Classes.Binary(sigmoid.colOut, colX + d)
                : multiclass ? new CurveColumns.Classes.Multiclass(softmax.correct().times(Expr.main(colA)))
                : new CurveColumns.Classes.None();
        this.curve = statement.hasCurve() ? new CurveColumns(next, curveAlpha, new CurveColumns.Host(P_FIRST,
                P_LAST_ROW, colAct, colA, loss(false), loss(true), classes)) : null;
        next += curve == null ? 0 : curve.width();
        List<HiddenLayerColumns> layers = new ArrayList<>();
        for (int l = 0; l < network.hidden().size(); l++) {
            HiddenLayerColumns layer = new HiddenLayerColumns(next, network.units(l), l, Expr.main(colA));
            layers.add(layer);
            next += layer.width();
        }
        this.hidden = List.copyOf(layers);
        mainWidth = next;
        if (mainWidth > TraceInfo.MAX_WIDTH) {
            throw new IllegalArgumentException("the " + statement.model().option() + " model of "
                    + (hidden.isEmpty() ? "" : "shape " + network.describe() + ", ") + (outputs > 1 ? outputs
                    + " classes x " : "") + d + " features needs " + mainWidth + " trace columns with batch size " + b
                    + " (" + slots + " weight checks per row, as the smallest batch spans " + smallest + " rows), above"
                    + " the limit " + TraceInfo.MAX_WIDTH
                    + "; use fewer features, classes or hidden units, or a batch size whose last batch is larger");
        }
        List<PeriodicColumn> p = new ArrayList<>(List.of(PeriodicColumn.indicator(logHeight, 0),
                PeriodicColumn.indicator(logHeight, n - 1), PeriodicColumn.indicator(logHeight, (1 << logHeight) - 1)));
        if (hasPadding()) {
            p.add(PeriodicColumn.indicator(logHeight, n));
        }
        this.periodic = List.copyOf(p);
        List<LogUpColumns.Fraction> fractions = new ArrayList<>(rangeChecked().stream().map(LogUpColumns::lookup).toList());
        List<Expr> xs = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            xs.add(Expr.main(colX + c));
        }
        fractions.add(LogUpColumns.lookup(DatasetBoundsAir.dataTuple(Expr.main(colIdx), xs))
                .inRelation(DatasetBoundsAir.DATA_ALPHA));
        if (sigmoid != null) {
            fractions.add(sigmoid.lookup());
        }
        if (softmax != null) {
            fractions.addAll(softmax.lookups());
        }
        if (curve != null) {
            fractions.add(curve.offer());
        }
        this.logUp = new LogUpColumns(fractions, 0, 0, LOGUP_GROUP);
    }

    /** The verifier's AIR: public statement only. */
    public static TrainingAir forVerifier(TrainingStatement statement) {
        return new TrainingAir(statement, null);
    }

    /** The prover's AIR: also holds the committed data, needed to build the auxiliary trace. */
    public static TrainingAir forProver(TrainingStatement statement, DatasetCommitment data) {
        if (!Arrays.equals(statement.datasetRoot(), data.root())) {
            throw new IllegalArgumentException("the statement names another dataset commitment");
        }
        return new TrainingAir(statement, data.columns());
    }

    /**
     * The training proof's tables, for a verifier: {@code training} (this AIR, or a test's wrapper
     * of it) for {@code statement}, the {@link DatasetBoundsAir} that reads the dataset once per
     * data row, checks its bounds and standardises it, and the 16-bit range table both tables'
     * lookups go to; a classifier's activation table (sigmoid or exp) has the same 2^12 rows and
     * carries the range table on them ({@link dev.comet.air.FixedTable#withRange}), one table fewer.
     */
    public static TableSet tables(Air training, TrainingStatement statement) {
        return tables(training, statement, null);
    }

    /** As {@link #tables(Air, TrainingStatement)}, for a prover when {@code dataColumns} are the committed columns. */
    static TableSet tables(Air training, TrainingStatement statement, long[][] dataColumns) {
        Air last = switch (statement.model()) {
            case LOGISTIC -> Sigmoid.table(SIGMOID_ALPHA, SIGMOID_ALPHA + 1).withRange(rangeTable());
            case SOFTMAX, MLP -> Softmax.table(SIGMOID_ALPHA, SIGMOID_ALPHA + 1).withRange(rangeTable());
            case LINEAR, MLP_REGRESSION -> rangeTable();
        };
        return new TableSet(name(statement), List.of(training, dataBounds(statement, dataColumns), last));
    }

    /**
     * How a verifier of {@code statement}'s shape reads {@code set} ({@link #tables}) from the
     * statement's bytes: the training table's public inputs are the statement itself, the bounds
     * table's its root, shape, standardisation and moments, the range and function tables' constants;
     * the bounds table's root is the statement's dataset root.
     */
    public static StatementBinding statementBinding(TableSet set, TrainingStatement statement) {
        TrainingStatement.Fields fields = statement.fields();
        List<List<StatementBinding.Part>> inputs = new ArrayList<>();
        inputs.add(java.util.stream.IntStream.range(0, fields.fields().size())
                .mapToObj(f -> (StatementBinding.Part) new StatementBinding.Part.FieldRef(f)).toList());
        inputs.add(dataBounds(statement, null).publicInputParts(fields));
        int[] roots = new int[set.size()];
        Arrays.fill(roots, -1);
        roots[1] = fields.root();
        for (int i = 2; i < set.size(); i++) {
            inputs.add(List.of(new StatementBinding.Part.Literal(set.table(i).publicInputs())));
        }
        StatementBinding binding = new StatementBinding(statement.encode(), fields.fields(), inputs, roots,
                commitmentParts(statement, fields));
        byte[] published = DatasetCommitment.digest(statement.datasetRoot(), statement.rows(), statement.fractionBits(),
                statement.featureNames(), statement.targetName(), statement.classes());
        if (!Arrays.equals(published, binding.commitment(binding.statement()))) {
            throw new IllegalStateException("the statement's parts do not make its dataset commitment");
        }
        return binding;
    }

    /**
     * {@link DatasetCommitment#digest}'s preimage from the statement: its version, the root, the
     * row count, the scale and the feature count, then the names, the target's and a classifier's
     * classes, which the statement encodes alike and in that order.
     */
    private static List<StatementBinding.Part> commitmentParts(TrainingStatement statement, TrainingStatement.Fields f) {
        java.io.ByteArrayOutputStream version = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(version)) {
            out.writeUTF(statement.classes().isEmpty() ? "comet-dataset/2" : "comet-dataset/3");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<StatementBinding.Part> parts = new ArrayList<>();
        parts.add(new StatementBinding.Part.Literal(version.toByteArray()));
        parts.add(new StatementBinding.Part.FieldRef(f.root()));
        parts.add(new StatementBinding.Part.Literal(java.nio.ByteBuffer.allocate(12).putInt(statement.rows())
                .putInt(statement.fractionBits()).putInt(statement.features()).array()));
        for (int k = f.names(); k <= f.lastName(); k++) {
            parts.add(new StatementBinding.Part.FieldRef(k));
        }
        return parts;
    }

    /** The name of the training table's AIR, and of the proof's table set, for {@code statement}'s model and curve. */
    static String name(TrainingStatement statement) {
        return switch (statement.model()) {
            case LINEAR -> statement.hasCurve() ? CURVE_NAME : NAME;
            case LOGISTIC -> statement.hasCurve() ? LOGISTIC_CURVE_NAME : LOGISTIC_NAME;
            case SOFTMAX -> statement.hasCurve() ? SOFTMAX_CURVE_NAME : SOFTMAX_NAME;
            case MLP -> statement.hasCurve() ? MLP_CURVE_NAME : MLP_NAME;
            case MLP_REGRESSION -> statement.hasCurve() ? MLP_REGRESSION_CURVE_NAME : MLP_REGRESSION_NAME;
        };
    }

    /** The 16-bit range table of the range relation (challenge 0), which both other tables' limbs go to. */
    private static RangeTable rangeTable() {
        return new RangeTable(LIMB_BITS, RANGE_LOG_ROWS, 0);
    }

    /** The dataset-bounds table of {@code statement}'s run; {@code dataColumns} for the prover, else null. */
    private static DatasetBoundsAir dataBounds(TrainingStatement statement, long[][] dataColumns) {
        TrainingStatement.Fields fields = statement.fields();
        return new DatasetBoundsAir(statement.datasetRoot(), statement.rows(), statement.features(),
                DatasetCommitment.logHeight(statement.rows()), statement.standardization(), statement.moments(),
                logTraceLength(statement.rows(), statement.epochs()), dataColumns,
                StatementBinding.firstValue(fields.fields(), fields.standardization()),
                fields.moments() < 0 ? -1 : StatementBinding.firstValue(fields.fields(), fields.moments()));
    }

    /**
     * What each table of a training proof reads as its precommitted segment, in the order of
     * {@link #tables()}: only the bounds table (a classifier's function table is periodic
     * columns, which nothing commits).
     */
    public static List<PrecommittedSegment> segments(PrecommittedSegment dataset) {
        return Arrays.asList(null, dataset, null);
    }

    /**
     * The traces of all tables, in the order of {@link #tables()}, for this training trace: the
     * dataset-bounds table's and the range table's (a classifier's activation table's, carrying
     * it), whose multiplicities count the lookups of both. With {@code skipOutOfRange} an out-of-range value is left out instead of failing, as
     * a cheating prover would do, for tests that check the verifier catches it.
     *
     * @throws IllegalArgumentException naming the row of the first value outside {@code [0, 2^16)}
     */
    public List<TraceTable> traces(TraceTable main, boolean skipOutOfRange) {
        DatasetBoundsAir bounds = dataBounds(statement, dataColumns);
        TraceTable boundsTrace = bounds.trace();
        long[] multiplicities = new long[1 << LIMB_BITS];
        count(rowValues(main), rangeChecked(), "range-checked value", skipOutOfRange, multiplicities);
        count(bounds.rowValues(boundsTrace), bounds.rangeChecked(), "data limb", skipOutOfRange, multiplicities);
        if (sigmoid != null) {
            return List.of(main, boundsTrace, sigmoid.table().withRange(rangeTable())
                    .trace(sigmoid.multiplicities(rowValues(main), skipOutOfRange), multiplicities));
        }
        if (softmax != null) {
            return List.of(main, boundsTrace, softmax.table().withRange(rangeTable())
                    .trace(softmax.multiplicities(rowValues(main), skipOutOfRange), multiplicities));
        }
        return List.of(main, boundsTrace, rangeTable().trace(multiplicities));
    }

    /** The training proof's tables with this AIR as the training table. */
    public TableSet tables() {
        return tables(this, statement, dataColumns);
    }

    private static void count(RowValues rows, List<Expr> checked, String what, boolean skipOutOfRange,
                              long[] multiplicities) {
        for (int k = 0; k < checked.size(); k++) {
            long[] values = rows.evaluate(checked.get(k));
            for (int row = 0; row < values.length; row++) {
                long v = values[row];
                if (v < 0 || v >= multiplicities.length) {
                    if (skipOutOfRange) {
                        continue;
                    }
                    throw new IllegalArgumentException(what + " " + k + " = " + Long.toUnsignedString(v)
                            + " at row " + row + " is outside [0, 2^" + LIMB_BITS + ")");
                }
                multiplicities[(int) v]++;
            }
        }
    }

    /**
     * log2 of the trace length of a run, {@code h * 2^ceil(log2 E)} rows and at least 8; callers
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

    /** Whether the padding rows join the period's last batch ({@link #paddedLastBatch}). */
    boolean paddedLastBatch() {
        return paddedLastBatch;
    }

    /** Batch positions that carry slot checks: {@code ceil(outputs (D + 1) / slots)}. */
    int positions() {
        return positions;
    }


    long[][] dataColumns() {
        return dataColumns;
    }

    private boolean hasPadding() {
        return statement.rows() < 1 << logHeight;
    }

    @Override
    public String name() {
        return name(statement);
    }

    @Override
    public TraceInfo traceInfo() {
        int challenges = curve != null ? curve.challengesUsed() : sigmoid != null ? sigmoid.challengesUsed()
                : softmax != null ? softmax.challengesUsed() : DatasetBoundsAir.NUM_CHALLENGES;
        return new TraceInfo(logLength, mainWidth, logUp.auxWidth(), challenges);
    }

    @Override
    public byte[] publicInputs() {
        return statement.encode();
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
    public List<PeriodicColumn> periodicColumns() {
        return periodic;
    }

    // --- expressions -------------------------------------------------------------------------

    /** Standardised feature {@code j} of the current row, or the bias's constant 1 for {@code j = D}. */
    private Expr x(int j) {
        return j < d ? Expr.main(colX + j) : Expr.constant(TWO16);
    }

    /** The standardised target of the current row. */
    private Expr y() {
        return Expr.main(colX + d);
    }

    /** Column {@code column} (one of {@code colPl..colSinv}) of output {@code o}. */
    int outputColumn(int o, int column) {
        return column + OUTPUT_WIDTH * o;
    }

    private Expr shiftedPred(int o) {
        return Expr.main(outputColumn(o, colPl)).plus(Expr.main(outputColumn(o, colPh)).times(TWO16));
    }

    Expr pred(int o) {
        return shiftedPred(o).minus(1L << FixedPointStep.PREDICTION_BITS);
    }

    private Expr shiftedScaledError(int o) {
        return Expr.main(outputColumn(o, colSl)).plus(Expr.main(outputColumn(o, colSh)).times(TWO16));
    }

    Expr scaledError(int o) {
        return shiftedScaledError(o).minus(1L << FixedPointStep.SCALED_ERROR_BITS);
    }

    private Expr nextScaledError(int o) {
        return Expr.mainNext(outputColumn(o, colSl)).plus(Expr.mainNext(outputColumn(o, colSh)).times(TWO16))
                .minus(1L << FixedPointStep.SCALED_ERROR_BITS);
    }

    /** The row's loss term {@code sum_o s_o^2}, of the next row with {@code next}. */
    private Expr loss(boolean next) {
        Expr sum = null;
        for (int o = 0; o < outputs; o++) {
            Expr s = next ? nextScaledError(o) : scaledError(o);
            sum = sum == null ? s.times(s) : sum.plus(s.times(s));
        }
        return sum;
    }

    /** What the stated curve contributes to the LogUp totals ({@link CurveColumns#publicFractions}). */
    @Override
    public List<PublicFractions> publicFractions() {
        return curve == null ? List.of() : List.of(curve.publicFractions(statement.curve(), lossValue, correctValue));
    }

    /**
     * Output {@code o} of the model: the prediction itself for linear regression, {@code sigma_q}
     * of it ({@link SigmoidOutput}) for logistic regression, class {@code o}'s probability
     * ({@link SoftmaxOutput}) for softmax regression.
     */
    private Expr output(int o) {
        return sigmoid != null ? sigmoid.output() : softmax != null ? softmax.output(o) : pred(o);
    }

    /** The target output {@code o} is trained towards: the row's target, or {@code 2^16 [y = o]} for softmax. */
    private Expr target(int o) {
        return softmax != null ? softmax.target(o) : y();
    }

    /** Logistic regression's output columns (null for the other models), for the trace and tests. */
    SigmoidOutput sigmoid() {
        return sigmoid;
    }

    /** Softmax regression's output columns (null for the other models), for the trace and tests. */
    SoftmaxOutput softmax() {
        return softmax;
    }

    int outputs() {
        return outputs;
    }

    Network network() {
        return network;
    }

    /** The hidden layers' columns, input side first (empty but for the MLP), for the trace and tests. */
    List<HiddenLayerColumns> hidden() {
        return hidden;
    }

    /** The learning curve's columns (null without a curve), for the trace and tests. */
    CurveColumns curve() {
        return curve;
    }

    /** The output layer's score {@code o} before rescaling. */
    private Expr dot(int o) {
        return unitDot(network.layers() - 1, o);
    }

    /** {@code sum_i w_(u,i) in_i + w_(u,bias) 2^16} of unit {@code u} of layer {@code l}. */
    private Expr unitDot(int l, int u) {
        int first = colW + network.weight(l, u, 0);
        Expr sum = Expr.main(first).times(input(l, 0));
        for (int j = 1; j < network.width(l); j++) {
            sum = sum.plus(Expr.main(first + j).times(input(l, j)));
        }
        return sum;
    }

    /** Input {@code i} of layer {@code l}'s units: a feature or the previous hidden layer's activation, or the bias's 1. */
    private Expr input(int l, int i) {
        if (l == 0) {
            return x(i);
        }
        return i == network.inputs(l) ? Expr.constant(TWO16) : hidden.get(l - 1).activation(i);
    }

    /** The error of unit {@code u} of layer {@code l}: the scaled error of an output, a hidden unit's {@code delta}. */
    private Expr error(int l, int u) {
        return network.isOutput(l) ? scaledError(u) : hidden.get(l).delta(u);
    }

    /** {@code sum_o w_(o,u) err_o} over the units {@code o} of the layer above hidden layer {@code l}. */
    private Expr backSum(int l, int u) {
        Expr sum = null;
        for (int o = 0; o < network.units(l + 1); o++) {
            Expr term = Expr.main(colW + network.weight(l + 1, o, u)).times(error(l + 1, o));
            sum = sum == null ? term : sum.plus(term);
        }
        return sum;
    }

    private List<Expr> rangeChecked() {
        RangeTable range = rangeTable();
        List<Expr> out = new ArrayList<>();
        for (int o = 0; o < outputs; o++) {
            out.add(Expr.main(outputColumn(o, colPl)));
            out.add(Expr.main(outputColumn(o, colPh)));
            out.add(Expr.main(outputColumn(o, colR1)));
            out.add(Expr.main(outputColumn(o, colSl)));
            out.addAll(range.shortLimb(Expr.main(outputColumn(o, colSh)), FixedPointStep.SCALED_ERROR_BITS + 1 - 16));
            out.add(Expr.main(outputColumn(o, colR2)));
        }
        out.add(Expr.main(colPos));
        out.add(Expr.constant(statement.batchSize() - 1L).minus(Expr.main(colPos)));
        if (sigmoid != null) {
            sigmoid.rangeChecked(range, out);
        }
        if (softmax != null) {
            softmax.rangeChecked(range, out);
        }
        if (curve != null) {
            curve.rangeChecked(out);
        }
        for (int u = 0; u < slots; u++) {
            int base = colSlot0 + SLOT_WIDTH * u;
            out.add(Expr.main(base));
            out.add(Expr.main(base + 1));
            out.add(Expr.main(colMm).minus(Expr.main(base + 1)));
            out.add(Expr.main(base + 2));
            out.addAll(range.shortLimb(Expr.main(base + 3), FixedPointStep.WEIGHT_BITS + 1 - 16));
        }
        for (HiddenLayerColumns layer : hidden) {
            layer.rangeChecked(range, out);
        }
        return out;
    }

    @Override
    public List<Constraint> constraints() {
        int n = 1 << logLength;
        List<Constraint> out = new ArrayList<>();
        epochConstraints(out, n);
        batchConstraints(out);
        sampleConstraints(out);
        long[] initialWeights = statement.initialWeights(); // copies: once, not per weight
        long[] finalWeights = statement.finalWeights();
        for (int l = 0; l < network.layers(); l++) {
            for (int u = 0; u < network.units(l); u++) {
                for (int i = 0; i < network.width(l); i++) {
                    weightConstraints(out, network.weight(l, u, i), error(l, u).times(input(l, i)), n, initialWeights,
                            finalWeights);
                }
            }
        }
        for (int u = 0; u < slots; u++) {
            slotConstraints(out, u);
        }
        dataConstraints(out);
        if (sigmoid != null) {
            sigmoid.constraints(out);
        }
        if (softmax != null) {
            softmax.constraints(out);
        }
        if (curve != null) {
            curve.constraints(out);
        }
        for (int l = 0; l < hidden.size(); l++) {
            List<Expr> dots = new ArrayList<>();
            List<Expr> backs = new ArrayList<>();
            for (int u = 0; u < network.units(l); u++) {
                dots.add(unitDot(l, u));
                backs.add(backSum(l, u));
            }
            hidden.get(l).constraints(out, dots, backs);
        }
        out.addAll(logUp.constraints(n));
        return out;
    }

    /**
     * {@code idx} is the data row index {@code r mod h}: 0 at the start of each period, + 1 within
     * it. The row's standardised values are looked up with it in the dataset-bounds table, every
     * one of whose offers of an index carries that data row's values, so they are that row's.
     */
    private void dataConstraints(List<Constraint> out) {
        Expr idx = Expr.main(colIdx);
        out.add(Constraint.everyRow("idx starts each period at 0", Expr.periodic(P_FIRST).times(idx)));
        out.add(Constraint.transition("idx counts data rows",
                Expr.constant(1).minus(Expr.periodic(P_LAST_ROW)).times(Expr.mainNext(colIdx).minus(idx).minus(1))));
    }

    /** Exactly the first {@code epochs} epoch slots are active; {@code a} marks active data rows. */
    private void epochConstraints(List<Constraint> out, int n) {
        Expr act = Expr.main(colAct);
        out.add(Constraint.everyRow("a = act * valid", Expr.main(colA).minus(act.times(Expr.main(colValid)))));
        out.add(Constraint.everyRow("act is boolean", act.times(act.minus(1))));
        out.add(Constraint.transition("act never restarts", Expr.mainNext(colAct).times(Expr.constant(1).minus(act))));
        out.add(Constraint.atRow("cnt starts", 0, Expr.main(colCnt).minus(act)));
        out.add(Constraint.transition("cnt counts active rows",
                Expr.mainNext(colCnt).minus(Expr.main(colCnt)).minus(Expr.mainNext(colAct))));
        out.add(Constraint.atRow("epochs", n - 1,
                Expr.main(colCnt).minus((long) statement.epochs() * (1 << logHeight))));
    }

    /** {@code valid = [i < N]} and the batch structure: see the class comment. */
    private void batchConstraints(List<Constraint> out) {
        Expr first = Expr.periodic(P_FIRST);
        Expr lastValid = Expr.periodic(P_LAST_VALID);
        Expr inPeriod = Expr.constant(1).minus(Expr.periodic(P_LAST_ROW)); // the next row is in the same period
        Expr valid = Expr.main(colValid);
        Expr end = Expr.main(colEnd);
        Expr notEnd = Expr.constant(1).minus(end);
        Expr pos = Expr.main(colPos);

        out.add(Constraint.everyRow("valid is boolean", valid.times(valid.minus(1))));
        out.add(Constraint.everyRow("first data row is valid", first.times(valid.minus(1))));
        out.add(Constraint.transition("valid never restarts within a period",
                inPeriod.times(Expr.mainNext(colValid)).times(Expr.constant(1).minus(valid))));
        out.add(Constraint.everyRow("data row N-1 is valid", lastValid.times(valid.minus(1))));
        if (hasPadding()) {
            out.add(Constraint.everyRow("data row N is padding", Expr.periodic(P_FIRST_PAD).times(valid)));
        }

        out.add(Constraint.everyRow("end is boolean", end.times(end.minus(1))));
        if (paddedLastBatch) {
            // The last batch runs through the padding to the period's last row, which ends it.
            Expr lastRow = Expr.periodic(P_LAST_ROW);
            out.add(Constraint.everyRow("padding ends no batch but the last",
                    end.times(Expr.constant(1).minus(valid)).times(inPeriod)));
            out.add(Constraint.everyRow("the period's last row ends a batch", lastRow.times(end.minus(1))));
            out.add(Constraint.everyRow("a batch ends only when full",
                    end.times(pos.minus(statement.batchSize() - 1L)).times(inPeriod)));
        } else {
            out.add(Constraint.everyRow("padding ends no batch", end.times(Expr.constant(1).minus(valid))));
            out.add(Constraint.everyRow("data row N-1 ends a batch", lastValid.times(end.minus(1))));
            out.add(Constraint.everyRow("a batch ends only when full",
                    end.times(pos.minus(statement.batchSize() - 1L)).times(Expr.constant(1).minus(lastValid))));
        }
        out.add(Constraint.everyRow("pos starts each period", first.times(pos)));
        out.add(Constraint.transition("pos counts data rows within a batch",
                inPeriod.times(Expr.mainNext(colPos).minus(pos.plus(Expr.mainNext(colValid)).times(notEnd)))));

        Expr mm = Expr.main(colMm);
        out.add(Constraint.transition("mm constant within a batch", notEnd.times(Expr.mainNext(colMm).minus(mm))));
        out.add(Constraint.everyRow("mm is the batch's last position", end.times(mm.minus(pos))));

        out.add(Constraint.everyRow("oh_0 starts each period", first.times(Expr.main(colOh0).minus(1))));
        out.add(Constraint.transition("oh_0 follows a batch end", inPeriod.times(Expr.mainNext(colOh0).minus(end))));
        for (int k = 1; k < positions; k++) {
            out.add(Constraint.everyRow("oh_" + k + " starts each period at 0", first.times(Expr.main(colOh0 + k))));
            out.add(Constraint.transition("oh_" + k + " follows pos",
                    inPeriod.times(Expr.mainNext(colOh0 + k).minus(Expr.main(colOh0 + k - 1).times(notEnd)))));
        }
    }

    /** Prediction and scaled error of each output on each active row, each a floor division with strict bounds. */
    private void sampleConstraints(List<Constraint> out) {
        Expr a = Expr.main(colA);
        for (int o = 0; o < outputs; o++) {
            String of = outputs == 1 ? "" : " " + o;
            Expr s = scaledError(o);
            out.add(Constraint.everyRow("prediction" + of + " = floor(dot / 2^16)",
                    a.times(dot(o).minus(pred(o).times(TWO16)).minus(Expr.main(outputColumn(o, colR1))))));
            out.add(Constraint.everyRow("|prediction" + of + "| < 2^31",
                    a.times(shiftedPred(o).times(Expr.main(outputColumn(o, colPinv))).minus(1))));
            out.add(Constraint.everyRow("scaled error" + of + " = floor(lr (output - y) / 2^16)",
                    a.times(output(o).minus(target(o)).times(Expr.publicSigned(learningRateValue, statement.learningRateQ()))
                            .minus(s.times(TWO16))
                            .minus(Expr.main(outputColumn(o, colR2))))));
            out.add(Constraint.everyRow("no scaled error" + of + " on idle rows", Expr.constant(1).minus(a).times(s)));
            out.add(Constraint.everyRow("|scaled error" + of + "| < 2^20",
                    shiftedScaledError(o).times(Expr.main(outputColumn(o, colSinv))).minus(1)));
        }
    }

    /**
     * Weight {@code j}, whose row's gradient term is {@code term} (its unit's error times its
     * input): its gradient, updates and ends.
     */
    private void weightConstraints(List<Constraint> out, int j, Expr term, int n, long[] initialWeights,
                                   long[] finalWeights) {
        Expr end = Expr.main(colEnd);
        Expr notEnd = Expr.constant(1).minus(end);
        Expr w = Expr.main(colW + j);
        Expr rr = Expr.main(colR + j);
        Expr gradient = Expr.main(colG + j).plus(term);
        Expr batchSize = Expr.main(colMm).plus(1);
        out.add(Constraint.atRow("gradient " + j + " starts at 0", 0, Expr.main(colG + j)));
        out.add(Constraint.transition("gradient " + j + " accumulates", Expr.mainNext(colG + j).minus(notEnd.times(gradient))));
        out.add(Constraint.transition("weight " + j + " constant within a batch", notEnd.times(Expr.mainNext(colW + j).minus(w))));
        out.add(Constraint.transition("weight " + j + " update",
                end.times(w.minus(Expr.mainNext(colW + j)).times(batchSize).times(TWO16).minus(gradient.minus(rr)))));
        out.add(Constraint.transition("remainder " + j + " constant within a batch",
                notEnd.times(Expr.mainNext(colR + j).minus(rr))));
        out.add(Constraint.assertion("initial weight " + j, colW + j, 0,
                Expr.publicSigned(initialWeightValue + j, initialWeights[j])));
        out.add(finalWeight(j, n, gradient, rr, finalWeights[j]));
    }

    /**
     * Slot {@code u} checks, on the data row at position {@code k < P} of every batch, weight
     * {@code j = k slots + u}: its remainder's limbs and its value's limbs and inverse.
     */
    private void slotConstraints(List<Constraint> out, int u) {
        int base = colSlot0 + SLOT_WIDTH * u;
        Expr remainderLimbs = Expr.main(base).plus(Expr.main(base + 1).times(TWO16));
        Expr weightLimbs = Expr.main(base + 2).plus(Expr.main(base + 3).times(TWO16));
        Expr remainderCheck = Expr.constant(0);
        Expr weightCheck = Expr.constant(0);
        for (int k = 0; k < positions; k++) {
            int j = k * slots + u;
            if (j >= weights) {
                continue;
            }
            Expr oh = Expr.main(colOh0 + k);
            remainderCheck = remainderCheck.plus(oh.times(Expr.main(colR + j).minus(remainderLimbs)));
            weightCheck = weightCheck.plus(oh.times(
                    Expr.main(colW + j).plus(1L << FixedPointStep.WEIGHT_BITS).minus(weightLimbs)));
        }
        // Padding rows check nothing, except those of a last batch they join, whose slot rows they are.
        Expr checked = paddedLastBatch ? Expr.constant(1) : Expr.main(colValid);
        out.add(Constraint.everyRow("slot " + u + " remainder limbs", checked.times(remainderCheck)));
        out.add(Constraint.everyRow("slot " + u + " weight limbs", checked.times(weightCheck)));
        out.add(Constraint.everyRow("slot " + u + " |weight| < 2^24", weightLimbs.times(Expr.main(base + 4)).minus(1)));
    }

    /**
     * The last row holds the final weights, unless it ends a batch itself (no padding, so data row
     * {@code N - 1} is the last row of the period, or padding that joins the last batch), in which
     * case its own update, over the last batch's {@code N mod B} rows, leads to them.
     */
    private Constraint finalWeight(int j, int n, Expr gradient, Expr rr, long stated) {
        Expr finalWeight = Expr.publicSigned(finalWeightValue + j, stated);
        if (hasPadding() && !paddedLastBatch) {
            return Constraint.assertion("final weight " + j, colW + j, n - 1, finalWeight);
        }
        Expr w = Expr.main(colW + j);
        return Constraint.atRow("final weight " + j, n - 1,
                w.minus(finalWeight).times((long) lastBatchSize * TWO16).minus(gradient.minus(rr)));
    }

    @Override
    public long[][][] buildAuxTrace(TraceTable main, List<long[]> challenges, ExtensionField ext) {
        if (dataColumns == null) {
            throw new IllegalStateException("the verifier's AIR cannot build a trace");
        }
        return logUp.auxTrace(main, rowValues(main), challenges, ext);
    }

    RowValues rowValues(TraceTable main) {
        return new RowValues(main, new long[0][], periodic.stream().map(PeriodicColumn::values).toArray(long[][]::new));
    }
}
