package dev.comet.train;

import dev.comet.data.ClassLabels;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(model.modelName() + "/" + model.loss() + "/" + TrainingSpec.OPTIMIZER + "/"
                    + TrainingSpec.ORDER + "/" + TrainingSpec.NUMERIC_FORMAT);
            out.write(datasetRoot);
            out.writeInt(rows);
            out.writeInt(features);
            out.writeInt(fractionBits);
            for (String name : featureNames) {
                out.writeUTF(name);
            }
            out.writeUTF(targetName);
            if (model.isClassifier()) { // a regression's encoding is unchanged since before classifiers
                out.writeInt(classes.count());
                for (String label : classes.labels()) {
                    out.writeUTF(label);
                }
            }
            if (model.hasHiddenLayers()) { // after the classes, which the model name already announced
                out.writeInt(hidden.size());
                for (int units : hidden) {
                    out.writeInt(units);
                }
            }
            for (long v : standardization.encoded()) {
                out.writeLong(v);
            }
            out.writeLong(learningRateQ);
            out.writeInt(batchSize);
            out.writeInt(epochs);
            for (long w : initialWeights) {
                out.writeLong(w);
            }
            for (long w : finalWeights) {
                out.writeLong(w);
            }
            if (hasCurve()) { // statements without a curve keep their earlier encoding
                out.writeInt(curve.epochs());
                for (long v : curve.lossSums()) {
                    out.writeLong(v);
                }
                out.writeBoolean(curve.hasAccuracy());
                for (long v : curve.correct()) {
                    out.writeLong(v);
                }
            }
            if (initSeed != null) { // the initial weights above are the seed's, which the constructor checked
                out.writeByte(1);
                out.writeUTF(SeededInit.GENERATOR);
                out.writeLong(initSeed);
            }
            if (!moments.isEmpty()) { // the standardisation above follows from them, as the constructor checked
                out.writeByte(2);
                for (long v : moments.encoded()) {
                    out.writeLong(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
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
