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
 * The native reference trainer: linear, logistic or softmax regression, or an MLP (hidden ReLU
 * layers under a softmax or linear output, trained by backpropagation), by mini-batch SGD in
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
        final int b = spec.batchSize();
        final long lrQ = spec.learningRateQ();
        final int batches = (n - 1) / b + 1; // ceil(n / b) without overflowing n + b
        final ModelKind model = spec.model();
        final Network net = spec.network();
        final int outputs = net.outputs();
        final int layers = net.layers();
        final int top = layers - 1; // the output layer
        final int bmax = Math.min(b, n);

        long[] lossSums = new long[spec.epochs()];
        long[] correct = new long[model.isClassifier() ? spec.epochs() : 0];
        long[] w = spec.initialWeights();
        long[] next = new long[w.length];
        long[] gradient = new long[w.length];
        long[] remainders = new long[w.length];
        // inputs[l][i][k]: input i of layer l >= 1 (hidden unit i of layer l - 1's activation) at batch row k;
        // layer 0 reads the features. errors[l][u][k]: unit u's error, the output layer's scaled errors s.
        long[][][] inputs = new long[layers][][];
        long[][][] errors = new long[layers][][];
        boolean[][][] active = new boolean[layers][][]; // a hidden unit's ReLU sign [z > 0]
        for (int l = 0; l < layers; l++) {
            inputs[l] = l == 0 ? null : new long[net.inputs(l)][bmax];
            errors[l] = new long[net.units(l)][bmax];
            active[l] = net.isOutput(l) ? null : new boolean[net.units(l)][bmax];
        }
        long[] in = new long[Network.MAX_FAN_IN];
        long[] dots = new long[outputs];
        long[] preds = new long[outputs];

        for (int epoch = 0; epoch < spec.epochs(); epoch++) {
            for (int batch = 0; batch < batches; batch++) {
                final int first = batch * b; // <= n - 1, since batch <= (n - 1) / b
                final int m = Math.min(b, n - first);

                // Samples: the weights w stay fixed during the batch.
                for (int k = 0; k < m; k++) {
                    int row = first + k;
                    for (int i = 0; i < net.features(); i++) {
                        in[i] = x[i][row];
                    }
                    for (int l = 0; l < top; l++) {
                        hiddenLayer(net, l, w, in, k, inputs[l + 1], active[l], epoch, batch, row);
                        for (int i = 0; i < net.units(l); i++) {
                            in[i] = inputs[l + 1][i][k];
                        }
                    }
                    for (int o = 0; o < outputs; o++) {
                        // |w| < 2^24, |input| < 2^31, fan-in <= 255: |dot| < 255 * 2^55 + 2^40 < 2^63 (FixedPointStep.dot).
                        dots[o] = unitDot(net, top, o, w, in);
                        preds[o] = FixedPointStep.prediction(dots[o]);
                        if (!within(preds[o], PREDICTION_BOUND)) {
                            throw TrainingOverflowException.atSample(epoch, batch, row, "prediction", preds[o], PREDICTION);
                        }
                    }
                    long[] out = outputs(model, preds); // in [0, 2^16] for a classifier
                    for (int o = 0; o < outputs; o++) {
                        long target = model.hasSoftmaxOutput() ? (y[row] == o * ONE ? ONE : 0) : y[row];
                        // |output|, |y| < 2^31 and lr_q <= 2^16: the dividend is below 2^48.
                        long dividend = FixedPointStep.scaledErrorDividend(lrQ, out[o], target);
                        long sk = FixedPointStep.scaledError(lrQ, out[o], target);
                        if (!within(sk, SCALED_ERROR_BOUND)) {
                            throw TrainingOverflowException.atSample(epoch, batch, row, "scaled error", sk, SCALED_ERROR);
                        }
                        errors[top][o][k] = sk;
                        lossSums[epoch] = Goldilocks.add(lossSums[epoch], Goldilocks.reduce(sk * sk)); // sk^2 < 2^40
                        observer.onSample(epoch, batch, row, dots[o], preds[o], dots[o] - preds[o] * ONE, out[o], sk,
                                dividend - sk * ONE);
                    }
                    for (int l = top - 1; l >= 0; l--) {
                        backpropagate(net, l, w, errors[l + 1], active[l], errors[l], k, epoch, batch, row);
                    }
                    if (model.isClassifier() && predictedClass(model, preds) * ONE == y[row]) {
                        correct[epoch]++;
                    }
                }

                for (int l = 0; l < layers; l++) {
                    long[][] layerInputs = l == 0 ? x : inputs[l];
                    int offset = l == 0 ? first : 0; // the features are indexed by data row, activations by batch row
                    for (int u = 0; u < net.units(l); u++) {
                        long[] eu = errors[l][u];
                        int base = net.weight(l, u, 0);
                        // Batch gradient: |err * input| < 2^20 * 2^31 = 2^51 and m <= 2^11 terms, so |G| < 2^62.
                        for (int i = 0; i < net.inputs(l); i++) {
                            long[] column = layerInputs[i];
                            long g = 0;
                            for (int k = 0; k < m; k++) {
                                g += eu[k] * column[offset + k];
                            }
                            gradient[base + i] = g;
                        }
                        long sumErr = 0; // the bias's input is the constant 2^F: |sum err| < 2^31, times 2^16 < 2^47
                        for (int k = 0; k < m; k++) {
                            sumErr += eu[k];
                        }
                        gradient[base + net.inputs(l)] = sumErr * ONE;
                    }
                }

                // Update: the decrement is at most |G| / 2^16 + 1 < 2^47 and |w| < 2^24, so the
                // difference is exact; it is then checked against the weight bound.
                long divisor = FixedPointStep.updateDivisor(m);
                for (int q = 0; q < w.length; q++) {
                    long decrement = FixedPointStep.weightDecrement(gradient[q], m);
                    remainders[q] = gradient[q] - decrement * divisor;
                    next[q] = w[q] - decrement;
                    if (!within(next[q], WEIGHT_BOUND)) {
                        throw TrainingOverflowException.atUpdate(epoch, batch, first, m, weightName(data, spec, q), next[q]);
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

    /**
     * Hidden layer {@code l} on one sample whose layer inputs are {@code in}: each unit's
     * {@code z = floor(dot / 2^16)}, strictly inside {@code 2^31} like a prediction, and its
     * activation {@code relu(z)} into {@code activations[u][k]}, its sign {@code [z > 0]} into
     * {@code signs[u][k]}.
     */
    private static void hiddenLayer(Network net, int l, long[] w, long[] in, int k, long[][] activations,
                                    boolean[][] signs, int epoch, int batch, int row) throws TrainingOverflowException {
        for (int u = 0; u < net.units(l); u++) {
            long z = FixedPointStep.prediction(unitDot(net, l, u, w, in));
            if (!within(z, PREDICTION_BOUND)) {
                throw TrainingOverflowException.atSample(epoch, batch, row, "hidden value " + (u + 1) + " of layer "
                        + (l + 1), z, "|z| < " + FixedPointStep.format(PREDICTION_BOUND));
            }
            signs[u][k] = z > 0;
            activations[u][k] = z > 0 ? z : 0;
        }
    }

    /**
     * The errors of hidden layer {@code l} on batch row {@code k} from those of the layer above:
     * {@code delta_u = [z_u > 0] floor(sum_o w_(o,u) err_o / 2^16)} with the batch's weights
     * {@code w} (before its update). {@code |w| < 2^24}, {@code |err| < 2^20} and at most 255
     * units above, so the sum is below {@code 2^52}; the quotient must be below {@code 2^20}
     * like a scaled error, which keeps the gradients' bound.
     */
    private static void backpropagate(Network net, int l, long[] w, long[][] above, boolean[][] signs, long[][] errors,
                                      int k, int epoch, int batch, int row) throws TrainingOverflowException {
        int up = l + 1;
        int base = net.offset(up);
        int width = net.width(up);
        for (int u = 0; u < net.units(l); u++) {
            long sum = 0;
            for (int o = 0; o < net.units(up); o++) {
                sum += w[base + o * width + u] * above[o][k];
            }
            long q = Math.floorDiv(sum, ONE);
            if (!within(q, SCALED_ERROR_BOUND)) {
                throw TrainingOverflowException.atSample(epoch, batch, row, "backpropagated error " + (u + 1)
                        + " of layer " + (l + 1), q, "|delta| < " + FixedPointStep.format(SCALED_ERROR_BOUND));
            }
            errors[u][k] = signs[u][k] ? q : 0;
        }
    }

    /** {@code sum_i w_(u,i) in_i + w_(u,bias) 2^16} for unit {@code u} of layer {@code l}. */
    private static long unitDot(Network net, int l, int u, long[] w, long[] in) {
        return FixedPointStep.dot(w, net.weight(l, u, 0), in, net.inputs(l));
    }

    /** "weight 'horsepower'", "bias of class 'b'", "weight 3 of unit 2 of layer 1" for messages. */
    private static String weightName(QuantizedDataset data, TrainingSpec spec, int q) {
        Network net = spec.network();
        int l = 0;
        while (q >= net.offset(l + 1)) {
            l++;
        }
        int u = (q - net.offset(l)) / net.width(l);
        int i = (q - net.offset(l)) % net.width(l);
        String input = i == net.inputs(l) ? "bias" : "weight " + (l == 0
                ? TrainingOverflowException.quote(data.featureNames().get(i)) : String.valueOf(i + 1));
        if (!net.isOutput(l)) {
            return input + " of unit " + (u + 1) + " of hidden layer " + (l + 1);
        }
        return input + (net.outputs() > 1 ? " of class " + spec.classes().labels().get(u) : "")
                + (l > 0 ? " of the output layer" : "");
    }

    /** The model's outputs for its scores: the scores themselves, their sigmoid, or their softmax. */
    static long[] outputs(ModelKind model, long[] scores) {
        return switch (model) {
            case LINEAR, MLP_REGRESSION -> scores.clone();
            case LOGISTIC -> new long[] {Sigmoid.apply(scores[0])};
            case SOFTMAX, MLP -> Softmax.probabilities(scores);
        };
    }

    /** The class a classifier predicts from its scores, as {@code predict} and the learning curve count it. */
    public static int predictedClass(ModelKind model, long[] scores) {
        return switch (model) {
            case LOGISTIC -> Sigmoid.predictedClass(Sigmoid.apply(scores[0]));
            case SOFTMAX, MLP -> Softmax.predictedClass(scores);
            case LINEAR, MLP_REGRESSION -> throw new IllegalArgumentException("a regression predicts no class");
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
            case SOFTMAX, MLP -> Softmax.probabilities(scores);
            case LINEAR, MLP_REGRESSION -> throw new IllegalArgumentException("a regression has no classes");
        };
    }

    /**
     * The output scores of {@code net} with these weights for one row of scaled features, exactly
     * as training computes them: each hidden layer's {@code relu(floor(dot / 2^16))}, then the
     * output layer's {@code floor(dot / 2^16)}.
     *
     * @throws IllegalArgumentException if a length or bound is wrong, or a hidden value reaches
     *                                  {@code 2^31} (training would have stopped there; a larger
     *                                  activation could overflow the next layer's sum)
     */
    public static long[] predictScores(long[] weights, Network net, long[] xRow) {
        if (weights.length != net.weights() || xRow.length != net.features()) {
            throw new IllegalArgumentException("the " + net.describe() + " model has " + net.weights() + " weights and "
                    + net.features() + " features, got " + weights.length + " and " + xRow.length);
        }
        for (int j = 0; j < weights.length; j++) {
            if (!within(weights[j], WEIGHT_BOUND)) {
                throw new IllegalArgumentException("weight " + j + ": need |w| < 2^24, got " + weights[j]);
            }
        }
        long[] in = xRow.clone();
        for (int j = 0; j < in.length; j++) {
            if (!within(in[j], DATA_BOUND)) {
                throw new IllegalArgumentException("feature " + j + ": need |x| < 2^31, got " + in[j]);
            }
        }
        for (int l = 0; l < net.layers(); l++) {
            long[] out = new long[net.units(l)];
            for (int u = 0; u < out.length; u++) {
                out[u] = FixedPointStep.prediction(unitDot(net, l, u, weights, in));
                if (!net.isOutput(l)) {
                    if (!within(out[u], PREDICTION_BOUND)) {
                        throw new IllegalArgumentException("hidden value " + (u + 1) + " of layer " + (l + 1) + " is "
                                + FixedPointStep.format(out[u]) + ", outside |z| < " + FixedPointStep.format(PREDICTION_BOUND));
                    }
                    out[u] = Math.max(out[u], 0);
                }
            }
            in = out;
        }
        return in;
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
