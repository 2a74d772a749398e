package dev.comet.train;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.Expr;
import dev.comet.air.LogUpColumns;
import dev.comet.air.PeriodicColumn;
import dev.comet.air.RowValues;
import dev.comet.air.StatementBinding;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The training proof's table of data rows, {@code max(h, 8)} of them, which reads the dataset
 * segment once per data row and does two things for the training table:
 * <ul>
 *   <li><b>Bounds.</b> For each committed value {@code v} it looks the two committed limbs up in
 *       the 16-bit range table: with {@code u = lo + 2^16 hi} in {@code [0, 2^32)}, that is
 *       {@code -2^31 <= v < 2^31}, so {@code |v - offset| < 2^32} below. Only a column left as it
 *       is ({@code x' = v}) needs {@code v > -2^31} as well, for the training table's strict
 *       bound: {@code (v + 2^31) inv = 1} with a witness {@code inv} of its own.</li>
 *   <li><b>Standardisation.</b> For each column {@code c} it computes
 *       {@code x' = floor((v - offset_c) scale_c / 2^16)} as {@code (v - offset_c) scale_c =
 *       x' 2^16 + rem} with {@code rem} range-checked. {@code x'} is not a cell: it is
 *       {@code lo' + 2^16 hi' - 2^31} for two range-checked limbs, so an integer in
 *       {@code [-2^31, 2^31)}, and an inverse of {@code lo' + 2^16 hi'} makes that strict. The
 *       statement bounds {@code |offset| < 2^31} and {@code 1 <= scale <= 2^30}
 *       ({@link Standardization}), so {@code |(v - offset) scale| < 2^32 * 2^30 = 2^62} and
 *       {@code |x' 2^16 + rem| < 2^47 + 2^16}: both sides are below {@code p / 2}, the equation
 *       holds over the integers, and the range-checked remainder makes {@code x'} the floor.
 *       <p>With the data's moments stated ({@link #MOMENTS_NAME}) the inverse of {@code x' + 2^31}
 *       is not needed: the limbs still make {@code x'} an integer, so the floor above, and the
 *       standardisation is then one of two (the statement refuses any
 *       other, {@link Standardization#followsFrom}, on chain too). Left as it is, {@code x' = v},
 *       strictly bounded by the committed value's inverse witness. The data's own, {@code o} the rounded mean and
 *       {@code s = round(sqrt(2^64 N / Q))} with {@code Q = sum (v_i - o)^2} over the data rows
 *       (proven, below): every data row has {@code (v - o)^2 <= Q}, and
 *       {@code s <= 2^32 sqrt(N / Q) + 1/2}, so
 *       {@code |x'| <= |v - o| s / 2^16 + 1 <= 2^16 sqrt(N) + sqrt(Q) / 2^17 + 1}, and with
 *       {@code Q < N 2^64} that is at most {@code 1.5 * 2^16 sqrt(N) + 1 <= 1.5 * 2^30 + 1 < 2^31}
 *       for the at most {@code 2^28} rows a segment has ({@link dev.comet.air.TraceInfo#MAX_LOG_LENGTH}).
 *       Padding rows hold {@code x' = 0}.</li>
 * </ul>
 * It then offers each row's tuple {@code (i, x'_0, ..., x'_D)} to the training table, which looks
 * one up on every one of its rows (a LogUp relation of its own, {@link #DATA_ALPHA} and
 * {@link #DATA_BETA}). Column {@code i} is pinned to the data row index: 0 on row 0, {@code + 1}
 * on each row, back to 0 after row {@code h - 1} (when the table is longer than the segment), so
 * every offer of index {@code i} carries row {@code i}'s values and a lookup of index {@code i} can
 * only be answered by them. Padding rows ({@code valid = 0}, pinned to exactly the first N rows
 * of each period as in the training table) are not standardised but hold {@code x' = 0}: training
 * never reads their values, and standardising their committed 0 could leave the bound. Each offer carries the constant multiplicity {@code n / max(h, 8)}, with
 * {@code n} the training table's length: every index is looked up {@code n / h} times there and
 * offered {@code max(h, 8) / h} times here.
 *
 * <p>Doing this once per data row rather than on each of the training table's {@code h K} rows
 * makes its cost follow the data, not rows x epochs. The training table's bound arguments rely on
 * {@code |x'| < 2^31} for every value it reads, which this table proves for every row of the
 * segment.
 */
public final class DatasetBoundsAir implements Air {
    /**
     * The table without moments. (v2 read the committed value's inverse from the commitment,
     * scheme 2; v5 held x' as a cell next to its limbs, and every committed value's inverse.)
     */
    public static final String NAME = "comet/dataset-bounds/v7";
    /**
     * The table with the data's moments: the standardisation is then proven to be the data's. (v3
     * kept one main running sum per moment, LogUp pairs, the standardised value's inverse and the
     * commitment's; v6 had one auxiliary running sum, LogUp triples and the commitment's inverse;
     * v8 holds x' as its limbs, keeps the commitment's inverse for columns left as they are only,
     * and takes LogUp fractions four to a column.)
     */
    public static final String MOMENTS_NAME = "comet/dataset-bounds/v8";
    /** Challenges of the data relation between this table and the training table (0 is the range relation's). */
    static final int DATA_ALPHA = 1;
    static final int DATA_BETA = 2;
    static final int NUM_CHALLENGES = 3;
    /**
     * The challenge combining the moments' terms ({@link #momentConstraints}): the data relation's
     * {@code beta}. Sharing it is sound: each argument is a polynomial identity in the challenge
     * over values committed before it is drawn (the moments' terms are the precommitted segment's),
     * so each fails with its own small probability whatever the other does with the same value.
     */
    static final int MOMENT_GAMMA = DATA_BETA;
    private static final long TWO16 = 1L << 16;
    private static final long OFFSET = 1L << FixedPointStep.DATA_BITS;
    /**
     * Main columns: the data row index, whether the row is data (not padding), then per column
     * its cells ({@link Kind}): the committed value's inverse for a column left as it is, else
     * rem, lo', hi' and, without moments, inv' (the class comment says why the table with moments
     * needs no inverse).
     */
    static final int COL_INDEX = 0;
    static final int COL_VALID = 1;
    static final int FIRST_VALUE = 2;
    /** Moments per column: the sums of {@code u}, {@code lo^2}, {@code lo hi}, {@code hi^2}. */
    static final int MOMENTS_PER_VALUE = 4;
    /** The auxiliary column of the moments' combined running sum, before the LogUp columns. */
    static final int AUX_MOMENTS = 0;
    /**
     * Fractions per LogUp column: four, degree 5, so four composition columns instead of two for
     * half the auxiliary columns of pairs (five fractions per standardised value: 39 columns
     * instead of 77 at 30 features). The constraint of degree 5 has a quotient of degree below
     * {@code 4n}, which every preset's blowup (at least 4) holds.
     */
    static final int LOGUP_GROUP = 4;
    // periodic columns: single-row indicators of period h
    private static final int P_FIRST = 0;
    private static final int P_LAST_VALID = 1;
    private static final int P_LAST_ROW = 2;
    private static final int P_FIRST_PAD = 3;

    private final byte[] root;
    private final int rows;
    private final int values;
    private final int logHeight;
    private final int logLength;
    private final Standardization standardization;
    private final DataMoments moments;
    private final long offerMultiplicity;
    private final Kind[] kinds;
    /** Per column its first main cell; the entry after the last is the main width. */
    private final int[] firstCell;
    private final List<PeriodicColumn> periodic;
    private final LogUpColumns logUp;
    /** The committed columns, for the prover's instance; null for the verifier's. */
    private final long[][] dataColumns;
    /** The statement's public value number of the first offset, and of the first moment (-1: none). */
    private final int standardizationValue;
    private final int momentValue;

    /**
     * The table for a dataset of {@code rows} rows ({@code 2^logHeight} with padding) of
     * {@code features} features and a target under {@code root}, read by a training table of
     * {@code 2^trainingLogLength} rows; {@code dataColumns} are its committed columns (prover) or null.
     */
    DatasetBoundsAir(byte[] root, int rows, int features, int logHeight, Standardization standardization,
                     DataMoments moments, int trainingLogLength, long[][] dataColumns, int standardizationValue,
                     int momentValue) {
        this.standardizationValue = standardizationValue;
        this.momentValue = momentValue;
        this.root = root.clone();
        this.moments = moments;
        this.rows = rows;
        this.dataColumns = dataColumns;
        this.values = features + 1;
        this.logHeight = logHeight;
        this.logLength = Math.max(TrainingAir.MIN_LOG_LENGTH, logHeight);
        this.standardization = standardization;
        if (standardization.columns() != values || trainingLogLength < logLength) {
            throw new IllegalArgumentException("a standardisation of " + values + " columns and a training table of at"
                    + " least 2^" + logLength + " rows are needed");
        }
        this.kinds = new Kind[values];
        for (int c = 0; c < values; c++) {
            kinds[c] = kind(standardization, moments, c);
        }
        this.firstCell = firstCells(kinds);
        this.offerMultiplicity = 1L << (trainingLogLength - logLength);
        if (rows < 1 || rows > 1 << logHeight) {
            throw new IllegalArgumentException(rows + " rows do not fit a segment of 2^" + logHeight);
        }
        List<PeriodicColumn> p = new ArrayList<>(List.of(PeriodicColumn.indicator(logHeight, 0),
                PeriodicColumn.indicator(logHeight, rows - 1), PeriodicColumn.indicator(logHeight, (1 << logHeight) - 1)));
        if (hasPadding()) {
            p.add(PeriodicColumn.indicator(logHeight, rows));
        }
        this.periodic = List.copyOf(p);
        List<LogUpColumns.Fraction> fractions = new ArrayList<>();
        for (Expr limb : rangeChecked()) {
            fractions.add(LogUpColumns.lookup(limb));
        }
        fractions.add(LogUpColumns.provide(Expr.constant(offerMultiplicity), offeredTuple()).inRelation(DATA_ALPHA));
        this.logUp = new LogUpColumns(fractions, moments.isEmpty() ? 0 : AUX_MOMENTS + 1, 0, LOGUP_GROUP);
    }

    private boolean hasPadding() {
        return rows < 1 << logHeight;
    }

    /**
     * How a column's standardised value {@code x'} is held. Left as it is, {@code x' = v}: no cells
     * but the committed value's inverse, which makes {@code v > -2^31}. Otherwise {@code x'} is
     * {@code lo' + 2^16 hi' - 2^31} from two range-checked limbs (an integer in
     * {@code [-2^31, 2^31)}), with the remainder of its division; without moments an inverse of
     * {@code lo' + 2^16 hi'} makes the bound strict, with moments the class comment's bound does.
     */
    private enum Kind {
        LEFT(1), BY_MOMENTS(3), STATED(4);

        final int cells;

        Kind(int cells) {
            this.cells = cells;
        }
    }

    private static Kind kind(Standardization standardization, DataMoments moments, int c) {
        if (standardization.leaves(c)) {
            return Kind.LEFT;
        }
        return moments.isEmpty() ? Kind.STATED : Kind.BY_MOMENTS;
    }

    private static int[] firstCells(Kind[] kinds) {
        int[] first = new int[kinds.length + 1];
        first[0] = FIRST_VALUE;
        for (int c = 0; c < kinds.length; c++) {
            first[c + 1] = first[c] + kinds[c].cells;
        }
        return first;
    }

    private boolean left(int c) {
        return kinds[c] == Kind.LEFT;
    }

    /** The committed value's inverse: a left column's one cell (where a standardised column has its remainder). */
    private int committedInverse(int c) {
        return firstCell[c];
    }

    private int remainder(int c) {
        return firstCell[c];
    }

    private int low(int c) {
        return firstCell[c] + 1;
    }

    private int high(int c) {
        return firstCell[c] + 2;
    }

    /** The standardised value's inverse witness: only in stated (not moment-proven) columns. */
    private int inverse(int c) {
        return firstCell[c] + 3;
    }

    private int mainWidth() {
        return firstCell[values];
    }

    private int auxWidth() {
        return logUp.auxWidth() + (moments.isEmpty() ? 0 : 1);
    }

    /** The term moment {@code k} of column {@code c} adds on each data row: {@code u}, {@code lo^2}, {@code lo hi}, {@code hi^2}. */
    private static Expr momentTerm(int c, int k) {
        Expr lo = Expr.precommitted(DatasetCommitment.lowLimbColumn(c));
        Expr hi = Expr.precommitted(DatasetCommitment.highLimbColumn(c));
        return switch (k) {
            case 0 -> DatasetCommitment.shiftedValue(c);
            case 1 -> lo.times(lo);
            case 2 -> lo.times(hi);
            default -> hi.times(hi);
        };
    }

    /**
     * {@code sum_j gamma^j f(j)} over the moments {@code j = 4 c + k} (Horner), {@code gamma} the
     * challenge {@link #MOMENT_GAMMA}.
     */
    private Expr combinedMoments(BiFunction<Integer, Integer, Expr> f) {
        Expr gamma = Expr.challenge(MOMENT_GAMMA);
        Expr acc = null;
        for (int c = values - 1; c >= 0; c--) {
            for (int k = MOMENTS_PER_VALUE - 1; k >= 0; k--) {
                acc = acc == null ? f.apply(c, k) : acc.times(gamma).plus(f.apply(c, k));
            }
        }
        return acc;
    }

    /**
     * Moment {@code k} of column {@code c} over the period's {@code h} rows: the data rows' stated
     * moment and the padding rows', whose value is 0 ({@code u = 2^31}: {@code lo = 0},
     * {@code hi = 2^15}, terms {@code 2^31, 0, 0, 2^30}).
     */
    private Expr periodMoment(int c, int k) {
        long padding = (1L << logHeight) - rows;
        Expr stated = Expr.publicSigned(momentValue + k * values + c, switch (k) {
            case 0 -> moments.sums()[c];
            case 1 -> moments.lowSquares()[c];
            case 2 -> moments.lowHigh()[c];
            default -> moments.highSquares()[c];
        });
        return switch (k) {
            case 0 -> stated.plus(padding * OFFSET);
            case 3 -> stated.plus(padding * (OFFSET >> 1));
            default -> stated;
        };
    }

    /** The tuple the training table looks up: the data row index and the row's standardised values. */
    static Expr dataTuple(Expr index, List<Expr> standardisedValues) {
        List<Expr> components = new ArrayList<>();
        components.add(index);
        components.addAll(standardisedValues);
        return LogUpColumns.tuple(components, DATA_BETA);
    }

    private Expr offeredTuple() {
        List<Expr> xs = new ArrayList<>();
        for (int c = 0; c < values; c++) {
            xs.add(standardised(c));
        }
        return dataTuple(Expr.main(COL_INDEX), xs);
    }

    /** Column {@code c}'s standardised value {@code x'} (see {@link Kind}). */
    Expr standardised(int c) {
        return left(c) ? DatasetCommitment.value(c) : shiftedStandardised(c).minus(OFFSET);
    }

    private Expr shiftedStandardised(int c) {
        return Expr.main(low(c)).plus(Expr.main(high(c)).times(TWO16));
    }

    /** The range-checked limbs of the current data row: committed limbs, then per column rem, lo', hi'. */
    List<Expr> rangeChecked() {
        List<Expr> out = new ArrayList<>();
        for (int v = 0; v < values; v++) {
            out.add(Expr.precommitted(DatasetCommitment.lowLimbColumn(v)));
            out.add(Expr.precommitted(DatasetCommitment.highLimbColumn(v)));
        }
        for (int c = 0; c < values; c++) {
            if (!left(c)) {
                out.add(Expr.main(remainder(c)));
                out.add(Expr.main(low(c)));
                out.add(Expr.main(high(c)));
            }
        }
        return out;
    }

    /**
     * The trace: index, valid, and each column's cells ({@link Kind}); padding rows hold
     * {@code x' = 0}, since training never reads them.
     */
    TraceTable trace() {
        if (dataColumns == null) {
            throw new IllegalStateException("the verifier's AIR cannot build a trace");
        }
        int n = 1 << logLength;
        int h = 1 << logHeight;
        TraceTable t = TraceTable.ofSize(mainWidth(), n);
        for (int c = 0; c < values; c++) {
            long[] low = dataColumns[DatasetCommitment.lowLimbColumn(c)];
            long[] high = dataColumns[DatasetCommitment.highLimbColumn(c)];
            if (left(c)) {
                long[] inverses = t.column(committedInverse(c));
                for (int r = 0; r < n; r++) {
                    inverses[r] = Goldilocks.reduce(low[r & (h - 1)] + (high[r & (h - 1)] << 16));
                }
                Goldilocks.batchInvertOrZeroInPlace(inverses); // 0 only for a committed -2^31, which then fails
                continue;
            }
            long[] inverses = kinds[c] == Kind.STATED ? t.column(inverse(c)) : null;
            for (int r = 0; r < n; r++) {
                int i = r & (h - 1);
                long v = low[i] + (high[i] << 16) - OFFSET;
                boolean data = i < rows;
                long x = data ? standardization.standardise(c, v) : 0;
                writeLimbs(t, c, r, x, data ? standardization.remainder(c, v) : 0);
                if (inverses != null) {
                    inverses[r] = Goldilocks.fromSigned(x + OFFSET);
                }
            }
            if (inverses != null) {
                Goldilocks.batchInvertOrZeroInPlace(inverses); // honest data has no zero: the bound is strict
            }
        }
        for (int r = 0; r < n; r++) {
            t.set(COL_INDEX, r, r & (h - 1));
            t.set(COL_VALID, r, (r & (h - 1)) < rows ? 1 : 0);
        }
        return t;
    }

    private void writeLimbs(TraceTable t, int c, int r, long x, long remainder) {
        long u = x + OFFSET; // in (0, 2^32) for honest data: Standardization.apply checked it
        t.set(remainder(c), r, remainder);
        t.set(low(c), r, Goldilocks.reduce(u & 0xFFFF));
        t.set(high(c), r, Goldilocks.fromSigned(u >> 16));
    }

    /**
     * Overwrites row {@code r}'s cells of standardised column {@code c} with {@code x'} and the
     * remainder field element {@code remainder}, as a cheating prover would (tests).
     */
    void overwriteStandardised(TraceTable t, int c, int r, long x, long remainder) {
        if (left(c)) {
            throw new IllegalArgumentException("column " + c + " is left as it is: its x' is the committed value");
        }
        writeLimbs(t, c, r, x, remainder);
        if (kinds[c] == Kind.STATED) {
            t.set(inverse(c), r, Goldilocks.inv(Goldilocks.fromSigned(x + OFFSET)));
        }
    }

    /** Row {@code r}'s remainder cell of standardised column {@code c} (tests). */
    long remainderCell(TraceTable t, int c, int r) {
        return t.get(remainder(c), r);
    }

    @Override
    public String name() {
        return moments.isEmpty() ? NAME : MOMENTS_NAME;
    }

    @Override
    public TraceInfo traceInfo() {
        return new TraceInfo(logLength, mainWidth(), auxWidth(), NUM_CHALLENGES,
                DatasetCommitment.width(values - 1), logHeight);
    }

    @Override
    public List<PeriodicColumn> periodicColumns() {
        return periodic;
    }

    @Override
    public List<Constraint> constraints() {
        List<Constraint> out = new ArrayList<>();
        Expr index = Expr.main(COL_INDEX);
        Expr lastOfPeriod = Expr.periodic(P_LAST_ROW);
        Expr inPeriod = Expr.constant(1).minus(lastOfPeriod);
        out.add(Constraint.assertion("the data row index starts at 0", COL_INDEX, 0, 0));
        out.add(Constraint.transition("the data row index counts rows",
                inPeriod.times(Expr.mainNext(COL_INDEX).minus(index).minus(1))));
        out.add(Constraint.transition("the data row index restarts after row h - 1",
                lastOfPeriod.times(Expr.mainNext(COL_INDEX))));
        // valid = [i < N], by the training table's argument: boolean, 1 at row 0, never restarting
        // within a period, 1 at row N - 1 and 0 at row N.
        Expr valid = Expr.main(COL_VALID);
        out.add(Constraint.everyRow("valid is boolean", valid.times(valid.minus(1))));
        out.add(Constraint.everyRow("first data row is valid", Expr.periodic(P_FIRST).times(valid.minus(1))));
        out.add(Constraint.transition("valid never restarts within a period",
                inPeriod.times(Expr.mainNext(COL_VALID)).times(Expr.constant(1).minus(valid))));
        out.add(Constraint.everyRow("data row N-1 is valid", Expr.periodic(P_LAST_VALID).times(valid.minus(1))));
        if (hasPadding()) {
            out.add(Constraint.everyRow("data row N is padding", Expr.periodic(P_FIRST_PAD).times(valid)));
        }
        long[] offsets = standardization.offsets();
        long[] scales = standardization.scales();
        for (int c = 0; c < values; c++) {
            Expr x = standardised(c);
            if (left(c)) {
                out.add(Constraint.everyRow("data value " + c + " is strictly inside its bound",
                        DatasetCommitment.shiftedValue(c).times(Expr.main(committedInverse(c))).minus(1)));
                if (moments.isEmpty()) { // with moments, the commitment's padding constraint says it
                    out.add(Constraint.everyRow("column " + c + " is 0 on padding rows", Expr.constant(1).minus(valid).times(x)));
                }
                continue;
            }
            out.add(Constraint.everyRow("column " + c + " standardised: (v - offset) scale = x' 2^16 + rem",
                    valid.times(DatasetCommitment.value(c).minus(Expr.publicSigned(standardizationValue + c, offsets[c]))
                            .times(Expr.publicSigned(standardizationValue + values + c, scales[c]))
                            .minus(x.times(TWO16)).minus(Expr.main(remainder(c))))));
            out.add(Constraint.everyRow("column " + c + " is 0 on padding rows", Expr.constant(1).minus(valid).times(x)));
            if (kinds[c] == Kind.STATED) {
                out.add(Constraint.everyRow("column " + c + " |standardised value| < 2^31",
                        shiftedStandardised(c).times(Expr.main(inverse(c))).minus(1)));
            }
        }
        if (!moments.isEmpty()) {
            momentConstraints(out, valid);
        }
        out.addAll(logUp.constraints(1 << logLength));
        return out;
    }

    /**
     * The data's moments ({@link DataMoments}). A padding row's committed value must be 0, as the
     * commitment pads. The moments' per-row terms, combined as {@code t = sum_j gamma^j term_j}
     * with {@code gamma} drawn after the segment and the main trace are committed, enter one
     * auxiliary running sum {@code M}: 0 at row 0, {@code M' = M + t} on every transition, and at
     * row {@code h - 1} {@code M + t = sum_j gamma^j m_j}, {@code m_j} the stated moment plus the
     * padding rows' known terms. That says {@code sum_j gamma^j (S_j - m_j) = 0} for the true sums
     * {@code S_j} over the period, a polynomial of degree below {@code 4 (D + 1)} in
     * {@code gamma} whose coefficients were fixed before it was drawn: unless every {@code S_j}
     * equals its {@code m_j}, it vanishes at {@code gamma} with probability at most
     * {@code 4 (D + 1) / |F_ext|}. Every term is a product of committed limbs below {@code 2^16},
     * at most {@code 2^32}, so the {@code h <= 2^28} rows of the first period sum to below
     * {@code 2^60 < p}: the field sums are the integer sums. (A table longer than {@code h} rows,
     * when {@code h < 8}, repeats the rows and keeps adding; only the first period is checked.)
     * Every constraint has degree 2 in the cells, so the table needs no larger blowup than before.
     */
    private void momentConstraints(List<Constraint> out, Expr valid) {
        for (int c = 0; c < values; c++) {
            out.add(Constraint.everyRow("column " + c + " is 0 on padding rows of the commitment",
                    Expr.constant(1).minus(valid).times(DatasetCommitment.value(c))));
        }
        Expr sum = Expr.aux(AUX_MOMENTS);
        Expr term = combinedMoments(DatasetBoundsAir::momentTerm);
        out.add(Constraint.atRow("the moments' running sum starts at 0", 0, sum));
        out.add(Constraint.transition("the moments' running sum adds each row's terms",
                Expr.auxNext(AUX_MOMENTS).minus(sum).minus(term)));
        out.add(Constraint.atRow("the moments are the stated ones", (1 << logHeight) - 1,
                sum.plus(term).minus(combinedMoments(this::periodMoment))));
    }

    @Override
    public byte[] precommittedRoot() {
        return root.clone();
    }

    @Override
    public byte[] publicInputs() {
        long[] stated = moments.encoded();
        ByteBuffer out = ByteBuffer.allocate(root.length + 20 + 16 * values + 8 * stated.length).put(root).putInt(rows)
                .putInt(values).putInt(logHeight).putLong(offerMultiplicity);
        for (long v : standardization.encoded()) {
            out.putLong(v);
        }
        for (long v : stated) {
            out.putLong(v);
        }
        return out.array();
    }

    /** {@link #publicInputs()} as parts of {@code fields}' statement: its root, shape, standardisation, moments. */
    List<StatementBinding.Part> publicInputParts(TrainingStatement.Fields fields) {
        List<StatementBinding.Part> parts = new ArrayList<>();
        parts.add(new StatementBinding.Part.FieldRef(fields.root()));
        parts.add(new StatementBinding.Part.Literal(ByteBuffer.allocate(20).putInt(rows).putInt(values).putInt(logHeight)
                .putLong(offerMultiplicity).array()));
        for (int f = 0; f < 4; f++) { // the features' offsets, the target's, the features' scales, the target's
            parts.add(new StatementBinding.Part.FieldRef(fields.standardization() + f));
        }
        if (!moments.isEmpty()) {
            parts.add(new StatementBinding.Part.FieldRef(fields.moments()));
        }
        return parts;
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
        if (dataColumns == null) {
            throw new IllegalStateException("the verifier's AIR cannot build a trace");
        }
        RowValues rows = rowValues(main);
        long[][][] aux = logUp.auxTrace(main, rows, challenges, ext);
        if (!moments.isEmpty()) {
            aux[AUX_MOMENTS] = momentSums(rows.evaluateExtension(combinedMoments(DatasetBoundsAir::momentTerm),
                    challenges, ext));
        }
        return aux;
    }

    /** The running sum before each row ({@code [degree][n]}): 0 at row 0. */
    private static long[][] momentSums(long[][] terms) {
        long[][] sums = new long[terms.length][terms[0].length];
        for (int d = 0; d < terms.length; d++) {
            for (int r = 1; r < terms[d].length; r++) {
                sums[d][r] = Goldilocks.add(sums[d][r - 1], terms[d][r - 1]);
            }
        }
        return sums;
    }

    RowValues rowValues(TraceTable main) {
        return new RowValues(main, dataColumns, periodic.stream().map(PeriodicColumn::values).toArray(long[][]::new));
    }
}
