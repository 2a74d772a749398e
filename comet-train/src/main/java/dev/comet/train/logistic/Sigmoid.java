package dev.comet.train.logistic;

import dev.comet.air.FixedTable;
import dev.comet.train.FixedPointStep;
import dev.comet.train.FunctionTable;

/**
 * The logistic function in Comet's fixed point, as logistic regression trains with it and its
 * AIR proves it: a table of {@code 2^12} values on {@code [-8, 8)} in steps of {@code 2^-8},
 * saturating outside (docs/TRAINING.md, "Logistic regression").
 *
 * <p>For a score {@code z} (scaled by {@code 2^16}): {@code sigma_q(z) = 2^16} when
 * {@code z >= 2^19}, {@code 0} when {@code z < -2^19}, and otherwise {@code T[k]} for
 * {@code k = floor((z + 2^19) / 2^8)}, where {@code T[k] = round(2^16 sigma(c_k))} at the
 * midpoint {@code c_k = (k + 1/2) / 2^8 - 8} of the step, computed with {@link StrictMath#exp}
 * (the same on every platform; a test recomputes the table's committed root).
 *
 * <p><b>Error.</b> Against the exact {@code 2^16 sigma(z / 2^16)}: inside, at most
 * {@code 2^16 (1/4) 2^-9 + 1/2 = 32.5} ({@code |sigma'| <= 1/4}, half a step, rounding);
 * saturated, at most {@code 2^16 sigma(-8) < 22}. So {@code |sigma_q(z) / 2^16 - sigma(z / 2^16)|
 * < 5 * 10^-4} for every {@code z}; a test measures the actual maximum.
 */
public final class Sigmoid {
    public static final int LOG_ROWS = 12;
    /** A table step is {@code 2^8} in score units, {@code 2^-8} in real units. */
    public static final int STEP_BITS = 8;
    /** Scores at or above {@code 2^19} (8 in real units) saturate to 1; below {@code -2^19}, to 0. */
    public static final int INPUT_BITS = 19;
    public static final long INPUT_BOUND = 1L << INPUT_BITS;
    public static final String NAME = "comet/sigmoid-q16/v1";
    /** Bound on {@code |sigma_q(z) - 2^16 sigma(z / 2^16)|}, in score units; see the class comment. */
    public static final double MAX_ERROR_Q = 32.5;

    private static final long ONE = FixedPointStep.ONE;
    private static final long[] TABLE = values();
    private static final FunctionTable FUNCTION = new FunctionTable(NAME, TABLE);

    private Sigmoid() {}

    /** {@code sigma_q(z)}, in {@code [0, 2^16]}. */
    public static long apply(long z) {
        if (z >= INPUT_BOUND) {
            return ONE;
        }
        if (z < -INPUT_BOUND) {
            return 0;
        }
        return TABLE[(int) ((z + INPUT_BOUND) >> STEP_BITS)];
    }

    /**
     * The class a logistic output predicts: 1 when {@code sigma_q >= 1/2} ({@code 2^15}), else 0,
     * as {@code predict} reports it and as the proof's learning curve counts it.
     */
    public static int predictedClass(long output) {
        return output >= ONE / 2 ? 1 : 0;
    }

    /** Whether {@code z} is outside the table, where {@link #apply} saturates. */
    public static boolean saturated(long z) {
        return z >= INPUT_BOUND || z < -INPUT_BOUND;
    }

    /** The table index of an unsaturated score {@code z}. */
    public static int index(long z) {
        return (int) ((z + INPUT_BOUND) >> STEP_BITS);
    }

    private static long[] values() {
        long[] t = new long[1 << LOG_ROWS];
        for (int k = 0; k < t.length; k++) {
            double c = (2.0 * k + 1) / (1 << (STEP_BITS + 1)) - (INPUT_BOUND >> 16);
            t[k] = Math.round(ONE / (1 + StrictMath.exp(-c)));
        }
        return t;
    }

    /** The fixed table's columns: the index {@code k} and {@code T[k]}. */
    public static long[][] columns() {
        return FUNCTION.columns();
    }

    /** The table as a proof's fixed table in the relation {@code alphaIndex}, {@code betaIndex}. */
    public static FixedTable table(int alphaIndex, int betaIndex) {
        return FUNCTION.table(alphaIndex, betaIndex);
    }
}
