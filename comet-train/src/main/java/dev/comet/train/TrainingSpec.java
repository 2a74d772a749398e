package dev.comet.train;

import dev.comet.data.ClassLabels;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a training run does, as a proof's public statement names it: a {@link ModelKind} (linear
 * regression with mean squared error by default, or logistic regression with log-loss over two
 * named classes), trained by mini-batch SGD over the rows in file order, in Comet's fixed-point
 * arithmetic with {@code F = 16} ({@code docs/TRAINING.md}).
 *
 * <p>Guarantees, checked on construction so that no invalid spec exists: {@code fractionBits}
 * is 16; {@code learningRate} is a plain decimal and {@code learningRateQ} is exactly
 * {@code round(lr * 2^16)}, half to even on the exact decimal, with
 * {@code 1 <= learningRateQ <= 2^16}; {@code 1 <= batchSize <= 2048};
 * {@code 1 <= epochs <= 1_000_000}; {@code initialWeights} has {@code D + 1} entries for
 * {@code 1 <= D <= 255} features (the last is the bias) per output ({@link ModelKind#outputs}:
 * one block per class for softmax, output by output) and each has {@code |w| < 2^24};
 * {@code classes} is empty for a numeric model and has as many entries as the model
 * {@link ModelKind#accepts} for a classifier.
 * Violations are {@link IllegalArgumentException}s with a one-line message. The weights array
 * is copied in and out, so a spec never changes.
 *
 * @param fractionBits   {@code F}, always {@value FixedPointStep#FRACTION_BITS}
 * @param learningRate   the learning rate as the decimal text the user gave (surrounding
 *                       whitespace removed)
 * @param learningRateQ  {@code lr_q = round(lr * 2^F)}, the learning rate the arithmetic uses
 * @param batchSize      rows per batch {@code B}; the last batch of an epoch may be smaller
 * @param epochs         passes over the data {@code E}
 * @param initialWeights scaled starting weights {@code w[0..D]}, {@code w[D]} the bias, for each output in turn
 * @param model          the model trained
 * @param classes        a classifier's classes, index order; {@link ClassLabels#NONE} otherwise
 * @param initSeed       the seed the initial weights come from ({@link SeededInit}), or null when
 *                       they are given
 * @param hidden         the hidden layers' widths ({@link Network}): empty except for the MLP, which
 *                       has 1 to {@value Network#MAX_HIDDEN_LAYERS}; the initial weights then hold
 *                       every layer's, in {@link Network}'s order
 */
public record TrainingSpec(int fractionBits, String learningRate, long learningRateQ, int batchSize, int epochs,
                           long[] initialWeights, ModelKind model, ClassLabels classes, Long initSeed,
                           List<Integer> hidden) {
    public static final String OPTIMIZER = "minibatch-sgd";
    public static final String ORDER = "sequential";
    public static final String NUMERIC_FORMAT = "fixed-point F=16";
    public static final int MAX_EPOCHS = 1_000_000;
    /** Largest number of features {@code D}; see {@link FixedPointStep#MAX_WEIGHTS}. */
    public static final int MAX_FEATURES = FixedPointStep.MAX_WEIGHTS - 1;

    /** ASCII decimal with optional sign, fraction and exponent, as {@code CsvDataset} accepts. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final int MAX_QUOTED = 40;

    public TrainingSpec {
        if (fractionBits != FixedPointStep.FRACTION_BITS) {
            throw new IllegalArgumentException("fraction bits must be " + FixedPointStep.FRACTION_BITS + ", got " + fractionBits);
        }
        Objects.requireNonNull(learningRate, "learningRate");
        learningRate = learningRate.strip();
        long expected = quantizeLearningRate(learningRate);
        if (learningRateQ != expected) {
            throw new IllegalArgumentException("learningRateQ " + learningRateQ + " does not match learning rate "
                    + learningRate + " (round(lr * 2^16) = " + expected + ")");
        }
        if (batchSize < 1 || batchSize > FixedPointStep.MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batch size must be in [1, " + FixedPointStep.MAX_BATCH_SIZE + "], got " + batchSize);
        }
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            throw new IllegalArgumentException("epochs must be in [1, " + MAX_EPOCHS + "], got " + epochs);
        }
        Objects.requireNonNull(initialWeights, "initialWeights");
        initialWeights = initialWeights.clone();
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(classes, "classes");
        if (!model.accepts(classes.count())) {
            throw new IllegalArgumentException(model.isClassifier()
                    ? "model " + model.option() + " needs a target of " + model.accepted() + ", got "
                            + classes.count() + (classes.count() > 0 ? " " + classes.labels() : "")
                    : "model " + model.option() + " needs a numeric target, not classes");
        }
        hidden = List.copyOf(hidden);
        if (model.hasHiddenLayers() == hidden.isEmpty()) {
            throw new IllegalArgumentException(model.hasHiddenLayers() ? "model " + model.option()
                    + " needs at least one hidden layer" : "model " + model.option() + " has no hidden layers");
        }
        int outputs = model.outputs(classes.count());
        Network network = checkWeights(initialWeights, hidden, outputs);
        if (initSeed != null && !Arrays.equals(initialWeights, SeededInit.weights(initSeed, network))) {
            throw new IllegalArgumentException("the initial weights are not those of seed " + initSeed);
        }
    }

    /** A spec of a model without hidden layers. */
    public TrainingSpec(int fractionBits, String learningRate, long learningRateQ, int batchSize, int epochs,
                        long[] initialWeights, ModelKind model, ClassLabels classes, Long initSeed) {
        this(fractionBits, learningRate, learningRateQ, batchSize, epochs, initialWeights, model, classes, initSeed,
                List.of());
    }

    /**
     * A spec with these hyperparameters, for {@code model} over {@code classes}. A model of
     * several outputs starts from zeros when this spec's single weight vector is all zeros;
     * otherwise the weights must already have the model's shape.
     */
    public TrainingSpec forModel(ModelKind model, ClassLabels classes) {
        return forModel(model, classes, List.of());
    }

    /**
     * As {@link #forModel(ModelKind, ClassLabels)} with hidden layers of these widths (an MLP);
     * a network of another shape starts from zeros when this spec's weights are all zeros.
     */
    public TrainingSpec forModel(ModelKind model, ClassLabels classes, List<Integer> hidden) {
        Network network = new Network(numFeatures(), hidden, model.outputs(classes.count()));
        long[] weights = initialWeights;
        if (weights.length != network.weights() && Arrays.stream(weights).allMatch(w -> w == 0)) {
            weights = new long[network.weights()];
        }
        return new TrainingSpec(fractionBits, learningRate, learningRateQ, batchSize, epochs, weights, model, classes,
                initSeed, hidden);
    }

    /** This spec starting from {@code weights}, in {@link #network()}'s layout, instead. */
    public TrainingSpec withInitialWeights(long[] weights) {
        return new TrainingSpec(fractionBits, learningRate, learningRateQ, batchSize, epochs, weights, model, classes, null,
                hidden);
    }

    /** This spec starting from the initial weights of {@code seed} ({@link SeededInit}) instead. */
    public TrainingSpec withSeed(long seed) {
        return new TrainingSpec(fractionBits, learningRate, learningRateQ, batchSize, epochs,
                SeededInit.weights(seed, network()), model, classes, seed, hidden);
    }

    /** A spec starting from all-zero weights for {@code numFeatures} features. */
    public static TrainingSpec of(String learningRate, int batchSize, int epochs, int numFeatures) {
        if (numFeatures < 1 || numFeatures > MAX_FEATURES) {
            throw new IllegalArgumentException("number of features must be in [1, " + MAX_FEATURES + "], got " + numFeatures);
        }
        return of(learningRate, batchSize, epochs, new long[numFeatures + 1]);
    }

    /**
     * A spec starting from {@code initialWeights} (scaled, {@code D + 1} entries, bias last).
     *
     * @throws IllegalArgumentException with a one-line message if any rule in the class comment
     *                                  is broken
     */
    public static TrainingSpec of(String learningRate, int batchSize, int epochs, long[] initialWeights) {
        Objects.requireNonNull(learningRate, "learningRate");
        return new TrainingSpec(FixedPointStep.FRACTION_BITS, learningRate, quantizeLearningRate(learningRate.strip()),
                batchSize, epochs, initialWeights, ModelKind.LINEAR, ClassLabels.NONE, null);
    }

    /**
     * {@code round(lr * 2^16)}, half to even on the exact decimal {@code learningRate}.
     *
     * @throws IllegalArgumentException unless the text is a plain decimal and the result is in
     *                                  {@code [1, 2^16]}, that is {@code 2^-17 < lr <= 1} up to
     *                                  rounding
     */
    public static long quantizeLearningRate(String learningRate) {
        String text = learningRate.strip();
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("learning rate " + quote(text) + " is not a decimal number");
        }
        BigDecimal lr;
        try {
            lr = new BigDecimal(text);
        } catch (NumberFormatException e) { // an exponent beyond int range
            throw new IllegalArgumentException("learning rate " + quote(text) + " is out of range: need 0 < lr <= 1");
        }
        if (lr.signum() <= 0) {
            throw new IllegalArgumentException("learning rate " + quote(text) + " must be positive");
        }
        // 10^e <= lr < 10^(e+1); deciding the extremes here keeps 1e-999999999 from costing a
        // billion-digit division below.
        long e = (long) lr.precision() - lr.scale() - 1;
        if (e >= 1) {
            throw new IllegalArgumentException("learning rate " + quote(text) + " is too large: need lr <= 1");
        }
        long q = e <= -20 ? 0 : lr.multiply(BigDecimal.valueOf(FixedPointStep.ONE))
                .setScale(0, RoundingMode.HALF_EVEN).longValueExact(); // < 10 * 2^16
        if (q < 1) {
            throw new IllegalArgumentException("learning rate " + quote(text)
                    + " is too small: lr * 2^16 rounds to 0 (need lr > 2^-17, about 0.0000076)");
        }
        if (q > FixedPointStep.ONE) {
            throw new IllegalArgumentException("learning rate " + quote(text) + " is too large: need lr <= 1");
        }
        return q;
    }

    /** Checks the weights' count and bounds and returns the network they are the weights of. */
    private static Network checkWeights(long[] weights, List<Integer> hidden, int outputs) {
        int features = features(weights.length, hidden, outputs);
        if (features < 1 || features > MAX_FEATURES) {
            throw new IllegalArgumentException("initial weights need D + 1 entries (bias last)"
                    + (hidden.isEmpty() ? "" : " for each of the first hidden layer's " + hidden.get(0) + " units, then the"
                    + " later layers'") + (outputs > 1 && hidden.isEmpty() ? " for each of " + outputs + " outputs" : "")
                    + " for 1 to " + MAX_FEATURES + " features, got " + weights.length + " entries");
        }
        for (int j = 0; j < weights.length; j++) {
            if (!FixedPointStep.within(weights[j], FixedPointStep.WEIGHT_BOUND)) {
                throw new IllegalArgumentException("initial weight w[" + j + "] is " + FixedPointStep.format(weights[j])
                        + "; need |w| < " + FixedPointStep.format(FixedPointStep.WEIGHT_BOUND) + " (|w * 2^16| < 2^24)");
            }
        }
        return new Network(features, hidden, outputs);
    }

    /** The {@code D} for which {@code weights} is the count of a network's weights, or 0 if there is none. */
    private static int features(int weights, List<Integer> hidden, int outputs) {
        int first = hidden.isEmpty() ? outputs : hidden.get(0);
        int later = new Network(1, hidden, outputs).weights() - 2 * first; // every layer's but the first's
        int rest = weights - later;
        return rest > first && rest % first == 0 ? rest / first - 1 : 0;
    }

    private static String quote(String text) {
        String shown = text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED - 3) + "...";
        return TrainingOverflowException.quote(shown);
    }

    /** The number of features {@code D}. */
    public int numFeatures() {
        return features(initialWeights.length, hidden, outputs());
    }

    /** The shape of the model's weights. */
    public Network network() {
        return new Network(numFeatures(), hidden, outputs());
    }

    /** The model's outputs, each with {@code D + 1} weights: one per class for softmax, else 1. */
    public int outputs() {
        return model.outputs(classes.count());
    }

    /** A copy of the scaled initial weights, bias last. */
    @Override
    public long[] initialWeights() {
        return initialWeights.clone();
    }

    /** The learning rate the arithmetic uses, {@code lr_q / 2^16}, which may differ from {@link #learningRate}. */
    public double effectiveLearningRate() {
        return FixedPointStep.toReal(learningRateQ);
    }

    public String loss() {
        return model.loss();
    }

    public String optimizer() {
        return OPTIMIZER;
    }

    public String order() {
        return ORDER;
    }

    public String numericFormat() {
        return NUMERIC_FORMAT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingSpec other
                && fractionBits == other.fractionBits
                && learningRate.equals(other.learningRate)
                && learningRateQ == other.learningRateQ
                && batchSize == other.batchSize
                && epochs == other.epochs
                && Arrays.equals(initialWeights, other.initialWeights)
                && model == other.model
                && classes.equals(other.classes)
                && Objects.equals(initSeed, other.initSeed)
                && hidden.equals(other.hidden);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fractionBits, learningRate, learningRateQ, batchSize, epochs, Arrays.hashCode(initialWeights),
                model, classes, initSeed, hidden);
    }

    @Override
    public String toString() {
        return "TrainingSpec[model=" + model.modelName() + ", loss=" + model.loss() + (classes.isEmpty() ? "" : ", classes="
                + classes.labels()) + ", optimizer=" + OPTIMIZER + ", order=" + ORDER
                + ", numericFormat=" + NUMERIC_FORMAT + ", learningRate=" + learningRate + " (lr_q=" + learningRateQ
                + "), batchSize=" + batchSize + ", epochs=" + epochs + ", features=" + numFeatures()
                + (hidden.isEmpty() ? "" : ", hidden=" + hidden) + "]";
    }
}
