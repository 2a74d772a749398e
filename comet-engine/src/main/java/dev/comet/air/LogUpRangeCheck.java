package dev.comet.air;

import dev.comet.field.ExtensionField;
import dev.comet.field.ExtensionVectors;
import dev.comet.field.Goldilocks;
import java.util.ArrayList;
import java.util.List;

/**
 * Reusable LogUp range check: proves that base-field expressions (usually single cells) lie in
 * {@code [0, 2^bits)} on every row (16 bits unless configured otherwise).
 *
 * <p><b>Table.</b> A main column {@code t} with {@code t[0] = 0}, {@code t[n-1] = 2^bits - 1} and
 * steps {@code t' - t} in {@code {0, 1}}: it therefore takes every value of the range and no other.
 * This needs {@code n >= 2^bits} rows. A main column {@code m} holds how often each table row is
 * looked up; both are committed with the main trace, before the challenge.
 *
 * <p><b>Argument.</b> With a challenge {@code alpha}, LogUp (Haböck 2022) states
 * {@code sum_rows sum_k 1/(alpha - v_k) = sum_rows m/(alpha - t)}. Checked values are taken in
 * pairs; each pair has an auxiliary column {@code h = 1/(alpha - a) + 1/(alpha - b)}, constrained
 * by {@code h (alpha - a)(alpha - b) = 2 alpha - a - b} (degree 3 for cell values; a lone last
 * value uses {@code h (alpha - a) = 1}). Further columns hold {@code h_t = m/(alpha - t)} and the
 * running sum {@code s}: {@code s = sum h - h_t} on row 0, {@code s' = s + sum h' - h_t'} on
 * transitions, {@code s = 0} on the last row.
 *
 * <p>A value outside the table makes the two sums different rational functions of {@code alpha},
 * so they agree at a random extension-field {@code alpha} only with probability about
 * {@code (lookups + table size) / |F_ext|}. The field characteristic exceeds the number of
 * lookups, so multiplicities cannot wrap.
 *
 * <p><b>Wider ranges</b> use 16-bit limbs: range-check the limbs and constrain {@link #recompose}
 * to the value; with at most 3 limbs the recomposition is below {@code p} and hence unique. A
 * limb {@code l} known to be below {@code 2^k} for {@code k < 16} is checked by looking up both
 * {@code l} and {@code 2^(16-k) l}.
 */
public final class LogUpRangeCheck {
    public static final int DEFAULT_BITS = 16;

    private final List<Expr> checked;
    private final int tableColumn;
    private final int multiplicityColumn;
    private final int firstAuxColumn;
    private final int challengeIndex;
    private final int bits;

    /**
     * @param checked            base-field expressions that must be in range on every row
     * @param tableColumn        main column holding the table
     * @param multiplicityColumn main column holding the multiplicities
     * @param firstAuxColumn     first of the {@link #auxWidth()} auxiliary columns this gadget owns
     * @param challengeIndex     index of the challenge {@code alpha}
     */
    public LogUpRangeCheck(List<Expr> checked, int tableColumn, int multiplicityColumn, int firstAuxColumn,
                           int challengeIndex, int bits) {
        if (bits < 1 || bits > 24) {
            throw new IllegalArgumentException("range-check table width must be 1..24 bits, got " + bits);
        }
        if (checked.isEmpty()) {
            throw new IllegalArgumentException("a range check needs at least one value");
        }
        for (Expr e : checked) {
            if (e.isExtension()) {
                throw new IllegalArgumentException("range-checked values must be base-field expressions");
            }
        }
        this.checked = List.copyOf(checked);
        this.tableColumn = tableColumn;
        this.multiplicityColumn = multiplicityColumn;
        this.firstAuxColumn = firstAuxColumn;
        this.challengeIndex = challengeIndex;
        this.bits = bits;
    }

