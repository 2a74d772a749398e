package dev.comet.train;

import dev.comet.field.Goldilocks;
import java.util.Arrays;

/**
 * A run's learning curve as the proof exposes it (docs/TRAINING.md, "Proven learning curve"): per
 * epoch, a fixed-point surrogate of the loss and, for a classifier, the number of rows classified
 * correctly, both measured on each row as it is trained (with the weights of its batch).
 *
 * <p>{@code lossSums[e]} is {@code sum s_i^2} over epoch {@code e}'s rows, {@code s_i} the scaled
 * error {@code floor(lr_q (output - y) / 2^16)}; as {@code |s| < 2^20} the sum is below
 * {@code N 2^40}, exact for {@code N < 2^23} rows (beyond that the proof binds it modulo the field
 * prime, and so does this record). {@code s / lr_q} is the row's error {@code output - y} in real
 * units up to rounding, so {@link #meanSquaredError} is the epoch's mean squared error (over the
 * standardised target for a regression; the Brier score for a classifier). Runs of more than
 * {@link #MAX_ROWS} rows state none. {@code correct[e]}
 * counts rows whose predicted class ({@code 1} when {@code sigma_q(pred) >= 1/2}) is the target's;
 * it is empty for a regression. {@link #NONE}: a statement without a curve (proofs before it).
 */
public record LearningCurve(long[] lossSums, long[] correct) {
    public static final LearningCurve NONE = new LearningCurve(new long[0], new long[0]);
    /**
     * Most rows of a run with a curve: {@code N (2^20 - 1)^2 < p} keeps every loss sum exact
     * up to {@code 2^24} rows; runs above {@code 2^23} rows state no curve rather than one that
     * could wrap.
     */
    public static final int MAX_ROWS = 1 << 23;

    public LearningCurve {
        lossSums = lossSums.clone();
        correct = correct.clone();
        for (long v : lossSums) {
            if (Long.compareUnsigned(v, Goldilocks.P) >= 0) {
                throw new IllegalArgumentException("a loss sum must be a field element, got " + Long.toUnsignedString(v));
            }
        }
        if (correct.length != 0 && correct.length != lossSums.length) {
            throw new IllegalArgumentException("need one count of correct rows per epoch, got " + correct.length + " for "
                    + lossSums.length + " epochs");
        }
    }

    /**
     * A curve of zeros of the shape a run of {@code epochs} over {@code rows} rows states (none
     * above {@link #MAX_ROWS}): what a statement drafted before training holds.
     */
    public static LearningCurve zeros(int epochs, int rows, boolean classifier) {
        if (rows > MAX_ROWS) {
            return NONE;
        }
        return new LearningCurve(new long[epochs], new long[classifier ? epochs : 0]);
    }

    public boolean isEmpty() {
        return lossSums.length == 0;
    }

    public int epochs() {
        return lossSums.length;
    }

    public boolean hasAccuracy() {
        return correct.length != 0;
    }

    /** Epoch {@code e}'s mean squared error in real units: {@code lossSums[e] / (N lr_q^2)}. */
    public double meanSquaredError(int e, int rows, long learningRateQ) {
        double sum = (double) (lossSums[e] >>> 1) * 2 + (lossSums[e] & 1); // unsigned
        return sum / rows / ((double) learningRateQ * learningRateQ);
    }

    /** Epoch {@code e}'s training accuracy, in {@code [0, 1]}. */
    public double accuracy(int e, int rows) {
        return correct[e] / (double) rows;
    }

    /** Checks the curve against a statement's shape: one entry per epoch, counts within the rows. */
    void check(int epochs, int rows, boolean classifier) {
        if (isEmpty()) {
            return;
        }
        if (rows > MAX_ROWS) {
            throw new IllegalArgumentException("a run of more than 2^23 rows states no learning curve (its loss sums could"
                    + " wrap), got " + rows + " rows");
        }
        if (lossSums.length != epochs) {
            throw new IllegalArgumentException("the learning curve has " + lossSums.length + " epochs, the run " + epochs);
        }
        if (hasAccuracy() != classifier) {
            throw new IllegalArgumentException(classifier ? "a classifier's learning curve needs its accuracy"
                    : "a regression's learning curve has no accuracy");
        }
        for (long c : correct) {
            if (c < 0 || c > rows) {
                throw new IllegalArgumentException("a count of correct rows must be in [0, " + rows + "], got " + c);
            }
        }
    }

    @Override
    public long[] lossSums() {
        return lossSums.clone();
    }

    @Override
    public long[] correct() {
        return correct.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearningCurve c && Arrays.equals(lossSums, c.lossSums) && Arrays.equals(correct, c.correct);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lossSums) + Arrays.hashCode(correct);
    }

    @Override
    public String toString() {
        return "LearningCurve[lossSums=" + Arrays.toString(lossSums) + ", correct=" + Arrays.toString(correct) + "]";
    }
}
