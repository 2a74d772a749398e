package dev.comet.train;

import java.util.Arrays;
import java.util.Optional;

/**
 * The models a training statement can name. Each is a linear score {@code z = w . x + b} trained
 * by the same mini-batch SGD; they differ in the output applied to the score and so in what the
 * target means (docs/TRAINING.md):
 * <ul>
 *   <li>{@link #LINEAR}: output {@code z}, a numeric target, mean squared error;</li>
 *   <li>{@link #LOGISTIC}: output {@code sigmoid(z)} in fixed point ({@link dev.comet.train.logistic.Sigmoid}), a target
 *       of two classes with indices 0 and 1, log-loss, whose gradient has the same form
 *       {@code (output - y) x}.</li>
 * </ul>
 */
public enum ModelKind {
    LINEAR("linear", "linear-regression", "mse", 0),
    LOGISTIC("logistic", "logistic-regression", "log-loss", 2);

    private final String option;
    private final String modelName;
    private final String loss;
    private final int classes;

    ModelKind(String option, String modelName, String loss, int classes) {
        this.option = option;
        this.modelName = modelName;
        this.loss = loss;
        this.classes = classes;
    }

    /** The name on the command line and in model files: {@code linear}, {@code logistic}. */
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
        return classes > 0;
    }

    /** The number of classes the model needs, or 0 for a numeric target. */
    public int classes() {
        return classes;
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
