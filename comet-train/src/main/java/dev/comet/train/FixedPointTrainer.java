package dev.comet.train;

import static dev.comet.train.FixedPointStep.DATA_BOUND;
import static dev.comet.train.FixedPointStep.ONE;
import static dev.comet.train.FixedPointStep.PREDICTION_BOUND;
import static dev.comet.train.FixedPointStep.SCALED_ERROR_BOUND;
import static dev.comet.train.FixedPointStep.WEIGHT_BOUND;
import static dev.comet.train.FixedPointStep.within;

import dev.comet.data.QuantizedDataset;
import dev.comet.field.Goldilocks;
import dev.comet.train.logistic.Sigmoid;
import dev.comet.train.softmax.Softmax;
import java.util.Objects;

/**
 * The native reference trainer: linear, logistic or softmax regression by mini-batch SGD in
 * exactly the fixed-point arithmetic of {@code docs/TRAINING.md}, which the training AIR proves,
 * and the run's learning curve. The models share every step but one: logistic regression's
 * output is {@link Sigmoid#apply} of the score, softmax regression's are
 * {@link Softmax#probabilities} of its class scores, and the gradient of their losses has the
 * same form {@code (output - y) x} as the squared error's, output by output (a softmax class's
 * target being {@code 2^16 [y = k]}). Same data and spec give the same weights, bit
 * for bit, on every JVM: all arithmetic is on {@code long}s, every value is exact (see the bounds
 * argument in {@link FixedPointStep}) and the sample order is fixed.
 *
 * <p>Every bound of the specification is enforced, and a breach is a
 * {@link TrainingOverflowException} rather than a wrapped value: data {@code |x|, |y| < 2^31}
 * before the first step, {@code |pred| < 2^31} and {@code |s| < 2^20} at each sample and
 * {@code |w| < 2^24} after each update (initial weights are checked by {@link TrainingSpec}).
 * Checking each value before it is used is what keeps the next operation inside a {@code long}.
 */
public final class FixedPointTrainer {
    private static final String PREDICTION = "|pred| < " + FixedPointStep.format(PREDICTION_BOUND);
    private static final String SCALED_ERROR = "|lr * (pred - y)| < " + FixedPointStep.format(SCALED_ERROR_BOUND);

    private FixedPointTrainer() {
    }

    /** Trains without observing intermediates; see {@link #train(QuantizedDataset, TrainingSpec, TrainingObserver)}. */
    public static TrainingResult train(QuantizedDataset data, TrainingSpec spec) throws TrainingOverflowException {
        return train(data, spec, TrainingObserver.NONE);
    }

