package dev.comet.train;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The arithmetic of one training step of {@code docs/TRAINING.md}, as pure functions on
 * {@code long}s, called by the native trainer. The trace generator ({@link TrainingTrace}) is
 * deliberately a second, independent implementation of the same spec, and a test checks that the
 * two agree bit for bit (DESIGN.md §4).
 *
 * <p>Every division is a floor division {@code a = q * d + r} with {@code 0 <= r < d}
 * ({@link Math#floorDiv}, {@link Math#floorMod}); the functions return {@code q}, their
 * {@code ...Remainder} twins return {@code r}.
 *
 * <p>The functions do not check bounds themselves; their arguments must satisfy the bounds of
 * the table in {@code docs/TRAINING.md} (which the trainer checks before each call). Under those
 * bounds no {@code long} operation here overflows; each function says why.
 */
public final class FixedPointStep {
    /** {@code F}: every value is the integer {@code round(v * 2^F)}. */
    public static final int FRACTION_BITS = 16;
    /** The real number 1 at scale {@code 2^F}: the bias's constant feature. */
    public static final long ONE = 1L << FRACTION_BITS;
    /** Features and targets: {@code |x|, |y| < 2^31}. */
    public static final int DATA_BITS = 31;
    public static final long DATA_BOUND = 1L << DATA_BITS;
    /** Weights and bias, initially and after every update: {@code |w| < 2^24}. */
    public static final int WEIGHT_BITS = 24;
    public static final long WEIGHT_BOUND = 1L << WEIGHT_BITS;
    /** Predictions: {@code |pred| < 2^31}. */
    public static final int PREDICTION_BITS = 31;
    public static final long PREDICTION_BOUND = 1L << PREDICTION_BITS;
    /** Scaled errors {@code s = floor(lr_q * (pred - y) / 2^F)}: {@code |s| < 2^20}. */
    public static final int SCALED_ERROR_BITS = 20;
    public static final long SCALED_ERROR_BOUND = 1L << SCALED_ERROR_BITS;
    /** Largest batch size {@code B}. */
    public static final int MAX_BATCH_SIZE = 2048;
    /**
     * Largest number of weights {@code D + 1} (features plus bias). {@code docs/TRAINING.md}
     * bounds a dot product by {@code D * 2^55 + 2^40}: at most 255 feature terms, each below
     * {@code 2^24 * 2^31}, and the bias term below {@code 2^24 * 2^16}, so it stays below
     * {@code 2^63 - 2^55 + 2^40}: exact in a {@code long} and below the Goldilocks
     * {@code p / 2 > 2^63 - 2^32}, so it never wraps around the modulus. More features would void
     * that argument, so they are rejected.
     */
    public static final int MAX_WEIGHTS = 256;

    private FixedPointStep() {
    }

    /**
     * {@code dot = sum_{j < D} w[j] * x[j] + w[D] * 2^F} for the row {@code row} of the
     * column-major {@code features}. With {@code |w| < 2^24}, {@code |x| < 2^31} and
     * {@code D <= 255} every partial sum is below {@code 255 * 2^55 + 2^40 < 2^63} in magnitude.
     */
    public static long dot(long[] weights, long[][] features, int row) {
        int d = features.length;
        long[] x = new long[d];
        for (int j = 0; j < d; j++) {
            x[j] = features[j][row];
        }
        return dot(weights, 0, x, d);
    }

    /**
     * {@link #dot} of one unit: its {@code fanIn} weights from {@code weights[offset]}, then its
     * bias, against the first {@code fanIn} of {@code inputs} (features, or an MLP's activations,
     * which are below {@code 2^31} too, so the same bound holds with {@code fanIn <= 255}).
     */
    public static long dot(long[] weights, int offset, long[] inputs, int fanIn) {
        long dot = weights[offset + fanIn] * ONE; // |.| < 2^40
        for (int j = 0; j < fanIn; j++) {
            dot += weights[offset + j] * inputs[j];
        }
        return dot;
    }

    /** {@code pred = floor(dot / 2^F)}; no overflow possible (a division). */
    public static long prediction(long dot) {
        return Math.floorDiv(dot, ONE);
    }

    /** {@code dot - pred * 2^F}, in {@code [0, 2^F)}. */
    public static long predictionRemainder(long dot) {
        return Math.floorMod(dot, ONE);
    }

    /**
     * {@code lr_q * (pred - y)}, the dividend of the scaled error: with {@code |pred|, |y| < 2^31}
     * and {@code 1 <= lr_q <= 2^16}, {@code |pred - y| < 2^32} and the product is below
     * {@code 2^48}.
     */
    public static long scaledErrorDividend(long learningRateQ, long prediction, long target) {
        return learningRateQ * (prediction - target);
    }

    /** {@code s = floor(lr_q * (pred - y) / 2^F)}. */
    public static long scaledError(long learningRateQ, long prediction, long target) {
        return Math.floorDiv(scaledErrorDividend(learningRateQ, prediction, target), ONE);
    }

    /** The remainder of {@link #scaledError}, in {@code [0, 2^F)}. */
    public static long scaledErrorRemainder(long learningRateQ, long prediction, long target) {
        return Math.floorMod(scaledErrorDividend(learningRateQ, prediction, target), ONE);
    }

    /**
     * The divisor of a weight update, {@code m * 2^F} for a batch of {@code m} rows:
     * {@code m <= 2048 = 2^11}, so it is at most {@code 2^27}.
     */
    public static long updateDivisor(int m) {
        return m * ONE;
    }

    /**
     * {@code floor(G / (m * 2^F))}, the amount subtracted from a weight whose batch gradient is
     * {@code G = sum_i s[i] * x[i][j]}. With {@code |s| < 2^20}, {@code |x| < 2^31} and
     * {@code m <= 2^11}, {@code |G| < 2^62}, so {@code G} itself is exact in a {@code long}.
     */
    public static long weightDecrement(long gradient, int m) {
        return Math.floorDiv(gradient, updateDivisor(m));
    }

    /** The remainder of {@link #weightDecrement}, in {@code [0, m * 2^F)}. */
    public static long weightDecrementRemainder(long gradient, int m) {
        return Math.floorMod(gradient, updateDivisor(m));
    }

    /** Whether {@code |v| < bound}; also right for {@code Long.MIN_VALUE}, whose {@code abs} is negative. */
    static boolean within(long v, long bound) {
        return v > -bound && v < bound;
    }

    /** {@code q / 2^F} as a {@code double}: exact, since every bounded value is below {@code 2^53}. */
    public static double toReal(long q) {
        return Math.scalb((double) q, -FRACTION_BITS);
    }

    /** {@link #toReal} of every element. */
    public static double[] toReal(long[] q) {
        double[] real = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            real[i] = toReal(q[i]);
        }
        return real;
    }

    /**
     * {@code q / 2^F} in decimal for messages, rounded half to even to 6 decimals (the exact value
     * can have 16). Rounding cannot move a value across a bound: the bounds are multiples of
     * {@code 10^-6} in real units.
     */
    static String format(long q) {
        BigDecimal exact = new BigDecimal(q).divide(BigDecimal.valueOf(ONE)); // terminates: ONE is a power of 2
        BigDecimal shown = exact.setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return shown.signum() == 0 ? "0" : shown.toPlainString();
    }
}
