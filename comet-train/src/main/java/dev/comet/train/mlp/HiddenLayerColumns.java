package dev.comet.train.mlp;

import dev.comet.air.Constraint;
import dev.comet.air.Expr;
import dev.comet.air.RangeTable;
import java.util.List;

/**
 * The columns and constraints of one hidden layer of ReLU units on a training row
 * (docs/TRAINING.md, "Multilayer perceptrons"): per unit, its value {@code z = floor(dot / 2^16)},
 * the sign {@code sigma = [z > 0]}, the activation {@code act = sigma z}, and on the way back the
 * unit's error {@code delta = sigma floor(back / 2^16)}, where {@code back} is the sum over the
 * layer above of weight times error. The host AIR supplies {@code dot} and {@code back} and reads
 * {@link #activation} and {@link #delta}.
 *
 * <p><b>Value and sign.</b> {@code u = z - 1 + 2^31 = zl + 2^16 zh + 2^31 sigma} with {@code zl}
 * a 16-bit limb, {@code zh} a 15-bit limb and {@code sigma} boolean, so {@code 0 <= u < 2^32};
 * an inverse witness proves {@code u != 2^32 - 1}. Together {@code 1 - 2^31 <= z <= 2^31 - 1},
 * exactly {@code |z| < 2^31} as the trainer requires, and {@code sigma}, the top bit of
 * {@code u}, is 1 exactly when {@code u >= 2^31}, that is {@code z >= 1}: the sign the ReLU and
 * its derivative ({@code relu'(0) = 0}) need, with no freedom for the prover.
 *
 * <p><b>Divisions</b> (on active rows; both sides stay below {@code p / 2}, so the field equation
 * is the integer one and the range-checked remainder forces the floor):
 * <ul>
 *   <li>{@code dot = 2^16 z + r1}, {@code r1 < 2^16}: the host's {@code dot} has at most 255
 *       inputs below {@code 2^31} (data, or activations {@code 0 <= act = sigma z < 2^31}) times
 *       weights below {@code 2^24}, plus the bias below {@code 2^40}, so
 *       {@code |dot| < 255 * 2^55 + 2^40 < 2^63}, and {@code |2^16 z + r1| < 2^47 + 2^16};</li>
 *   <li>{@code back = 2^16 q + r2}, {@code r2 < 2^16}, {@code q + 2^20 = ql + 2^16 qh} with
 *       {@code ql} a 16-bit and {@code qh} a 5-bit limb and an inverse witness of
 *       {@code ql + 2^16 qh}, so {@code |q| < 2^20}; {@code back} sums at most 255 products of a
 *       weight below {@code 2^24} and an error below {@code 2^20} (a scaled error, or a
 *       {@code delta} of the layer above, itself {@code sigma q}), so {@code |back| < 2^52}.</li>
 * </ul>
 * {@code delta = a sigma q}: zero on idle rows ({@code a = 0}), so that they add nothing to any
 * gradient, and below {@code 2^20} everywhere, which keeps the gradient bound
 * {@code |G| < 2^11 * 2^20 * 2^31 = 2^62} of the update's division. On idle rows only
 * {@code delta} is pinned: {@code z}, {@code sigma}, {@code act} and {@code q} may take any values
 * within their limbs, which reach no gradient (every term there is {@code delta} or a scaled error,
 * both 0, times an input), so the witness is not unique there but the statement is the same. The
 * bound on {@code q} holds on every row, for an inactive unit too, as the trainer checks it
 * before the ReLU.
 */
public final class HiddenLayerColumns {
    /** Columns per unit. */
    public static final int UNIT_WIDTH = 11;
    public static final int ZL = 0;
    public static final int ZH = 1;
    public static final int SIGN = 2;
    public static final int R1 = 3;
    public static final int ZINV = 4;
    public static final int ACT = 5;
    public static final int QL = 6;
    public static final int QH = 7;
    public static final int R2 = 8;
    public static final int QINV = 9;
    public static final int DELTA = 10;
    /** {@code |z| < 2^31}, the prediction's bound. */
    public static final int VALUE_BITS = 31;
    /** {@code |q| < 2^20}, the scaled error's bound. */
    public static final int ERROR_BITS = 20;
    private static final long TWO16 = 1L << 16;

