package dev.comet.train;

import dev.comet.data.QuantizedDataset;

/**
 * The fixed-point trainer's float64 twin: the same mini-batch SGD (same sample order, batches,
 * partial last batch, learning rate and initial weights) on the real values {@code q / 2^16}, in
 * {@code double} without any rounding step. Comparing the two measures what the fixed-point
 * roundings cost.
 *
 * <p>Per batch of {@code m} rows, with the weights fixed during the batch:
 * {@code err_i = f(sum_j w_j x_ij + b) - y_i}, with {@code f} the identity for linear regression
 * and the exact {@link #sigmoid} for logistic regression, then {@code w_j -= lr * (1/m) * sum_i err_i x_ij}
 * and {@code b -= lr * (1/m) * sum_i err_i}. The learning rate is the one the fixed-point
 * arithmetic uses, {@code lr_q / 2^16} ({@link TrainingSpec#effectiveLearningRate()}), so that the
 * difference between the twins is the arithmetic alone and not the quantised learning rate.
 * The result is deterministic: the summation order is fixed.
 */
public final class FloatTrainer {
    private FloatTrainer() {
    }

    /**
     * The final weights in real units, bias last. Divergence shows as huge or non-finite weights;
     * there are no bounds here.
     *
     * @throws IllegalArgumentException if the data's number of features differs from the spec's
     */
    public static double[] train(QuantizedDataset data, TrainingSpec spec) {
        if (data.numFeatures() != spec.numFeatures()) {
            throw new IllegalArgumentException("the data has " + data.numFeatures() + " features, the initial weights are for "
                    + spec.numFeatures());
        }
        int n = data.rows();
        int d = data.numFeatures();
        int b = spec.batchSize();
        double lr = spec.effectiveLearningRate();
        int batches = (n - 1) / b + 1;
        double[][] x = new double[d][n];
        double[] y = new double[n];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                x[j][i] = data.feature(j, i);
            }
        }
        for (int i = 0; i < n; i++) {
            y[i] = data.target(i);
        }

        ModelKind model = spec.model();
        int outputs = spec.outputs();
        int width = d + 1;
        double[] w = FixedPointStep.toReal(spec.initialWeights());
        double[][] err = new double[outputs][Math.min(b, n)];
        double[] z = new double[outputs];
        for (int epoch = 0; epoch < spec.epochs(); epoch++) {
            for (int batch = 0; batch < batches; batch++) {
                int first = batch * b;
                int m = Math.min(b, n - first);
                for (int k = 0; k < m; k++) {
                    for (int o = 0; o < outputs; o++) {
                        double pred = w[o * width + d];
                        for (int j = 0; j < d; j++) {
                            pred += w[o * width + j] * x[j][first + k];
                        }
                        z[o] = pred;
                    }
                    double[] out = outputs(model, z);
                    for (int o = 0; o < outputs; o++) {
                        double target = model == ModelKind.SOFTMAX ? (Math.round(y[first + k]) == o ? 1 : 0) : y[first + k];
                        err[o][k] = out[o] - target;
                    }
                }
                double step = lr / m;
                for (int o = 0; o < outputs; o++) {
                    for (int j = 0; j < d; j++) {
                        double g = 0;
                        for (int k = 0; k < m; k++) {
                            g += err[o][k] * x[j][first + k];
                        }
                        w[o * width + j] -= step * g;
                    }
                    double g = 0;
                    for (int k = 0; k < m; k++) {
                        g += err[o][k];
                    }
                    w[o * width + d] -= step * g;
                }
            }
        }
        return w;
    }

    /** The exact outputs of {@code model} for its scores: the scores, their sigmoid, or their softmax. */
    static double[] outputs(ModelKind model, double[] scores) {
        return switch (model) {
            case LINEAR -> scores.clone();
            case LOGISTIC -> new double[] {sigmoid(scores[0])};
            case SOFTMAX -> softmax(scores);
        };
    }

    /** The exact softmax, shifted by the maximum so that no exponential overflows. */
    public static double[] softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : scores) {
            max = Math.max(max, v);
        }
        double[] p = new double[scores.length];
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            p[k] = Math.exp(scores[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /** The exact logistic function {@code 1 / (1 + e^-z)}, without the fixed-point table's steps. */
    public static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
