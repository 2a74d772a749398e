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

        boolean logistic = spec.model() == ModelKind.LOGISTIC;
        double[] w = FixedPointStep.toReal(spec.initialWeights());
        double[] err = new double[Math.min(b, n)];
        for (int epoch = 0; epoch < spec.epochs(); epoch++) {
            for (int batch = 0; batch < batches; batch++) {
                int first = batch * b;
                int m = Math.min(b, n - first);
                for (int k = 0; k < m; k++) {
                    double pred = w[d];
                    for (int j = 0; j < d; j++) {
                        pred += w[j] * x[j][first + k];
                    }
                    err[k] = (logistic ? sigmoid(pred) : pred) - y[first + k];
                }
                double step = lr / m;
                for (int j = 0; j < d; j++) {
                    double g = 0;
                    for (int k = 0; k < m; k++) {
                        g += err[k] * x[j][first + k];
                    }
                    w[j] -= step * g;
                }
                double g = 0;
                for (int k = 0; k < m; k++) {
                    g += err[k];
                }
                w[d] -= step * g;
            }
        }
        return w;
    }

    /** The exact logistic function {@code 1 / (1 + e^-z)}, without the fixed-point table's steps. */
    public static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
