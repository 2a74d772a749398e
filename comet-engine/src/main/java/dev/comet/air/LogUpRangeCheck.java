package dev.comet.air;

import dev.comet.field.ExtensionField;
import dev.comet.field.ExtensionVectors;
import dev.comet.field.Goldilocks;
import java.util.ArrayList;
import java.util.List;

/**
 * Reusable LogUp range check: proves that every cell of some main columns lies in
 * {@code [0, 2^bits)} (16 bits unless configured otherwise).
 *
 * <p><b>Table.</b> A main column {@code t} with {@code t[0] = 0}, {@code t[n-1] = 2^bits - 1} and
 * steps {@code t' - t} in {@code {0, 1}}: it therefore takes every value of the range and no other.
 * This needs {@code n >= 2^bits} rows. A main column {@code m} holds how often each table row is
 * looked up.
 *
 * <p><b>Argument.</b> With a challenge {@code alpha}, LogUp (Haböck 2022) states
 * {@code sum_rows sum_checked 1/(alpha - v) = sum_rows m/(alpha - t)}. The auxiliary trace holds
 * one inverse column {@code h_v = 1/(alpha - v)} per checked column, {@code h_t = m/(alpha - t)} and
 * the running sum {@code s}; constraints (all of degree 2):
 * <ul>
 *   <li>{@code h_v (alpha - v) = 1} and {@code h_t (alpha - t) = m} on every row;</li>
 *   <li>{@code s = sum h_v - h_t} on row 0, {@code s' = s + sum h_v' - h_t'} on transitions,
 *       {@code s = 0} on the last row.</li>
 * </ul>
 * A value outside the table makes the two sums different rational functions of {@code alpha}, so
 * they agree at a random extension-field {@code alpha} only with probability about
 * {@code (lookups + table size) / |F_ext|}. The field characteristic exceeds the number of
 * lookups, so multiplicities cannot wrap.
 *
 * <p><b>Wider ranges</b> use 16-bit limbs: range-check the limbs and constrain
 * {@link #recompose} to the value; with at most 3 limbs the recomposition is below {@code p} and
 * hence unique.
 */
public final class LogUpRangeCheck {
    public static final int DEFAULT_BITS = 16;

    private final int[] checkedColumns;
    private final int tableColumn;
    private final int multiplicityColumn;
    private final int firstAuxColumn;
    private final int challengeIndex;
    private final int bits;

    /**
     * @param checkedColumns     main columns whose every cell must be in range
     * @param tableColumn        main column holding the table
     * @param multiplicityColumn main column holding the multiplicities
     * @param firstAuxColumn     first of the {@link #auxWidth()} auxiliary columns this gadget owns
     * @param challengeIndex     index of the challenge {@code alpha}
     */
    public LogUpRangeCheck(int[] checkedColumns, int tableColumn, int multiplicityColumn, int firstAuxColumn,
                           int challengeIndex, int bits) {
        if (bits < 1 || bits > 24) {
            throw new IllegalArgumentException("range-check table width must be 1..24 bits, got " + bits);
        }
        this.checkedColumns = checkedColumns.clone();
        this.tableColumn = tableColumn;
        this.multiplicityColumn = multiplicityColumn;
        this.firstAuxColumn = firstAuxColumn;
        this.challengeIndex = challengeIndex;
        this.bits = bits;
    }

    public LogUpRangeCheck(int[] checkedColumns, int tableColumn, int multiplicityColumn, int firstAuxColumn,
                           int challengeIndex) {
        this(checkedColumns, tableColumn, multiplicityColumn, firstAuxColumn, challengeIndex, DEFAULT_BITS);
    }

    /** Auxiliary columns used: one per checked column, the table term and the running sum. */
    public int auxWidth() {
        return checkedColumns.length + 2;
    }

    public int tableSize() {
        return 1 << bits;
    }

    /** The smallest trace length that can hold the table. */
    public int minLogTraceLength() {
        return bits;
    }

    private int tableTermColumn() {
        return firstAuxColumn + checkedColumns.length;
    }

    private int sumColumn() {
        return firstAuxColumn + checkedColumns.length + 1;
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
        for (int i = 0; i < checkedColumns.length; i++) {
            Expr h = Expr.aux(firstAuxColumn + i);
            out.add(Constraint.everyRow("range lookup inverse " + i,
                    h.times(alpha.minus(Expr.main(checkedColumns[i]))).minus(1)));
            sumHere = sumHere.plus(h);
            sumNext = sumNext.plus(Expr.auxNext(firstAuxColumn + i));
        }
        Expr ht = Expr.aux(tableTermColumn());
        out.add(Constraint.everyRow("range table term",
                ht.times(alpha.minus(t)).minus(Expr.main(multiplicityColumn))));
        Expr s = Expr.aux(sumColumn());
        out.add(Constraint.atRow("range sum starts", 0, s.minus(sumHere.minus(ht))));
        out.add(Constraint.transition("range sum accumulates",
                Expr.auxNext(sumColumn()).minus(s).minus(sumNext.minus(Expr.auxNext(tableTermColumn())))));
        out.add(Constraint.atRow("range sum ends at 0", traceLength - 1, s));
        return out;
    }

    /**
     * Fills the table and multiplicity columns of a trace whose checked columns are set.
     *
     * @throws IllegalArgumentException naming column and row of the first out-of-range value
     */
    public void fillTable(TraceTable trace) {
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
        for (int c : checkedColumns) {
            long[] values = trace.column(c);
            for (int row = 0; row < n; row++) {
                long v = values[row];
                if (v < 0 || v >= tableSize()) {
                    throw new IllegalArgumentException("value " + Long.toUnsignedString(v) + " in column " + c + ", row "
                            + row + " is outside [0, 2^" + bits + ")");
                }
                multiplicity[(int) v]++;
            }
        }
    }

    /** Writes this gadget's auxiliary columns into {@code aux} (columns {@code [degree][n]}). */
    public void buildAux(TraceTable main, List<long[]> challenges, ExtensionField ext, long[][][] aux) {
        int n = main.length();
        int degree = ext.degree();
        long[] alpha = challenges.get(challengeIndex);
        for (int i = 0; i < checkedColumns.length; i++) {
            aux[firstAuxColumn + i] = inverses(alpha, main.column(checkedColumns[i]), degree, ext);
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
        long[] acc = ext.zero();
        for (int row = 0; row < n; row++) {
            for (int i = 0; i < checkedColumns.length; i++) {
                acc = ext.add(acc, ext.get(aux[firstAuxColumn + i], row));
            }
            acc = ext.sub(acc, ext.get(tableTerm, row));
            ext.set(sum, row, acc);
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
