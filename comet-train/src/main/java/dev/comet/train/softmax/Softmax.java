package dev.comet.train.softmax;

import dev.comet.air.FixedTable;
import dev.comet.train.FixedPointStep;
import dev.comet.train.FunctionTable;

/**
 * The softmax function in Comet's fixed point, as softmax regression trains with it and its AIR
 * proves it (docs/TRAINING.md, "Softmax regression"). For scores {@code z_0..z_(K-1)} (scaled by
 * {@code 2^16}):
 * <ol>
 *   <li>{@code m = max_k z_k}; the predicted class is the first {@code k} with {@code z_k = m};</li>
 *   <li>{@code e_k = exp_q(m - z_k)}: for a gap {@code d >= 2^20} (16 in real units) 0, else
 *       {@code E[floor(d / 2^8)]} with {@code E[i] = round(2^16 exp(-(i + 1/2) / 2^8))}, a table of
 *       {@code 2^12} values computed with {@link StrictMath#exp} (the same on every platform; a test
 *       recomputes the table's committed root);</li>
 *   <li>{@code S = sum_k e_k}, at least {@code E[0] = 65408} (the maximum's gap is 0) and at most
 *       {@code 16 * 65408 < 2^20};</li>
 *   <li>{@code p_k = floor(2^16 e_k / S)}, in {@code [0, 2^16]}.</li>
 * </ol>
 * Subtracting the maximum changes nothing in exact arithmetic and keeps every table input in
 * {@code [0, 2^20)} or saturated.
 *
 * <p><b>Error.</b> Against the exact softmax {@code t_k / T} with {@code t_k = exp(z_k - m)}:
 * {@code E} has relative error at most {@code eps = e^(2^-9) - 1 < 1.96e-3} (half a step) plus
 * half a unit of rounding, a saturated gap drops less than {@code e^-16 < 1.2e-7} of the total,
 * and the quotient is floored. With {@code T >= 1} in real units that bounds
 * {@code |p_k / 2^16 - t_k / T|} by {@code 2 eps / (1 - eps) + 16 (1/2 + 2^-9) / 65408 + 2^-16
 * < 4.2e-3}; a test measures the actual maximum.
 */
public final class Softmax {
    public static final int LOG_ROWS = 12;
    /** A table step is {@code 2^8} in score units, {@code 2^-8} in real units. */
    public static final int STEP_BITS = 8;
    /** Gaps at or above {@code 2^20} (16 in real units) give 0. */
    public static final int GAP_BITS = LOG_ROWS + STEP_BITS;
    public static final long GAP_BOUND = 1L << GAP_BITS;
    public static final String NAME = "comet/exp-q16/v1";
    /** Bound on {@code |p_k / 2^16 - softmax(z / 2^16)_k|}; see the class comment. */
    public static final double MAX_ERROR = 4.2e-3;

    private static final long ONE = FixedPointStep.ONE;
    private static final long[] TABLE = values();
    private static final FunctionTable FUNCTION = new FunctionTable(NAME, TABLE);

    private Softmax() {}

    /** {@code exp_q(d)} of a gap {@code d >= 0}: {@code E[d >> 8]} below {@code 2^20}, else 0. */
    public static long exp(long gap) {
        if (gap < 0) {
            throw new IllegalArgumentException("a gap to the maximum is never negative, got " + gap);
        }
        return gap >= GAP_BOUND ? 0 : TABLE[(int) (gap >> STEP_BITS)];
    }

    /** The predicted class of {@code scores}: the first index of the largest. */
    public static int predictedClass(long[] scores) {
        int best = 0;
        for (int k = 1; k < scores.length; k++) {
            if (scores[k] > scores[best]) {
                best = k;
            }
        }
        return best;
    }

    /** The table values {@code e_k} of {@code scores}' gaps to their maximum. */
    public static long[] exps(long[] scores) {
        long max = scores[predictedClass(scores)];
        long[] e = new long[scores.length];
        for (int k = 0; k < scores.length; k++) {
            e[k] = exp(max - scores[k]); // |z| < 2^31: the gap is below 2^32, no overflow
        }
        return e;
    }

    /** {@code S = sum e_k}, in {@code [65408, 2^20)}. */
    public static long normaliser(long[] exps) {
        long s = 0;
        for (long e : exps) {
            s += e;
        }
        return s;
    }

    /** {@code p_k = floor(2^16 e_k / S)} for every class: softmax of {@code scores} in fixed point, each in {@code [0, 2^16]}. */
    public static long[] probabilities(long[] scores) {
        long[] e = exps(scores);
        long s = normaliser(e);
        long[] p = new long[e.length];
        for (int k = 0; k < e.length; k++) {
            p[k] = (e[k] << FixedPointStep.FRACTION_BITS) / s;
        }
        return p;
    }

    private static long[] values() {
        long[] t = new long[1 << LOG_ROWS];
        for (int i = 0; i < t.length; i++) {
            double c = (2.0 * i + 1) / (1 << (STEP_BITS + 1));
            t[i] = Math.round(ONE * StrictMath.exp(-c));
        }
        return t;
    }

    /** The fixed table's columns: the index {@code i} and {@code E[i]}. */
    public static long[][] columns() {
        return FUNCTION.columns();
    }

    /** The table as a proof's fixed table in the relation {@code alphaIndex}, {@code betaIndex}. */
    public static FixedTable table(int alphaIndex, int betaIndex) {
        return FUNCTION.table(alphaIndex, betaIndex);
    }
}
