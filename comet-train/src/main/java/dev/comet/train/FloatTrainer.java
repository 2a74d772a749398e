package dev.comet.train;

import dev.comet.data.QuantizedDataset;

/**
 * The fixed-point trainer's float64 twin: the same mini-batch SGD (same sample order, batches,
 * partial last batch, learning rate and initial weights) on the real values {@code q / 2^16}, in
 * {@code double} without any rounding step. Comparing the two measures what the fixed-point
 * roundings cost.
 *
 * <p>Per batch of {@code m} rows, with the weights fixed during the batch:
 * {@code err_i = f(sum_j w_j x_ij + b) - y_i}, with {@code f} the identity for linear regression,
 * the exact {@link #sigmoid} for logistic regression and the exact {@link #softmax} for softmax
 * regression and the MLP (whose hidden units are {@code max(0, z)}, and whose hidden errors are
 * backpropagated with {@code relu'(0) = 0}), then {@code w_j -= lr * (1/m) * sum_i err_i x_ij}
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
        Network net = spec.network();
        int layers = net.layers();
        int top = layers - 1;
        int bmax = Math.min(b, n);
        double[] w = FixedPointStep.toReal(spec.initialWeights());
        // in[l][k]: layer l's inputs at batch row k (layer 0's are the features); err[l][u][k]: unit u's error.
        double[][][] in = new double[layers][bmax][];
        double[][][] err = new double[layers][][];
        for (int l = 0; l < layers; l++) {
            err[l] = new double[net.units(l)][bmax];
        }
        double[][][] z = new double[layers][bmax][];
        for (int epoch = 0; epoch < spec.epochs(); epoch++) {
            for (int batch = 0; batch < batches; batch++) {
                int first = batch * b;
                int m = Math.min(b, n - first);
                for (int k = 0; k < m; k++) {
                    double[] input = new double[d];
                    for (int j = 0; j < d; j++) {
                        input[j] = x[j][first + k];
                    }
                    for (int l = 0; l < layers; l++) {
                        in[l][k] = input;
                        z[l][k] = new double[net.units(l)];
                        for (int u = 0; u < net.units(l); u++) {
                            int base = net.weight(l, u, 0);
                            double sum = w[base + net.inputs(l)];
                            for (int j = 0; j < net.inputs(l); j++) {
                                sum += w[base + j] * input[j];
                            }
                            z[l][k][u] = sum;
                        }
                        if (!net.isOutput(l)) {
                            input = new double[net.units(l)];
                            for (int u = 0; u < input.length; u++) {
                                input[u] = Math.max(z[l][k][u], 0);
                            }
                        }
                    }
                    double[] out = outputs(model, z[top][k]);
                    for (int o = 0; o < net.outputs(); o++) {
                        double target = model.hasSoftmaxOutput() ? (Math.round(y[first + k]) == o ? 1 : 0) : y[first + k];
                        err[top][o][k] = out[o] - target;
                    }
                    for (int l = top - 1; l >= 0; l--) { // backpropagation with the batch's weights; relu'(0) = 0
                        for (int u = 0; u < net.units(l); u++) {
                            double sum = 0;
                            for (int o = 0; o < net.units(l + 1); o++) {
                                sum += w[net.weight(l + 1, o, u)] * err[l + 1][o][k];
                            }
                            err[l][u][k] = z[l][k][u] > 0 ? sum : 0;
                        }
                    }
                }
                double step = lr / m;
                double[] next = w.clone(); // every layer's gradient uses the batch's weights
                for (int l = 0; l < layers; l++) {
                    for (int u = 0; u < net.units(l); u++) {
                        int base = net.weight(l, u, 0);
                        for (int j = 0; j <= net.inputs(l); j++) {
                            double g = 0;
                            for (int k = 0; k < m; k++) {
                                g += err[l][u][k] * (j < net.inputs(l) ? in[l][k][j] : 1);
                            }
                            next[base + j] -= step * g;
                        }
                    }
                }
                w = next;
            }
        }
        return w;
    }

    /** The exact outputs of {@code model} for its scores: the scores, their sigmoid, or their softmax. */
    static double[] outputs(ModelKind model, double[] scores) {
        return switch (model) {
            case LINEAR, MLP_REGRESSION -> scores.clone();
            case LOGISTIC -> new double[] {sigmoid(scores[0])};
            case SOFTMAX, MLP -> softmax(scores);
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
