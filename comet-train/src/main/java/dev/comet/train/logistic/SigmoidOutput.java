package dev.comet.train.logistic;

import dev.comet.air.Constraint;
import dev.comet.air.Expr;
import dev.comet.air.FixedTable;
import dev.comet.air.LogUpColumns;
import dev.comet.air.RangeTable;
import dev.comet.air.RowValues;
import dev.comet.field.Goldilocks;
import dev.comet.train.FixedPointStep;
import dev.comet.train.FunctionTable;
import java.util.List;

/**
 * Logistic regression's output in a training table: {@code out = sigma_q(z)} ({@link Sigmoid})
 * of a row's score {@code z}, given as {@code u = z + 2^31 = pl + 2^16 ph} in the host table's
 * range-checked 16-bit limbs, and its class target {@code y in {0, 2^16}} (docs/TRAINING.md,
 * "Logistic regression"). Five columns from {@code first}: {@code pb}, {@code gap},
 * {@code satHi}, {@code satLo}, {@code out}.
 *
 * <ul>
 *   <li>{@code satHi}, {@code satLo} boolean, not both. {@code gap = satHi (ph - 2^15 - 8) +
 *       satLo (2^15 - 9 - ph)}, range-checked to {@code [0, 2^16)}. Since
 *       {@code 0 <= ph < 2^16}, {@code satHi} forces {@code ph >= 2^15 + 8}, that is
 *       {@code z >= 2^19}; {@code satLo} forces {@code ph <= 2^15 - 9}, so
 *       {@code z <= 2^16 - 1 - 9 * 2^16 < -2^19}. There {@code out} is {@code 2^16} or 0.</li>
 *   <li>Otherwise (on active rows) the tuple {@code (k, out)} with
 *       {@code k = (u - 2^31 + 2^19 - pb) / 2^8} is looked up in the sigmoid table, whose rows are
 *       {@code (k, T[k])} for {@code k in [0, 2^12)}; {@code pb} is range-checked to
 *       {@code [0, 2^8)}. Then {@code 2^8 k = z + 2^19 - pb} in the field with both sides below
 *       {@code 2^33} in magnitude, so over the integers: {@code z + 2^19 = 2^8 k + pb} in
 *       {@code [0, 2^20)}, so {@code z} is inside the table, {@code k = floor((z + 2^19) / 2^8)}
 *       and {@code out = T[k]}.</li>
 * </ul>
 * Hence {@code out = sigma_q(z)} on every active row, whichever saturation flags the prover
 * chose: a flag that is set needs its side's bound, and with none set the lookup needs the
 * table's range. {@code out} is in {@code [0, 2^16]}.
 */
public final class SigmoidOutput {
    public static final int WIDTH = 5;
    public final int colPb;
    public final int colGap;
    public final int colSatHi;
    public final int colSatLo;
    public final int colOut;
    private final Expr active;
    private final Expr shiftedScore;
    private final Expr scoreHigh;
    private final Expr target;
    private final int alphaIndex;

    /**
     * @param first        the first of the {@link #WIDTH} columns
     * @param active       1 on rows that train, else 0
     * @param shiftedScore {@code u = pl + 2^16 ph}, both limbs range-checked to 16 bits
     * @param scoreHigh    {@code ph}
     * @param target       the row's class target
     * @param alphaIndex   the table's LogUp relation: challenges {@code alphaIndex} and {@code + 1}, its own
     */
    public SigmoidOutput(int first, Expr active, Expr shiftedScore, Expr scoreHigh, Expr target, int alphaIndex) {
        this.colPb = first;
        this.colGap = first + 1;
        this.colSatHi = first + 2;
        this.colSatLo = first + 3;
        this.colOut = first + 4;
        this.active = active;
        this.shiftedScore = shiftedScore;
        this.scoreHigh = scoreHigh;
        this.target = target;
        this.alphaIndex = alphaIndex;
    }

    /** The output {@code out}. */
    public Expr output() {
        return Expr.main(colOut);
    }

    /** Challenges the relation uses: through {@code alphaIndex + 1}. */
    public int challengesUsed() {
        return alphaIndex + 2;
    }