    /** Range-checks whole main columns with the default 16-bit table. */
    public LogUpRangeCheck(int[] checkedColumns, int tableColumn, int multiplicityColumn, int firstAuxColumn,
                           int challengeIndex) {
        this(java.util.Arrays.stream(checkedColumns).mapToObj(Expr::main).toList(), tableColumn, multiplicityColumn,
                firstAuxColumn, challengeIndex, DEFAULT_BITS);
    }

    private int pairs() {
        return (checked.size() + 1) / 2;
    }

    /** Auxiliary columns used: one per pair of checked values, the table term and the running sum. */
    public int auxWidth() {
        return pairs() + 2;
    }

    /** Fractions per row in the LogUp sum: every checked value and the table term. */
    public int lookupTermsPerRow() {
        return checked.size() + 1;
    }

    public int tableSize() {
        return 1 << bits;
    }

    /** The smallest trace length that can hold the table. */
    public int minLogTraceLength() {
        return bits;
    }

    private int tableTermColumn() {
        return firstAuxColumn + pairs();
    }

    private int sumColumn() {
        return firstAuxColumn + pairs() + 1;
    }

    public List<Constraint> constraints(int traceLength) {
        if (traceLength < tableSize()) {
            throw new IllegalArgumentException("a " + bits + "-bit range table needs at least 2^" + bits + " rows");
        }
        List<Constraint> out = new ArrayList<>();
        Expr t = Expr.main(tableColumn);
        Expr step = Expr.mainNext(tableColumn).minus(t);
        out.add(Constraint.assertion("range table starts at 0", tableColumn, 0, 0));
        out.add(Constraint.transition("range table steps by 0 or 1", step.times(step.minus(1))));
        out.add(Constraint.assertion("range table ends at 2^" + bits + "-1", tableColumn, traceLength - 1,
                tableSize() - 1L));
        Expr alpha = Expr.challenge(challengeIndex);
        Expr sumHere = Expr.constant(0);
        Expr sumNext = Expr.constant(0);
        for (int k = 0; k < pairs(); k++) {
            Expr h = Expr.aux(firstAuxColumn + k);
            Expr a = checked.get(2 * k);
            if (2 * k + 1 < checked.size()) {
                Expr b = checked.get(2 * k + 1);
                Expr numerator = alpha.times(2).minus(a).minus(b);
                out.add(Constraint.everyRow("range lookup pair " + k,
                        h.times(alpha.minus(a)).times(alpha.minus(b)).minus(numerator)));
            } else {
                out.add(Constraint.everyRow("range lookup " + k, h.times(alpha.minus(a)).minus(1)));
            }
            sumHere = sumHere.plus(h);
            sumNext = sumNext.plus(Expr.auxNext(firstAuxColumn + k));
        }
        Expr ht = Expr.aux(tableTermColumn());
        out.add(Constraint.everyRow("range table term", ht.times(alpha.minus(t)).minus(Expr.main(multiplicityColumn))));
        Expr s = Expr.aux(sumColumn());
        out.add(Constraint.atRow("range sum starts", 0, s.minus(sumHere.minus(ht))));
        out.add(Constraint.transition("range sum accumulates",
                Expr.auxNext(sumColumn()).minus(s).minus(sumNext.minus(Expr.auxNext(tableTermColumn())))));
        out.add(Constraint.atRow("range sum ends at 0", traceLength - 1, s));
        return out;
    }

    /**
     * Fills the table and multiplicity columns of a trace whose other columns are set.
     *
     * @throws IllegalArgumentException naming the checked value and row of the first out-of-range value
     */
    public void fillTable(TraceTable trace, RowValues rows) {
        fillTable(trace, rows, false);
    }

