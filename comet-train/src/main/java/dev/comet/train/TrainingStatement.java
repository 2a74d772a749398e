package dev.comet.train;

import dev.comet.air.StatementBinding;
import dev.comet.data.ClassLabels;
import java.util.Arrays;
import java.util.List;

/**
 * Everything a training proof claims, all public (DESIGN.md §1): the dataset commitment with its
 * shape, names and scale; the model and, for a classifier, its classes in index order; the
 * standardisation training applies to the committed values; the training spec; the initial and
 * the final weights; optionally the learning curve, the seed of the initial weights and the
 * data's moments, from which the standardisation must then follow; an MLP's hidden layers. Weights are signed
 * fixed-point integers over the standardised columns in {@link #network()}'s layout: for the linear models
 * {@code D + 1} per output ({@link ModelKind#outputs}), index {@code D} of each block being the bias.
 */
public record TrainingStatement(byte[] datasetRoot, int rows, int features, int fractionBits,
                                List<String> featureNames, String targetName, ModelKind model, ClassLabels classes,
                                Standardization standardization,
                                long learningRateQ, int batchSize, int epochs, long[] initialWeights,
                                long[] finalWeights, LearningCurve curve, Long initSeed, DataMoments moments,
                                List<Integer> hidden) {
    /** Limits and bounds are the spec's: {@link TrainingSpec} and {@link FixedPointStep}. */
    public static final int MAX_FEATURES = TrainingSpec.MAX_FEATURES;

    public TrainingStatement {
        java.util.Objects.requireNonNull(model, "model");
        java.util.Objects.requireNonNull(classes, "classes");
        featureNames = List.copyOf(featureNames);
        datasetRoot = datasetRoot.clone();
        initialWeights = initialWeights.clone();
        finalWeights = finalWeights.clone();
        if (datasetRoot.length != 32) {
            throw new IllegalArgumentException("dataset commitment must be 32 bytes");
        }
        if (features < 1 || features > MAX_FEATURES || featureNames.size() != features) {
            throw new IllegalArgumentException("need 1 to " + MAX_FEATURES + " named features, got " + features);
        }
        if (rows < 1) {
            throw new IllegalArgumentException("a dataset needs at least one row");
        }
        if (fractionBits != 16) {
            throw new IllegalArgumentException("only F = 16 fixed point is supported, got " + fractionBits);
        }
        if (learningRateQ < 1 || learningRateQ > 1L << fractionBits) {
            throw new IllegalArgumentException("learning rate must be in (0, 1] after quantisation");
        }
        if (batchSize < 1 || batchSize > FixedPointStep.MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batch size must be 1.." + FixedPointStep.MAX_BATCH_SIZE + ", got " + batchSize);
        }
        if (epochs < 1 || epochs > TrainingSpec.MAX_EPOCHS) {
            throw new IllegalArgumentException("epochs must be 1.." + TrainingSpec.MAX_EPOCHS + ", got " + epochs);
        }
        if (standardization.columns() != features + 1) {
            throw new IllegalArgumentException("need a standardisation of " + (features + 1) + " columns, got "
                    + standardization.columns());
        }
        if (!model.accepts(classes.count())) {
            throw new IllegalArgumentException("model " + model.option() + " needs " + model.accepted() + ", got "
                    + classes.count() + " classes");
        }
        hidden = List.copyOf(hidden);
        if (model.hasHiddenLayers() == hidden.isEmpty()) {
            throw new IllegalArgumentException(model.hasHiddenLayers() ? "model " + model.option()
                    + " needs at least one hidden layer" : "model " + model.option() + " has no hidden layers");
        }
        Network network = new Network(features, hidden, model.outputs(classes.count()));
        checkWeights("initial", initialWeights, network);
        checkWeights("final", finalWeights, network);
        if (model.isClassifier() && !standardization.leavesTarget()) {
            throw new IllegalArgumentException("a classifier's class target cannot be standardised");
        }
        java.util.Objects.requireNonNull(curve, "curve");
        curve.check(epochs, rows, model.isClassifier());
        if (initSeed != null && !Arrays.equals(initialWeights, SeededInit.weights(initSeed, network))) {
            throw new IllegalArgumentException("the initial weights are not those of seed " + initSeed + " ("
                    + SeededInit.GENERATOR + ")");
        }
        java.util.Objects.requireNonNull(moments, "moments");
        if (!moments.isEmpty()) {
            if (moments.columns() != features + 1 || moments.rows() != rows) {
                throw new IllegalArgumentException("the data moments are for " + moments.columns() + " columns of "
                        + moments.rows() + " rows, the statement has " + (features + 1) + " of " + rows);
            }
            for (int c = 0; c <= features; c++) {
                if (!standardization.followsFrom(moments, c)) {
                    throw new IllegalArgumentException("the standardisation of " + (c < features ? "feature '"
                            + featureNames.get(c) + "'" : "target '" + targetName + "'")
                            + " is neither the data's mean and spread nor none");
                }
            }
        }
    }

    /** A statement of a model without hidden layers. */
    public TrainingStatement(byte[] datasetRoot, int rows, int features, int fractionBits, List<String> featureNames,
                             String targetName, ModelKind model, ClassLabels classes, Standardization standardization,
                             long learningRateQ, int batchSize, int epochs, long[] initialWeights, long[] finalWeights,
                             LearningCurve curve, Long initSeed, DataMoments moments) {
        this(datasetRoot, rows, features, fractionBits, featureNames, targetName, model, classes, standardization,
                learningRateQ, batchSize, epochs, initialWeights, finalWeights, curve, initSeed, moments, List.of());
    }

    /** A statement whose standardisation the proof does not tie to the data's moments. */
    public TrainingStatement(byte[] datasetRoot, int rows, int features, int fractionBits, List<String> featureNames,
                             String targetName, ModelKind model, ClassLabels classes, Standardization standardization,
                             long learningRateQ, int batchSize, int epochs, long[] initialWeights, long[] finalWeights,
                             LearningCurve curve, Long initSeed) {
        this(datasetRoot, rows, features, fractionBits, featureNames, targetName, model, classes, standardization,
                learningRateQ, batchSize, epochs, initialWeights, finalWeights, curve, initSeed, DataMoments.NONE);
    }

    /** A statement whose initial weights are stated, not derived from a seed. */
    public TrainingStatement(byte[] datasetRoot, int rows, int features, int fractionBits, List<String> featureNames,
                             String targetName, ModelKind model, ClassLabels classes, Standardization standardization,
                             long learningRateQ, int batchSize, int epochs, long[] initialWeights, long[] finalWeights,
                             LearningCurve curve) {
        this(datasetRoot, rows, features, fractionBits, featureNames, targetName, model, classes, standardization,
                learningRateQ, batchSize, epochs, initialWeights, finalWeights, curve, null);
    }

    /** A statement without a proven learning curve. */
    public TrainingStatement(byte[] datasetRoot, int rows, int features, int fractionBits, List<String> featureNames,
                             String targetName, ModelKind model, ClassLabels classes, Standardization standardization,
                             long learningRateQ, int batchSize, int epochs, long[] initialWeights, long[] finalWeights) {
        this(datasetRoot, rows, features, fractionBits, featureNames, targetName, model, classes, standardization,
                learningRateQ, batchSize, epochs, initialWeights, finalWeights, LearningCurve.NONE);
    }

    /** A linear-regression statement. */
    public TrainingStatement(byte[] datasetRoot, int rows, int features, int fractionBits, List<String> featureNames,
                             String targetName, Standardization standardization, long learningRateQ, int batchSize,
                             int epochs, long[] initialWeights, long[] finalWeights) {
        this(datasetRoot, rows, features, fractionBits, featureNames, targetName, ModelKind.LINEAR, ClassLabels.NONE,
                standardization, learningRateQ, batchSize, epochs, initialWeights, finalWeights);
    }

    /** A linear-regression statement without standardisation. */
    public TrainingStatement(byte[] datasetRoot, int rows, int features, int fractionBits, List<String> featureNames,
                             String targetName, long learningRateQ, int batchSize, int epochs, long[] initialWeights,
                             long[] finalWeights) {
        this(datasetRoot, rows, features, fractionBits, featureNames, targetName, Standardization.identity(features),
                learningRateQ, batchSize, epochs, initialWeights, finalWeights);
    }

    private static void checkWeights(String which, long[] w, Network network) {
        if (w.length != network.weights()) {
            int blocks = network.weights() / (network.features() + 1);
            throw new IllegalArgumentException(which + " weights need " + network.weights() + " values (bias last"
                    + (!network.hidden().isEmpty() ? " in each unit's block of the " + network.describe() + " network"
                    : blocks > 1 ? " in each of " + blocks + " blocks" : "") + "), got " + w.length);
        }
        for (long v : w) {
            if (v <= -FixedPointStep.WEIGHT_BOUND || v >= FixedPointStep.WEIGHT_BOUND) {
                throw new IllegalArgumentException(which + " weight " + v + " is outside the bound 2^" + FixedPointStep.WEIGHT_BITS);
            }
        }
    }

    /** The published dataset commitment this statement refers to (see {@link DatasetCommitment#digest}). */
    public byte[] datasetDigest() {
        return DatasetCommitment.digest(datasetRoot, rows, fractionBits, featureNames, targetName, classes);
    }

    public TrainingStatement withFinalWeights(long[] weights) {
        return new TrainingStatement(datasetRoot, rows, features, fractionBits, featureNames, targetName, model, classes,
                standardization, learningRateQ, batchSize, epochs, initialWeights, weights, curve, initSeed, moments, hidden);
    }

    /** This statement with the outcome of a run: its final weights and, if it states one, its learning curve. */
    public TrainingStatement withOutcome(long[] weights, LearningCurve learningCurve) {
        return new TrainingStatement(datasetRoot, rows, features, fractionBits, featureNames, targetName, model, classes,
                standardization, learningRateQ, batchSize, epochs, initialWeights, weights,
                curve.isEmpty() ? curve : learningCurve, initSeed, moments, hidden);
    }

    /** The model's outputs: one per class for a softmax output, else 1. */
    public int outputs() {
        return model.outputs(classes.count());
    }

    /** The shape of the model's weights. */
    public Network network() {
        return new Network(features, hidden, outputs());
    }

    /** Whether the proof shows the standardisation is the data's (its moments are stated). */
    public boolean hasMoments() {
        return !moments.isEmpty();
    }

    /** Whether the proof exposes the learning curve. */
    public boolean hasCurve() {
        return !curve.isEmpty();
    }

    /** Canonical encoding, bound into the proof's transcript as the AIR's public inputs. */
    public byte[] encode() {
        return encoding().bytes();
    }

    /**
     * Where {@link #encode()}'s values lie, for a verifier that reads them from the statement
     * ({@link StatementBinding}): the encoding's fields, and the indices of those the tables read
     * (-1 when the statement has none). The shape (model, row and feature counts, classes' count,
     * hidden widths, batch size, epochs, which optional parts there are) is fixed bytes; names and
     * labels are free text; the seed is opaque (a verifier of the shape checks the initial weights,
     * not the generator). Every number carries the bounds this constructor enforces, which the
     * AIR's range arguments assume; the standardisation is four fields (the features' offsets, the
     * target's, the features' scales, the target's: a classifier's target is left as it is).
     *
     * @param names           the first name's field: the names, the target's, a classifier's classes
     *                        run from it to {@code lastName}, encoded as the dataset's commitment
     *                        encodes them ({@link DatasetCommitment#digest})
     * @param standardization the first of the standardisation's four fields
     * @param seed            the seed's field, or -1
     */
    public record Fields(List<StatementBinding.Field> fields, int root, int names, int lastName, int standardization,
                         int learningRate, int initialWeights, int finalWeights, int lossSums, int correct, int moments,
                         int seed) {}

    /** The encoding's fields ({@link #encode()} writes the same bytes through them). */
    public Fields fields() {
        return encoding().fields();
    }

    private record Encoding(byte[] bytes, Fields fields) {}

    private Encoding encoding() {
        StatementBinding.Writer out = new StatementBinding.Writer();
        out.fixedText(model.modelName() + "/" + model.loss() + "/" + TrainingSpec.OPTIMIZER + "/"
                + TrainingSpec.ORDER + "/" + TrainingSpec.NUMERIC_FORMAT);
        int root = out.opaque(datasetRoot);
        out.fixedInt(rows).fixedInt(features).fixedInt(fractionBits);
        int names = out.fieldCount();
        for (String name : featureNames) {
            out.text(name);
        }
        out.text(targetName);
        if (model.isClassifier()) { // a regression's encoding is unchanged since before classifiers
            out.fixedInt(classes.count());
            for (String label : classes.labels()) {
                out.text(label);
            }
        }
        int lastName = out.fieldCount() - 1;
        if (model.hasHiddenLayers()) { // after the classes, which the model name already announced
            out.fixedInt(hidden.size());
            for (int units : hidden) {
                out.fixedInt(units);
            }
        }
        long[] offsets = standardization.offsets();
        long[] scales = standardization.scales();
        long offsetBound = Standardization.OFFSET_BOUND - 1;
        boolean target = !model.isClassifier(); // a class target is never standardised
        int std = out.longs(Arrays.copyOf(offsets, features), -offsetBound, offsetBound);
        out.longs(new long[] {offsets[features]}, target ? -offsetBound : 0, target ? offsetBound : 0);
        out.longs(Arrays.copyOf(scales, features), 1, Standardization.MAX_SCALE);
        out.longs(new long[] {scales[features]}, target ? 1 : Standardization.IDENTITY_SCALE,
                target ? Standardization.MAX_SCALE : Standardization.IDENTITY_SCALE);
        int lr = out.longs(new long[] {learningRateQ}, 1, 1L << fractionBits);
        out.fixedInt(batchSize).fixedInt(epochs);
        long weightBound = FixedPointStep.WEIGHT_BOUND - 1;
        int initial = out.longs(initialWeights, -weightBound, weightBound);
        int last = out.longs(finalWeights, -weightBound, weightBound);
        int loss = -1;
        int correct = -1;
        if (hasCurve()) { // statements without a curve keep their earlier encoding
            out.fixedInt(curve.epochs());
            loss = out.elements(curve.lossSums());
            out.fixedByte(curve.hasAccuracy() ? 1 : 0);
            correct = out.longs(curve.correct(), 0, rows);
        }
        int seed = -1;
        if (initSeed != null) { // the initial weights above are the seed's, which the constructor checked
            out.fixedByte(1).fixedText(SeededInit.GENERATOR);
            seed = out.opaque(java.nio.ByteBuffer.allocate(8).putLong(initSeed).array());
        }
        int stated = -1;
        if (!moments.isEmpty()) { // the standardisation above follows from them, as the constructor checked
            out.fixedByte(2);
            stated = out.longs(moments.encoded(), 0, ((long) rows << 32) - 1);
        }
        return new Encoding(out.bytes(), new Fields(out.fields(), root, names, lastName, std, lr, initial, last, loss,
                correct, stated, seed));
    }

    /** A copy: a statement never changes. */
    @Override
    public byte[] datasetRoot() {
        return datasetRoot.clone();
    }

    /** A copy: a statement never changes. */
    @Override
    public long[] initialWeights() {
        return initialWeights.clone();
    }

    /** A copy: a statement never changes. */
    @Override
    public long[] finalWeights() {
        return finalWeights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingStatement s && Arrays.equals(encode(), s.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "TrainingStatement[model=" + model.option() + (hidden.isEmpty() ? "" : " " + network().describe()) + ", rows=" + rows + ", features=" + features + ", lrQ=" + learningRateQ + ", batch="
                + batchSize + ", epochs=" + epochs + "]";
    }
}