    /** The sigmoid table in this output's relation. */
    public FixedTable table() {
        return Sigmoid.table(alphaIndex, alphaIndex + 1);
    }

    /** The values to range-check against {@code range}: the low byte's short limb and the gap. */
    public void rangeChecked(RangeTable range, List<Expr> out) {
        out.addAll(range.shortLimb(Expr.main(colPb), Sigmoid.STEP_BITS));
        out.add(Expr.main(colGap));
    }

    /**
     * The table row index of the score: {@code k = (u - 2^31 + 2^19 - pb) / 2^8} as a field
     * expression; a small integer only when {@code pb} is the low byte of {@code z + 2^19} and
     * {@code z} is inside the table.
     */
    private Expr key() {
        long inv256 = Goldilocks.inv(1L << Sigmoid.STEP_BITS);
        long offset = Goldilocks.fromSigned(Sigmoid.INPUT_BOUND - (1L << FixedPointStep.PREDICTION_BITS));
        return shiftedScore.plus(offset).minus(Expr.main(colPb)).times(inv256);
    }

    /** 1 on active rows whose score is inside the table, else 0. */
    private Expr numerator() {
        return active.times(Expr.constant(1).minus(Expr.main(colSatHi)).minus(Expr.main(colSatLo)));
    }

    /** The lookup of {@code (k, out)} in the sigmoid table. */
    public LogUpColumns.Fraction lookup() {
        return new LogUpColumns.Fraction(numerator(), LogUpColumns.tuple(List.of(key(), Expr.main(colOut)), alphaIndex + 1))
                .inRelation(alphaIndex);
    }

    /** {@code ph} of a zero score: {@code 2^15}. */
    private static final long ZERO_HIGH = 1L << (FixedPointStep.PREDICTION_BITS - 16);
    /** The table's reach in whole units: 8. */
    private static final long REACH = Sigmoid.INPUT_BOUND >> 16;

    /** The gap of a score saturated high, {@code ph - 2^15 - 8}: in {@code [0, 2^16)} exactly when {@code z >= 2^19}. */
    public static long highGap(long ph) {
        return ph - ZERO_HIGH - REACH;
    }

    /** The gap of a score saturated low, {@code 2^15 - 9 - ph}: in {@code [0, 2^16)} exactly when {@code z < -2^19}. */
    public static long lowGap(long ph) {
        return ZERO_HIGH - REACH - 1 - ph;
    }

    public void constraints(List<Constraint> out) {
        Expr hi = Expr.main(colSatHi);
        Expr lo = Expr.main(colSatLo);
        Expr o = Expr.main(colOut);
        long one = FixedPointStep.ONE;
        out.add(Constraint.everyRow("satHi is boolean", hi.times(hi.minus(1))));
        out.add(Constraint.everyRow("satLo is boolean", lo.times(lo.minus(1))));
        out.add(Constraint.everyRow("not saturated both ways", hi.times(lo)));
        out.add(Constraint.everyRow("gap to the saturated side", Expr.main(colGap)
                .minus(hi.times(scoreHigh.minus(ZERO_HIGH + REACH)))
                .minus(lo.times(Expr.constant(ZERO_HIGH - REACH - 1).minus(scoreHigh)))));
        out.add(Constraint.everyRow("saturated high gives 1", hi.times(o.minus(one))));
        out.add(Constraint.everyRow("saturated low gives 0", lo.times(o)));
        out.add(Constraint.everyRow("a class target is 0 or 1", active.times(target).times(target.minus(one))));
    }

    /**
     * How often each table row is looked up in {@code rows}: once per active row whose score is
     * inside the table. With {@code skipInvalid} a lookup of no table row is left out, as a cheat
     * would, instead of failing.
     */
    public long[] multiplicities(RowValues rows, boolean skipInvalid) {
        long[] out = new long[1 << Sigmoid.LOG_ROWS];
        FunctionTable.count(out, rows.evaluate(numerator()), rows.evaluate(key()), skipInvalid, "sigmoid lookup");
        return out;
    }
}
