package dev.comet.train.softmax;

import dev.comet.air.Constraint;
import dev.comet.air.Expr;
import dev.comet.air.FixedTable;
import dev.comet.air.LogUpColumns;
import dev.comet.air.RangeTable;
import dev.comet.air.RowValues;
import dev.comet.field.Goldilocks;
import dev.comet.train.FunctionTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Softmax regression's outputs in a training table: {@code p_k} of {@link Softmax} for the row's
 * scores {@code z_0..z_(K-1)}, and its class target as one-hot columns (docs/TRAINING.md, "Softmax
 * regression"). Columns from {@code first}: {@code m}, then per class {@code k} a block of
 * {@link #BLOCK}: {@code sel, lb, sat, gl, gh, e, pl, pbit, rl, rh, ql, qh, dinv, yoh}.
 *
 * <p>The host proves {@code |z_k| < 2^31} on active rows ({@code a = 1}); {@code d_k = m - z_k}.
 * <ul>
 *   <li><b>Maximum.</b> {@code sel} is one-hot (boolean, sums to 1) on every row and
 *       {@code m = sum_k sel_k z_k}: {@code m} is one of the scores, {@code z_k*}. Every gap is
 *       proven non-negative below, so {@code m} is the maximum. For {@code k < k*}
 *       ({@code sel_i = 0} for all {@code i <= k}) {@code d_k dinv_k = 1}, so {@code d_k != 0}:
 *       {@code k*} is the first index of the maximum, the predicted class.</li>
 *   <li><b>Exponentials.</b> {@code sat} boolean. Saturated: {@code gl + 2^16 gh = d - 2^20}
 *       with both limbs range-checked, so {@code d - 2^20 in [0, 2^32)} (both sides below
 *       {@code 2^33} in magnitude, as {@code |d| < 2^32}: an equation over the integers), that is
 *       {@code d >= 2^20}, and {@code e = 0}. Otherwise (with {@code gl = gh = 0}) on active rows
 *       {@code (key, e)} is looked up in the exp table, whose rows are {@code (i, E[i])} for
 *       {@code i < 2^12}, with {@code key = (d - lb) / 2^8} and {@code lb} range-checked to 8 bits:
 *       {@code d = 2^8 key + lb in [0, 2^20)} over the integers, {@code key = floor(d / 2^8)},
 *       {@code e = E[key]}. Either way {@code d >= 0} and {@code e = exp_q(d)}, whichever
 *       flag the prover chose. The maximum's gap is 0, never saturated, so {@code e_k* = E[0]}.</li>
 *   <li><b>Division.</b> {@code S = sum_k e_k in [65408, 2^20)}. On active rows
 *       {@code 2^16 e_k = p_k S + r_k} with {@code p_k = pl + 2^16 pbit}, {@code pl} range-checked
 *       to 16 bits and {@code pbit} boolean, so {@code 0 <= p_k < 2^17}; {@code r_k = rl + 2^16 rh}
 *       and {@code S - 1 - r_k = ql + 2^16 qh} with {@code rl, ql} 16-bit and {@code rh, qh} 4-bit
 *       limbs, so {@code 0 <= r_k < S}. Both sides are below {@code 2^17 2^20 + 2^20 < 2^38}: over
 *       the integers, {@code p_k = floor(2^16 e_k / S)}.</li>
 *   <li><b>Target.</b> {@code yoh} is boolean; on active rows it sums to 1 and
 *       {@code y = 2^16 sum_k k yoh_k}: the target is a class index {@code t < K} and
 *       {@code yoh_k = [k = t]}.</li>
 * </ul>
 * Idle rows ({@code a = 0}) constrain nothing that training reads: the lookups, divisions and
 * target checks are gated by {@code a}, and the host forces their scaled errors to 0. The
 * selector's constraints hold on every row, which the honest trace meets with {@code sel_0 = 1}
 * and {@code m} the idle scores' value.
 *
 * <p>Both booleanity checks carry weight: a non-boolean {@code sel} places {@code m} above the
 * maximum, and a non-boolean {@code sat} makes the lookup's numerator {@code a (1 - sat)} an
 * arbitrary field element, so that lookups of a tuple {@code (key, 0)} on several rows could
 * cancel out without any table row (with {@code e = 0} and {@code sat} solving the gap
 * equation), leaving those rows' exps 0 for gaps inside the table.
 */
public final class SoftmaxOutput {
    /** Columns per class. */
    public static final int BLOCK = 14;
    static final int SEL = 0;
    static final int LB = 1;
    static final int SAT = 2;
    static final int GL = 3;
    static final int GH = 4;
    static final int E = 5;
    static final int PL = 6;
    static final int PBIT = 7;
    static final int RL = 8;
    static final int RH = 9;
    static final int QL = 10;
    static final int QH = 11;
    static final int DINV = 12;
    static final int YOH = 13;
    /** Limbs of a remainder below {@code S < 2^20}: 16 bits, then 4. */
    private static final int REMAINDER_HIGH_BITS = 4;
    private static final long TWO16 = 1L << 16;

    public final int colM;
    private final int classes;
    private final Expr active;
    private final List<Expr> scores;
    private final Expr target;
    private final int alphaIndex;

    /**
     * @param first      the first of {@link #width(int)} columns
     * @param active     1 on rows that train, else 0
     * @param scores     the scores {@code z_k}, degree-1 expressions the host bounds on active rows
     * @param target     the row's class target, {@code 2^16} times its index
     * @param alphaIndex the exp table's LogUp relation: challenges {@code alphaIndex} and {@code + 1}, its own
     */
    public SoftmaxOutput(int first, Expr active, List<Expr> scores, Expr target, int alphaIndex) {
        this.colM = first;
        this.classes = scores.size();
        this.active = active;
        this.scores = List.copyOf(scores);
        this.target = target;
        this.alphaIndex = alphaIndex;
    }

    /** Columns for {@code classes} classes. */
    public static int width(int classes) {
        return 1 + BLOCK * classes;
    }

    /** Column {@code field} of class {@code k}'s block. */
    public int col(int k, int field) {
        return colM + 1 + BLOCK * k + field;
    }

    private Expr main(int k, int field) {
        return Expr.main(col(k, field));
    }

    /** The output {@code p_k}. */
    public Expr output(int k) {
        return main(k, PL).plus(main(k, PBIT).times(TWO16));
    }

    /** Class {@code k}'s target, {@code 2^16 [k = t]}. */
    public Expr target(int k) {
        return main(k, YOH).times(TWO16);
    }

    /** {@code sum_k sel_k yoh_k}: on an active row 1 when its predicted class is its target, else 0. */
    public Expr correct() {
        Expr sum = Expr.constant(0);
        for (int k = 0; k < classes; k++) {
            sum = sum.plus(main(k, SEL).times(main(k, YOH)));
        }
        return sum;
    }

    /** Challenges the relation uses: through {@code alphaIndex + 1}. */
    public int challengesUsed() {
        return alphaIndex + 2;
    }

    /** The exp table in this output's relation. */
    public FixedTable table() {
        return Softmax.table(alphaIndex, alphaIndex + 1);
    }

    private Expr gap(int k) {
        return Expr.main(colM).minus(scores.get(k));
    }

    private Expr key(int k) {
        return gap(k).minus(main(k, LB)).times(Goldilocks.inv(1L << Softmax.STEP_BITS));
    }

    private Expr normaliser() {
        Expr s = Expr.constant(0);
        for (int k = 0; k < classes; k++) {
            s = s.plus(main(k, E));
        }
        return s;
    }

    private Expr remainder(int k) {
        return main(k, RL).plus(main(k, RH).times(TWO16));
    }

    /** 1 on active rows whose class {@code k} gap is inside the table, else 0. */
    private Expr numerator(int k) {
        return active.times(Expr.constant(1).minus(main(k, SAT)));
    }

    /** The values to range-check against {@code range}. */
    public void rangeChecked(RangeTable range, List<Expr> out) {
        for (int k = 0; k < classes; k++) {
            out.addAll(range.shortLimb(main(k, LB), Softmax.STEP_BITS));
            out.add(main(k, GL));
            out.add(main(k, GH));
            out.add(main(k, PL));
            out.add(main(k, RL));
            out.addAll(range.shortLimb(main(k, RH), REMAINDER_HIGH_BITS));
            out.add(main(k, QL));
            out.addAll(range.shortLimb(main(k, QH), REMAINDER_HIGH_BITS));
        }
    }

    /** The lookups of {@code (key_k, e_k)} in the exp table, one per class. */
    public List<LogUpColumns.Fraction> lookups() {
        List<LogUpColumns.Fraction> out = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            out.add(new LogUpColumns.Fraction(numerator(k),
                    LogUpColumns.tuple(List.of(key(k), main(k, E)), alphaIndex + 1)).inRelation(alphaIndex));
        }
        return out;
    }

    public void constraints(List<Constraint> out) {
        Expr one = Expr.constant(1);
        Expr selSum = Expr.constant(0);
        Expr max = Expr.constant(0);
        Expr yohSum = Expr.constant(0);
        Expr index = Expr.constant(0);
        Expr s = normaliser();
        for (int k = 0; k < classes; k++) {
            Expr sel = main(k, SEL);
            Expr sat = main(k, SAT);
            Expr yoh = main(k, YOH);
            Expr pbit = main(k, PBIT);
            String c = " " + k;
            out.add(Constraint.everyRow("sel" + c + " is boolean", sel.times(sel.minus(1))));
            // before + sel is 1 from the selected class on: only the classes before it need a non-zero gap.
            out.add(Constraint.everyRow("gap" + c + " before the first maximum is not 0",
                    one.minus(selSum).minus(sel).times(gap(k).times(main(k, DINV)).minus(1))));
            selSum = selSum.plus(sel);
            max = max.plus(sel.times(scores.get(k)));
            out.add(Constraint.everyRow("sat" + c + " is boolean", sat.times(sat.minus(1))));
            out.add(Constraint.everyRow("saturated gap" + c + " is at least 2^20", main(k, GL)
                    .plus(main(k, GH).times(TWO16)).minus(sat.times(gap(k).minus(Softmax.GAP_BOUND)))));
            out.add(Constraint.everyRow("saturated gap" + c + " gives 0", sat.times(main(k, E))));
            out.add(Constraint.everyRow("pbit" + c + " is boolean", pbit.times(pbit.minus(1))));
            out.add(Constraint.everyRow("p" + c + " = floor(2^16 e / S)", active.times(main(k, E).times(TWO16)
                    .minus(output(k).times(s)).minus(remainder(k)))));
            out.add(Constraint.everyRow("remainder" + c + " below S", main(k, QL).plus(main(k, QH).times(TWO16))
                    .minus(active.times(s.minus(1).minus(remainder(k))))));
            out.add(Constraint.everyRow("yoh" + c + " is boolean", yoh.times(yoh.minus(1))));
            yohSum = yohSum.plus(yoh);
            index = index.plus(yoh.times(k * TWO16));
        }
        out.add(Constraint.everyRow("sel is one-hot", selSum.minus(1)));
        out.add(Constraint.everyRow("m is the selected score", Expr.main(colM).minus(max)));
        out.add(Constraint.everyRow("the target is one class", active.times(yohSum.minus(1))));
        out.add(Constraint.everyRow("yoh marks the target's class", active.times(index.minus(target))));
    }

    /**
     * How often each table row is looked up in {@code rows}. With {@code skipInvalid} a lookup of
     * no table row is left out, as a cheat would, instead of failing.
     */
    public long[] multiplicities(RowValues rows, boolean skipInvalid) {
        long[] out = new long[1 << Softmax.LOG_ROWS];
        for (int k = 0; k < classes; k++) {
            FunctionTable.count(out, rows.evaluate(numerator(k)), rows.evaluate(key(k)), skipInvalid,
                    "exp lookup of class " + k);
        }
        return out;
    }

    /**
     * Writes row {@code r}'s softmax columns for the scores {@code z} and target index
     * {@code targetIndex}, and returns the outputs as written (a tamper's edits included); the
     * host reads the targets back with {@link #targets}.
     */
    public long[] write(dev.comet.air.TraceTable t, int r, long[] z, int targetIndex, Tamper tamper) {
        long[] sel = tamper.selector(r, z, Softmax.predictedClass(z), targetIndex);
        long mField = 0;
        for (int k = 0; k < classes; k++) {
            t.set(col(k, SEL), r, sel[k]);
            mField = Goldilocks.add(mField, Goldilocks.mul(sel[k], Goldilocks.fromSigned(z[k])));
        }
        long m = tamper.maximum(r, Goldilocks.toSigned(mField));
        t.set(colM, r, Goldilocks.fromSigned(m));
        long[] e = new long[classes];
        for (int k = 0; k < classes; k++) {
            long d = m - z[k];
            t.set(col(k, DINV), r, d == 0 ? 0 : Goldilocks.inv(Goldilocks.fromSigned(d)));
            if (tamper.saturated(r, k, d >= Softmax.GAP_BOUND)) {
                t.set(col(k, SAT), r, 1);
                long[] limbs = tamper.gapLimbs(r, k, d - Softmax.GAP_BOUND);
                t.set(col(k, GL), r, limbs[0]);
                t.set(col(k, GH), r, limbs[1]);
            } else {
                long lb = tamper.lowByte(r, k, d, Math.floorMod(d, 1L << Softmax.STEP_BITS));
                t.set(col(k, LB), r, Goldilocks.fromSigned(lb));
                long key = Math.floorDiv(d - lb, 1L << Softmax.STEP_BITS); // the table row the lookup names
                e[k] = key < 0 ? 0 : Softmax.exp(Math.min(key << Softmax.STEP_BITS, Softmax.GAP_BOUND - 1));
            }
            e[k] = tamper.exp(r, k, e[k]);
            t.set(col(k, E), r, Goldilocks.fromSigned(e[k]));
            t.set(col(k, YOH), r, k == targetIndex ? 1 : 0);
        }
        long s = tamper.normaliser(r, Softmax.normaliser(e));
        for (int k = 0; k < classes; k++) {
            long p = tamper.probability(r, k, s == 0 ? 0 : Math.floorDiv(e[k] << 16, s));
            long rem = (e[k] << 16) - p * s;
            long q = s - 1 - rem;
            t.set(col(k, PL), r, p & 0xFFFF);
            t.set(col(k, PBIT), r, Goldilocks.fromSigned(p >> 16));
            t.set(col(k, RL), r, rem & 0xFFFF);
            t.set(col(k, RH), r, Goldilocks.fromSigned(rem >> 16));
            t.set(col(k, QL), r, q & 0xFFFF);
            t.set(col(k, QH), r, Goldilocks.fromSigned(q >> 16));
        }
        tamper.edit(t, r, this);
        long[] p = new long[classes];
        for (int k = 0; k < classes; k++) {
            p[k] = Goldilocks.toSigned(Goldilocks.add(t.get(col(k, PL), r), Goldilocks.mul(t.get(col(k, PBIT), r), TWO16)));
        }
        return p;
    }

    /** The targets {@code 2^16 yoh_k} row {@code r} trains its outputs towards, as written. */
    public long[] targets(dev.comet.air.TraceTable t, int r) {
        long[] y = new long[classes];
        for (int k = 0; k < classes; k++) {
            y[k] = Goldilocks.toSigned(Goldilocks.mul(t.get(col(k, YOH), r), TWO16));
        }
        return y;
    }

    /** {@link #correct()} of row {@code r} as written, before the factor {@code a}: 1 when it selects its target's class. */
    public long correct(dev.comet.air.TraceTable t, int r) {
        long sum = 0;
        for (int k = 0; k < classes; k++) {
            sum = Goldilocks.add(sum, Goldilocks.mul(t.get(col(k, SEL), r), t.get(col(k, YOH), r)));
        }
        return sum;
    }

    /** Writes an idle row: every column 0 but {@code sel_0 = 1}, {@code m} the idle score. */
    public void writeIdle(dev.comet.air.TraceTable t, int r, long idleScore) {
        t.set(colM, r, Goldilocks.fromSigned(idleScore));
        t.set(col(0, SEL), r, 1);
    }

    /** Deviations of a cheating prover, for soundness tests; the honest value otherwise. */
    public interface Tamper {
        Tamper NONE = new Tamper() {};

        /** The selector written, field elements; honest: one-hot at the first maximum {@code best}. */
        default long[] selector(int row, long[] scores, int best, int target) {
            long[] sel = new long[scores.length];
            sel[best] = 1;
            return sel;
        }

        /**
         * The limbs {@code gl, gh} (field elements) written for a saturated gap {@code d} as
         * {@code g = d - 2^20}; honest: its 16-bit limbs, and 0, 0 for a false claim ({@code g < 0}).
         */
        default long[] gapLimbs(int row, int k, long g) {
            return g < 0 ? new long[2] : new long[] {g & 0xFFFF, g >> 16};
        }

        /** The low byte {@code lb} of class {@code k}'s gap {@code d}; the exp is then the table's value at the key it implies. */
        default long lowByte(int row, int k, long gap, long honest) {
            return honest;
        }

        /** The maximum {@code m} written; honest: {@code sum sel_k z_k}. */
        default long maximum(int row, long honest) {
            return honest;
        }

        /** Whether class {@code k}'s gap is written as saturated; honest: whether it is at least {@code 2^20}. */
        default boolean saturated(int row, int k, boolean honest) {
            return honest;
        }

        /** The exp value written for class {@code k}. */
        default long exp(int row, int k, long honest) {
            return honest;
        }

        /** The normaliser {@code S} the divisions use. */
        default long normaliser(int row, long honest) {
            return honest;
        }

        /** The probability written for class {@code k}; the remainder follows from it. */
        default long probability(int row, int k, long honest) {
            return honest;
        }

        /** Any change to the row's columns once written; the outputs are read back after it. */
        default void edit(dev.comet.air.TraceTable t, int row, SoftmaxOutput columns) {
        }
    }
}
