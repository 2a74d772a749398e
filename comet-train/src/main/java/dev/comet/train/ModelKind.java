package dev.comet.train;

import dev.comet.data.ClassLabels;
import java.util.Arrays;
import java.util.Optional;

/**
 * The models a training statement can name. Each computes linear scores {@code z_o = w_o . x + b_o},
 * one per output, trained by the same mini-batch SGD; they differ in the output applied to the
 * scores and so in what the target means (docs/TRAINING.md):
 * <ul>
 *   <li>{@link #LINEAR}: one output {@code z}, a numeric target, mean squared error;</li>
 *   <li>{@link #LOGISTIC}: one output {@code sigmoid(z)} in fixed point ({@link dev.comet.train.logistic.Sigmoid}), a target
 *       of two classes with indices 0 and 1, log-loss, whose gradient has the same form
 *       {@code (output - y) x};</li>
 *   <li>{@link #SOFTMAX}: one output per class, {@code softmax(z)} in fixed point
 *       ({@link dev.comet.train.softmax.Softmax}), a target of 2 to 16 classes, cross-entropy, whose
 *       gradient is {@code (p_k - [y = k]) x} for each class {@code k};</li>
 *   <li>{@link #MLP}: a multilayer perceptron, hidden layers of ReLU units ({@link Network}) under
 *       softmax regression's output layer, trained by backpropagation ({@code docs/TRAINING.md},
 *       "Multilayer perceptrons");</li>
 *   <li>{@link #MLP_REGRESSION}: the same hidden layers under linear regression's output, for a
 *       numeric target. Its option is {@code mlp} too: {@link #forTarget} picks the one for the
 *       target.</li>
 * </ul>
 */
public enum ModelKind {
    LINEAR("linear", "linear-regression", "mse", 0, 0),
    LOGISTIC("logistic", "logistic-regression", "log-loss", 2, 2),
    SOFTMAX("softmax", "softmax-regression", "cross-entropy", 2, ClassLabels.MAX_CLASSES),
    MLP("mlp", "multilayer-perceptron", "cross-entropy", 2, ClassLabels.MAX_CLASSES),
    MLP_REGRESSION("mlp", "multilayer-perceptron-regression", "mse", 0, 0);

    private final String option;
    private final String modelName;
    private final String loss;
    private final int minClasses;
    private final int maxClasses;

    ModelKind(String option, String modelName, String loss, int minClasses, int maxClasses) {
        this.option = option;
        this.modelName = modelName;
        this.loss = loss;
        this.minClasses = minClasses;
        this.maxClasses = maxClasses;
    }

    /** The name on the command line and in model files: {@code linear}, {@code logistic}, {@code softmax}, {@code mlp}. */
    public String option() {
        return option;
    }

    /** The model as the statement's header names it. */
    public String modelName() {
        return modelName;
    }

    public String loss() {
        return loss;
    }

    /** Whether the target is a class target. */
    public boolean isClassifier() {
        return maxClasses > 0;
    }

    /** Whether the model trains on a target of {@code classes} classes (0 for a numeric target). */
    public boolean accepts(int classes) {
        return isClassifier() ? classes >= minClasses && classes <= maxClasses : classes == 0;
    }

    /** What {@link #accepts} takes, for messages: "a numeric target", "exactly 2 classes", "2 to 16 classes". */
    public String accepted() {
        return !isClassifier() ? "a numeric target" : minClasses == maxClasses ? "exactly " + minClasses + " classes"
                : minClasses + " to " + maxClasses + " classes";
    }

    /** The number of scores, and of output units, for a target of {@code classes} classes: one per class for a softmax output, else 1. */
    public int outputs(int classes) {
        return hasSoftmaxOutput() ? classes : 1;
    }

    /** Whether the output layer's scores go through the softmax: softmax regression and the MLP. */
    public boolean hasSoftmaxOutput() {
        return this == SOFTMAX || this == MLP;
    }

    /** Whether the model has hidden layers. */
    public boolean hasHiddenLayers() {
        return this == MLP || this == MLP_REGRESSION;
    }

    /**
     * The kind of this option for a target of {@code classes} classes (0 for a numeric target):
     * the MLP's regression twin for a numeric target, else this kind.
     */
    public ModelKind forTarget(int classes) {
        return this == MLP && classes == 0 ? MLP_REGRESSION : this;
    }

    /** The kind whose {@link #modelName()} is {@code name}, if any. */
    public static Optional<ModelKind> byModelName(String name) {
        return Arrays.stream(values()).filter(k -> k.modelName.equals(name)).findFirst();
    }

    /** The kind named {@code option}, if any. */
    public static Optional<ModelKind> byOption(String option) {
        return Arrays.stream(values()).filter(k -> k.option.equals(option)).findFirst();
    }
}
