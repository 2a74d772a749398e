package dev.comet.train;

import dev.comet.air.Constraint;
import dev.comet.air.Expr;
import dev.comet.air.LogUpColumns;
import dev.comet.air.PublicFractions;
import dev.comet.field.Goldilocks;
import java.util.ArrayList;
import java.util.List;

/**
 * The learning curve's columns in a training table ({@link LearningCurve}; docs/TRAINING.md,
 * "Proven learning curve"): {@code ep}, {@code loss} and, for a classifier, {@code hit}, from
 * {@code first}; a binary classifier's predicted class needs {@code cls} and {@code cg} before
 * {@code hit}, a softmax's comes with its outputs.
 *
 * <p>{@code ep} is the epoch slot {@code r / h}: 0 at row 0, + 1 after each period's last row.
 * {@code loss} sums {@code s^2} over the period's rows and outputs (it restarts at each period's
 * first row); since {@code s} is 0 on idle and padding rows and {@code |s| < 2^20}, its last value
 * is the epoch's {@code sum s^2}, exact below {@code p} for {@code h <= 2^23} and one output
 * ({@link LearningCurve#MAX_ROWS}; a softmax's {@code |s|} are at most {@code 2^16}, so its
 * {@code K <= 16} outputs stay below {@code 2^23 * 16 * 2^32 = 2^59}). For a binary classifier, {@code cls} is boolean with
 * {@code cg = cls (out - 2^15) + (1 - cls)(2^15 - 1 - out)} range-checked to {@code [0, 2^16)}:
 * with {@code out in [0, 2^16]} that is exactly {@code cls = [out >= 2^15]}, the predicted
 * class; {@code hit} sums {@code a [cls = y / 2^16]} over the period in the same way, or a softmax's
 * {@code cor}, a column equal to {@link Classes.Multiclass#correct} of its row. Each active
 * period's last row offers {@code (ep, loss[, hit])} in the curve's own relation, which the public
 * total of {@link #publicFractions} balances only if the offers are the stated epochs' values:
 * {@code act} marks exactly the first {@code E} periods, each offering once, and {@code ep} makes
 * their tuples distinct.
 */
final class CurveColumns {
    private static final long ONE = FixedPointStep.ONE;

    final int colEp;
    final int colLoss;
    final int colCls;
    final int colCg;
    final int colHit;
    /** A softmax's {@code a [predicted = target]} of the row, or -1. */
    final int colCor;
    private final boolean classifier;
    private final int alphaIndex;
    private final Host host;

    /** What the curve counts as a correct row, if anything. */
    sealed interface Classes {
        /** A regression: no accuracy. */
        record None() implements Classes {}

        /** One output {@code out in [0, 2^16]} whose class is {@code [out >= 2^15]}, and the target column. */
        record Binary(int colOut, int colTarget) implements Classes {}

        /** The host's own {@code a [predicted = target]} of a row, 0 or 1, which a column {@code cor} holds. */
        record Multiclass(Expr correct) implements Classes {}
    }

    /**
     * What the curve reads from its table: the row selectors (periodic indices of the period's
     * first and last rows), {@code act} and {@code a}, the row's loss term {@code sum_o s_o^2} at
     * this row and the next, and what makes a row correct.
     */
    record Host(int firstRow, int lastRow, int colAct, int colA, Expr loss, Expr nextLoss, Classes classes) {}

    CurveColumns(int first, int alphaIndex, Host host) {
        boolean binary = host.classes() instanceof Classes.Binary;
        this.colEp = first;
        this.colLoss = first + 1;
        this.colCls = binary ? first + 2 : -1;
        this.colCg = binary ? first + 3 : -1;
        boolean multiclass = host.classes() instanceof Classes.Multiclass;
        this.colCor = multiclass ? first + 2 : -1;
        this.colHit = binary ? first + 4 : multiclass ? first + 3 : first + 2;
        this.classifier = !(host.classes() instanceof Classes.None);
        this.alphaIndex = alphaIndex;
        this.host = host;
    }

    int width() {
        return switch (host.classes()) {
            case Classes.None none -> 2;
            case Classes.Binary binary -> 5;
            case Classes.Multiclass multiclass -> 4;
        };
    }

    /** Challenges the relation uses: through {@code alphaIndex + 1}. */
    int challengesUsed() {
        return alphaIndex + 2;
    }