    /**
     * As {@link #fillTable(TraceTable, RowValues)}; with {@code skipOutOfRange} an out-of-range
     * value is left out of the multiplicities instead of failing, as a cheating prover would do,
     * for tests that check the verifier catches it.
     */
    public void fillTable(TraceTable trace, RowValues rows, boolean skipOutOfRange) {
        int n = trace.length();
        if (n < tableSize()) {
            throw new IllegalArgumentException("a " + bits + "-bit range table needs at least 2^" + bits + " rows");
        }
        long[] table = trace.column(tableColumn);
        long[] multiplicity = trace.column(multiplicityColumn);
        for (int i = 0; i < n; i++) {
            table[i] = Math.min(i, tableSize() - 1);
            multiplicity[i] = 0;
        }
        for (int k = 0; k < checked.size(); k++) {
            long[] values = rows.evaluate(checked.get(k));
            for (int row = 0; row < n; row++) {
                long v = values[row];
                if (v < 0 || v >= tableSize()) {
                    if (skipOutOfRange) {
                        continue;
                    }
                    throw new IllegalArgumentException("range-checked value " + k + " = " + Long.toUnsignedString(v)
                            + " at row " + row + " is outside [0, 2^" + bits + ")");
                }
                multiplicity[(int) v]++;
            }
        }
    }

    /** Writes this gadget's auxiliary columns into {@code aux} (columns {@code [degree][n]}). */
    public void buildAux(TraceTable main, RowValues rows, List<long[]> challenges, ExtensionField ext, long[][][] aux) {
        int n = main.length();
        int degree = ext.degree();
        long[] alpha = challenges.get(challengeIndex);
        for (int k = 0; k < pairs(); k++) {
            long[][] h = inverses(alpha, rows.evaluate(checked.get(2 * k)), degree, ext);
            if (2 * k + 1 < checked.size()) {
                ExtensionVectors.add(h, inverses(alpha, rows.evaluate(checked.get(2 * k + 1)), degree, ext), h, n);
            }
            aux[firstAuxColumn + k] = h;
        }
        long[][] tableTerm = inverses(alpha, main.column(tableColumn), degree, ext);
        long[] m = main.column(multiplicityColumn);
        for (int d = 0; d < degree; d++) {
            for (int row = 0; row < n; row++) {
                tableTerm[d][row] = Goldilocks.mul(tableTerm[d][row], m[row]);
            }
        }
        aux[tableTermColumn()] = tableTerm;
        long[][] sum = new long[degree][n];
        long[] acc = new long[degree];
        for (int row = 0; row < n; row++) {
            for (int d = 0; d < degree; d++) {
                long v = acc[d];
                for (int k = 0; k < pairs(); k++) {
                    v = Goldilocks.add(v, aux[firstAuxColumn + k][d][row]);
                }
                acc[d] = Goldilocks.sub(v, tableTerm[d][row]);
                sum[d][row] = acc[d];
            }
        }
        aux[sumColumn()] = sum;
    }

    private static long[][] inverses(long[] alpha, long[] values, int degree, ExtensionField ext) {
        int n = values.length;
        long[][] out = new long[degree][n];
        for (int row = 0; row < n; row++) {
            out[0][row] = Goldilocks.sub(alpha[0], values[row]);
            for (int d = 1; d < degree; d++) {
                out[d][row] = alpha[d];
            }
        }
        ExtensionVectors.batchInvertInPlace(ext, out, n);
        return out;
    }

    /** {@code value - sum_i 2^(bits*i) limb_i}: constrain to zero to tie a wide value to its limbs. */
    public static Expr recompose(Expr value, int bits, int... limbColumns) {
        if ((long) bits * limbColumns.length >= 64) {
            throw new IllegalArgumentException("limbs must recompose below 2^63 to stay unique mod p");
        }
        Expr sum = Expr.main(limbColumns[0]);
        for (int i = 1; i < limbColumns.length; i++) {
            sum = sum.plus(Expr.main(limbColumns[i]).times(1L << (bits * i)));
        }
        return value.minus(sum);
    }

    /** Splits a value in {@code [0, 2^(bits*limbs))} into little-endian limbs. */
    public static long[] limbs(long value, int bits, int limbs) {
        long[] out = new long[limbs];
        long mask = (1L << bits) - 1;
        for (int i = 0; i < limbs; i++) {
            out[i] = (value >>> (bits * i)) & mask;
        }
        return out;
    }
}