    /**
     * Runs {@code spec} on {@code data}, reporting every intermediate value to {@code observer}.
     *
     * @throws IllegalArgumentException   if the data's scale is not {@code 2^16} or its number of
     *                                    features differs from the spec's
     * @throws TrainingOverflowException  if a value breaches its bound; the message names epoch,
     *                                    batch and row
     */
    public static TrainingResult train(QuantizedDataset data, TrainingSpec spec, TrainingObserver observer)
            throws TrainingOverflowException {
        Objects.requireNonNull(observer, "observer");
        checkShape(data, spec);
        checkData(data);

        final long[][] x = data.features();
        final long[] y = data.targets();
        final int n = data.rows();
        final int d = data.numFeatures();
        final int b = spec.batchSize();
        final long lrQ = spec.learningRateQ();
        final int batches = (n - 1) / b + 1; // ceil(n / b) without overflowing n + b
        final ModelKind model = spec.model();
        final int outputs = spec.outputs();
        final int width = d + 1; // weights per output

        long[] lossSums = new long[spec.epochs()];
        long[] correct = new long[model.isClassifier() ? spec.epochs() : 0];
        long[] w = spec.initialWeights();
        long[] next = new long[w.length];
        long[][] s = new long[outputs][Math.min(b, n)];
        long[] gradient = new long[w.length];
        long[] remainders = new long[w.length];
        long[] dots = new long[outputs];
        long[] preds = new long[outputs];

        for (int epoch = 0; epoch < spec.epochs(); epoch++) {
            for (int batch = 0; batch < batches; batch++) {
                final int first = batch * b; // <= n - 1, since batch <= (n - 1) / b
                final int m = Math.min(b, n - first);

                // Samples: the weights w stay fixed during the batch.
                for (int k = 0; k < m; k++) {
                    int row = first + k;
                    for (int o = 0; o < outputs; o++) {
                        // |w| < 2^24, |x| < 2^31, D <= 255: |dot| < 255 * 2^55 + 2^40 < 2^63 (FixedPointStep.dot).
                        dots[o] = FixedPointStep.dot(w, o * width, x, row);
                        preds[o] = FixedPointStep.prediction(dots[o]);
                        if (!within(preds[o], PREDICTION_BOUND)) {
                            throw TrainingOverflowException.atSample(epoch, batch, row, "prediction", preds[o], PREDICTION);
                        }
                    }
                    long[] out = outputs(model, preds); // in [0, 2^16] for a classifier
                    for (int o = 0; o < outputs; o++) {
                        long target = model == ModelKind.SOFTMAX ? (y[row] == o * ONE ? ONE : 0) : y[row];
                        // |output|, |y| < 2^31 and lr_q <= 2^16: the dividend is below 2^48.
                        long dividend = FixedPointStep.scaledErrorDividend(lrQ, out[o], target);
                        long sk = FixedPointStep.scaledError(lrQ, out[o], target);
                        if (!within(sk, SCALED_ERROR_BOUND)) {
                            throw TrainingOverflowException.atSample(epoch, batch, row, "scaled error", sk, SCALED_ERROR);
                        }
                        s[o][k] = sk;
                        lossSums[epoch] = Goldilocks.add(lossSums[epoch], Goldilocks.reduce(sk * sk)); // sk^2 < 2^40
                        observer.onSample(epoch, batch, row, dots[o], preds[o], dots[o] - preds[o] * ONE, out[o], sk,
                                dividend - sk * ONE);
                    }
                    if (model.isClassifier() && predictedClass(model, preds) * ONE == y[row]) {
                        correct[epoch]++;
                    }
                }

                for (int o = 0; o < outputs; o++) {
                    long[] so = s[o];
                    // Batch gradient: |s * x| < 2^20 * 2^31 = 2^51 and m <= 2^11 terms, so |G| < 2^62.
                    for (int j = 0; j < d; j++) {
                        long[] column = x[j];
                        long g = 0;
                        for (int k = 0; k < m; k++) {
                            g += so[k] * column[first + k];
                        }
                        gradient[o * width + j] = g;
                    }
                    long sumS = 0; // the bias's feature is the constant 2^F: |sum s| < 2^31, times 2^16 < 2^47
                    for (int k = 0; k < m; k++) {
                        sumS += so[k];
                    }
                    gradient[o * width + d] = sumS * ONE;
                }

                // Update: the decrement is at most |G| / 2^16 + 1 < 2^47 and |w| < 2^24, so the
                // difference is exact; it is then checked against the weight bound.
                long divisor = FixedPointStep.updateDivisor(m);
                for (int q = 0; q < w.length; q++) {
                    long decrement = FixedPointStep.weightDecrement(gradient[q], m);
                    remainders[q] = gradient[q] - decrement * divisor;
                    next[q] = w[q] - decrement;
                    if (!within(next[q], WEIGHT_BOUND)) {
                        int j = q % width;
                        String name = (j == d ? "bias" : "weight " + TrainingOverflowException.quote(data.featureNames().get(j)))
                                + (outputs > 1 ? " of class " + spec.classes().labels().get(q / width) : "");
                        throw TrainingOverflowException.atUpdate(epoch, batch, first, m, name, next[q]);
                    }
                }
                observer.onUpdate(epoch, batch, first, m, gradient, w, next, remainders);
                long[] swap = w;
                w = next;
                next = swap;
            }
        }
        return new TrainingResult(w, batches, (long) n * spec.epochs(), new LearningCurve(lossSums, correct));
    }

    /** The model's outputs for its scores: the scores themselves, their sigmoid, or their softmax. */
    static long[] outputs(ModelKind model, long[] scores) {
        return switch (model) {
            case LINEAR -> scores.clone();
            case LOGISTIC -> new long[] {Sigmoid.apply(scores[0])};
            case SOFTMAX -> Softmax.probabilities(scores);
        };
    }

    /** The class a classifier predicts from its scores, as {@code predict} and the learning curve count it. */
    public static int predictedClass(ModelKind model, long[] scores) {
        return switch (model) {
            case LOGISTIC -> Sigmoid.predictedClass(Sigmoid.apply(scores[0]));
            case SOFTMAX -> Softmax.predictedClass(scores);
            case LINEAR -> throw new IllegalArgumentException("linear regression predicts no class");
        };
    }