    void rangeChecked(List<Expr> out) {
        if (host.classes() instanceof Classes.Binary) {
            out.add(Expr.main(colCg));
        }
    }

    /** 1 when the row is active and its predicted class is its target's, else 0; {@code next}: of the next row. */
    private Expr correct(boolean next) {
        if (host.classes() instanceof Classes.Multiclass) {
            return next ? Expr.mainNext(colCor) : Expr.main(colCor);
        }
        int colTarget = ((Classes.Binary) host.classes()).colTarget();
        Expr a = next ? Expr.mainNext(host.colA()) : Expr.main(host.colA());
        Expr c = next ? Expr.mainNext(colCls) : Expr.main(colCls);
        Expr y = next ? Expr.mainNext(colTarget) : Expr.main(colTarget);
        Expr agree = c.times(y).plus(Expr.constant(1).minus(c).times(Expr.constant(ONE).minus(y)));
        return a.times(agree).times(Goldilocks.inv(ONE));
    }

    /** The tuple {@code (epoch, loss sum[, correct rows])} that each active period's last row offers. */
    LogUpColumns.Fraction offer() {
        List<Expr> tuple = new ArrayList<>(List.of(Expr.main(colEp), Expr.main(colLoss)));
        if (classifier) {
            tuple.add(Expr.main(colHit));
        }
        return new LogUpColumns.Fraction(Expr.periodic(host.lastRow()).times(Expr.main(host.colAct())),
                LogUpColumns.tuple(tuple, alphaIndex + 1)).inRelation(alphaIndex);
    }

    /**
     * What the stated curve contributes to the LogUp totals: {@code -1 / (alpha - t_e)} for the
     * tuples {@code t_e = (e, loss_e[, correct_e])} of epochs {@code e < E}.
     */
    PublicFractions publicFractions(LearningCurve curve, int lossValue, int correctValue) {
        List<long[]> tuples = new ArrayList<>();
        List<int[]> indices = new ArrayList<>();
        for (int e = 0; e < curve.epochs(); e++) {
            tuples.add(classifier ? new long[] {e, curve.lossSums()[e], curve.correct()[e]}
                    : new long[] {e, curve.lossSums()[e]});
            indices.add(classifier ? new int[] {-1, lossValue + e, correctValue + e} : new int[] {-1, lossValue + e});
        }
        return new PublicFractions(alphaIndex, alphaIndex + 1, Goldilocks.P - 1, tuples, indices);
    }

    void constraints(List<Constraint> out) {
        Expr first = Expr.periodic(host.firstRow());
        Expr last = Expr.periodic(host.lastRow());
        Expr inPeriod = Expr.constant(1).minus(last);
        out.add(Constraint.atRow("ep starts at 0", 0, Expr.main(colEp)));
        out.add(Constraint.transition("ep counts periods", Expr.mainNext(colEp).minus(Expr.main(colEp)).minus(last)));
        out.add(Constraint.everyRow("loss restarts each period", first.times(Expr.main(colLoss).minus(host.loss()))));
        out.add(Constraint.transition("loss sums s^2",
                Expr.mainNext(colLoss).minus(inPeriod.times(Expr.main(colLoss))).minus(host.nextLoss())));
        if (!classifier) {
            return;
        }
        if (host.classes() instanceof Classes.Binary binary) {
            Expr c = Expr.main(colCls);
            Expr o = Expr.main(binary.colOut());
            long half = ONE / 2;
            out.add(Constraint.everyRow("cls is boolean", c.times(c.minus(1))));
            out.add(Constraint.everyRow("cls is [out >= 1/2]", Expr.main(colCg).minus(c.times(o.minus(half)))
                    .minus(Expr.constant(1).minus(c).times(Expr.constant(half - 1).minus(o)))));
        }
        if (host.classes() instanceof Classes.Multiclass multiclass) {
            // A column of its own keeps hit's constraints at degree 2 (the product is degree 3, and
            // times a row selector 4, which would double the constraint evaluation domain).
            out.add(Constraint.everyRow("cor is the row's correctness", Expr.main(colCor).minus(multiclass.correct())));
        }
        out.add(Constraint.everyRow("hit restarts each period", first.times(Expr.main(colHit).minus(correct(false)))));
        out.add(Constraint.transition("hit counts correct rows",
                Expr.mainNext(colHit).minus(inPeriod.times(Expr.main(colHit))).minus(correct(true))));
    }
}