    private final int first;
    private final int units;
    private final int layer;
    private final Expr active;

    /**
     * Layer {@code layer}'s {@code units} units from column {@code first} on; {@code active} is the
     * host's {@code a}, 1 on the rows that train.
     */
    public HiddenLayerColumns(int first, int units, int layer, Expr active) {
        this.first = first;
        this.units = units;
        this.layer = layer;
        this.active = active;
    }

    public int width() {
        return units * UNIT_WIDTH;
    }

    public int units() {
        return units;
    }

    /** Column {@code k} (one of {@link #ZL}..{@link #DELTA}) of unit {@code unit}. */
    public int column(int unit, int k) {
        return first + unit * UNIT_WIDTH + k;
    }

    private Expr main(int unit, int k) {
        return Expr.main(column(unit, k));
    }

    /** {@code u = zl + 2^16 zh + 2^31 sigma = z - 1 + 2^31}. */
    private Expr shiftedValue(int unit) {
        return main(unit, ZL).plus(main(unit, ZH).times(TWO16)).plus(main(unit, SIGN).times(1L << VALUE_BITS));
    }

    /** The unit's value {@code z}. */
    public Expr value(int unit) {
        return shiftedValue(unit).minus((1L << VALUE_BITS) - 1);
    }

    private Expr shiftedQuotient(int unit) {
        return main(unit, QL).plus(main(unit, QH).times(TWO16));
    }

    /** The backpropagated quotient {@code q = floor(back / 2^16)}. */
    public Expr quotient(int unit) {
        return shiftedQuotient(unit).minus(1L << ERROR_BITS);
    }

    /** The activation {@code relu(z)}, the layer above's input. */
    public Expr activation(int unit) {
        return main(unit, ACT);
    }

    /** The unit's error {@code delta}, which its weights' gradients multiply their inputs by. */
    public Expr delta(int unit) {
        return main(unit, DELTA);
    }

    /** Everything this layer range-checks: per unit {@code zl}, {@code zh} (15 bits), {@code r1}, {@code ql}, {@code qh} (5 bits), {@code r2}. */
    public void rangeChecked(RangeTable range, List<Expr> out) {
        for (int u = 0; u < units; u++) {
            out.add(main(u, ZL));
            out.addAll(range.shortLimb(main(u, ZH), VALUE_BITS - 16));
            out.add(main(u, R1));
            out.add(main(u, QL));
            out.addAll(range.shortLimb(main(u, QH), ERROR_BITS + 1 - 16));
            out.add(main(u, R2));
        }
    }

    /** The constraints of each unit {@code u}, given its {@code dots.get(u)} and {@code backs.get(u)}. */
    public void constraints(List<Constraint> out, List<Expr> dots, List<Expr> backs) {
        for (int u = 0; u < units; u++) {
            String unit = "hidden " + (layer + 1) + "." + (u + 1);
            Expr sign = main(u, SIGN);
            Expr z = value(u);
            out.add(Constraint.everyRow(unit + " sign is boolean", sign.times(sign.minus(1))));
            out.add(Constraint.everyRow(unit + " |z| < 2^31",
                    shiftedValue(u).minus((1L << 32) - 1).times(main(u, ZINV)).minus(1)));
            out.add(Constraint.everyRow(unit + " z = floor(dot / 2^16)",
                    active.times(dots.get(u).minus(z.times(TWO16)).minus(main(u, R1)))));
            out.add(Constraint.everyRow(unit + " act = relu(z)", activation(u).minus(sign.times(z))));
            out.add(Constraint.everyRow(unit + " |q| < 2^20", shiftedQuotient(u).times(main(u, QINV)).minus(1)));
            out.add(Constraint.everyRow(unit + " q = floor(back / 2^16)",
                    active.times(backs.get(u).minus(quotient(u).times(TWO16)).minus(main(u, R2)))));
            out.add(Constraint.everyRow(unit + " delta = a relu'(z) q",
                    delta(u).minus(active.times(sign).times(quotient(u)))));
        }
    }
}