    /**
     * A classifier's probability of each class, in index order, as training computes them:
     * {@code 2^16 - sigma_q, sigma_q} for logistic regression (summing to {@code 2^16}), the
     * softmax's floored {@code p_k} (summing to at most {@code 2^16}, less by under {@code K}).
     */
    public static long[] classProbabilities(ModelKind model, long[] scores) {
        return switch (model) {
            case LOGISTIC -> {
                long p1 = Sigmoid.apply(scores[0]);
                yield new long[] {ONE - p1, p1};
            }
            case SOFTMAX -> Softmax.probabilities(scores);
            case LINEAR -> throw new IllegalArgumentException("linear regression has no classes");
        };
    }

    /**
     * The scores of a model of {@code outputs} outputs ({@code D + 1} weights each) for one row,
     * each as {@link #predictFixed} computes it.
     */
    public static long[] predictScores(long[] weights, int outputs, long[] xRow) {
        if (outputs < 1 || weights.length % outputs != 0) {
            throw new IllegalArgumentException(weights.length + " weights are not " + outputs + " blocks");
        }
        int width = weights.length / outputs;
        long[] scores = new long[outputs];
        for (int o = 0; o < outputs; o++) {
            scores[o] = predictFixed(java.util.Arrays.copyOfRange(weights, o * width, (o + 1) * width), xRow);
        }
        return scores;
    }

    /**
     * The model's fixed-point prediction for one row of scaled features, exactly as in training:
     * {@code floor((sum_j w[j] * x[j] + w[D] * 2^16) / 2^16)}. The result is not bounded (training
     * would reject {@code |pred| >= 2^31}, a prediction merely reports it).
     *
     * @param weights scaled weights, {@code D + 1} entries, bias last, each {@code |w| < 2^24}
     * @param xRow    scaled features of one row, {@code D} entries, each {@code |x| < 2^31}
     * @throws IllegalArgumentException if a length or bound is wrong (they keep the sum exact)
     */
    public static long predictFixed(long[] weights, long[] xRow) {
        int d = xRow.length;
        if (weights.length != d + 1) {
            throw new IllegalArgumentException("the model has " + (weights.length - 1) + " features, the row has " + d);
        }
        if (weights.length > FixedPointStep.MAX_WEIGHTS) {
            throw new IllegalArgumentException("at most " + TrainingSpec.MAX_FEATURES + " features, got " + d);
        }
        long dot = weights[d] * ONE;
        for (int j = 0; j < d; j++) {
            if (!within(weights[j], WEIGHT_BOUND) || !within(xRow[j], DATA_BOUND)) {
                throw new IllegalArgumentException("feature " + j + ": need |w| < 2^24 and |x| < 2^31, got w = "
                        + weights[j] + ", x = " + xRow[j]);
            }
            dot += weights[j] * xRow[j];
        }
        if (!within(weights[d], WEIGHT_BOUND)) {
            throw new IllegalArgumentException("bias: need |w| < 2^24, got " + weights[d]);
        }
        return FixedPointStep.prediction(dot);
    }

    private static void checkShape(QuantizedDataset data, TrainingSpec spec) {
        if (spec.model().isClassifier()) { // the AIR checks the same of every row it trains on
            for (int row = 0; row < data.rows(); row++) {
                long y = data.targets()[row];
                if (y < 0 || y >= spec.classes().count() * ONE || y % ONE != 0) {
                    throw new IllegalArgumentException("row " + (row + 1) + ": target " + FixedPointStep.format(y)
                            + " is not a class index of " + spec.classes().labels());
                }
            }
        }
        if (data.fractionBits() != spec.fractionBits()) {
            throw new IllegalArgumentException("the data has " + data.fractionBits() + " fraction bits, the training needs "
                    + spec.fractionBits());
        }
        if (data.numFeatures() != spec.numFeatures()) {
            throw new IllegalArgumentException("the data has " + data.numFeatures() + " features, the initial weights are for "
                    + spec.numFeatures());
        }
    }

    /** Checks {@code |x|, |y| < 2^31}, reporting the first breach in row order. */
    static void checkData(QuantizedDataset data) throws TrainingOverflowException {
        long[][] x = data.features();
        long[] y = data.targets();
        for (int row = 0; row < data.rows(); row++) {
            for (int j = 0; j < x.length; j++) {
                if (!within(x[j][row], DATA_BOUND)) {
                    throw TrainingOverflowException.inData(row, data.featureNames().get(j), x[j][row], "x");
                }
            }
            if (!within(y[row], DATA_BOUND)) {
                throw TrainingOverflowException.inData(row, data.targetName(), y[row], "y");
            }
        }
    }
}
