package dev.comet.train;

import dev.comet.data.QuantizedDataset;

/**
 * A well-tuned float multinomial logistic regression to compare a softmax classifier with: the
 * minimiser of {@code sum_i crossentropy_i + |W|^2 / 2} over all classes' weights, scikit-learn's
 * default {@code LogisticRegression(C=1)} for several classes, found by Newton's method with
 * backtracking in {@code double}. The biases get a penalty of {@code 1e-6 |b|^2 / 2} instead of
 * none: adding one constant to every class's bias changes no probability, and the tiny penalty
 * picks one of those equivalent minimisers without moving the probabilities measurably.
 */
public final class SoftmaxBaseline {
    private static final int MAX_ITERATIONS = 50;
    private static final double TOLERANCE = 1e-9;
    private static final double BIAS_PENALTY = 1e-6;

    private SoftmaxBaseline() {}

    /** The baseline's weights in real units: {@code D + 1} per class, bias last; targets are class indices. */
    public static double[] fit(QuantizedDataset data, int classes) {
        int n = data.rows();
        int d = data.numFeatures();
        int width = d + 1;
        int p = classes * width;
        double[][] x = new double[n][width];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = data.feature(j, i);
            }
            x[i][d] = 1;
            y[i] = (int) Math.round(data.target(i));
        }
        double[] w = new double[p];
        double objective = objective(w, x, y, classes);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[p];
            double[][] hessian = new double[p][p];
            for (int q = 0; q < p; q++) {
                double penalty = q % width == d ? BIAS_PENALTY : 1;
                gradient[q] = penalty * w[q];
                hessian[q][q] = penalty;
            }
            for (int i = 0; i < n; i++) {
                double[] prob = FloatTrainer.softmax(scores(w, x[i], classes));
                for (int k = 0; k < classes; k++) {
                    double err = prob[k] - (y[i] == k ? 1 : 0);
                    for (int j = 0; j < width; j++) {
                        gradient[k * width + j] += err * x[i][j];
                    }
                    // Block (k, l) of the Hessian is (p_k [k = l] - p_k p_l) x x^T; the lower triangle suffices.
                    for (int l = 0; l <= k; l++) {
                        double c = prob[k] * ((k == l ? 1 : 0) - prob[l]);
                        for (int j = 0; j < width; j++) {
                            double cx = c * x[i][j];
                            double[] rowOfH = hessian[k * width + j];
                            int top = l == k ? j : width - 1;
                            for (int m = 0; m <= top; m++) {
                                rowOfH[l * width + m] += cx * x[i][m];
                            }
                        }
                    }
                }
            }
            double[] step = LogisticBaseline.choleskySolve(hessian, gradient);
            double t = 1;
            double[] candidate = new double[p];
            double next;
            do { // backtracking: Newton's full step can overshoot far from the minimum
                for (int q = 0; q < p; q++) {
                    candidate[q] = w[q] - t * step[q];
                }
                next = objective(candidate, x, y, classes);
                t /= 2;
            } while (next > objective && t > 1e-6);
            double size = 0;
            for (int q = 0; q < p; q++) {
                size = Math.max(size, Math.abs(candidate[q] - w[q]));
            }
            w = candidate.clone();
            objective = next;
            if (size < TOLERANCE) {
                break;
            }
        }
        return w;
    }

    private static double[] scores(double[] w, double[] xi, int classes) {
        int width = xi.length;
        double[] z = new double[classes];
        for (int k = 0; k < classes; k++) {
            double sum = 0;
            for (int j = 0; j < width; j++) {
                sum += w[k * width + j] * xi[j];
            }
            z[k] = sum;
        }
        return z;
    }

    private static double objective(double[] w, double[][] x, int[] y, int classes) {
        int width = x[0].length;
        double sum = 0;
        for (int q = 0; q < w.length; q++) {
            sum += (q % width == width - 1 ? BIAS_PENALTY : 1) * w[q] * w[q] / 2;
        }
        for (int i = 0; i < x.length; i++) {
            double[] z = scores(w, x[i], classes);
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double log = 0;
            for (double v : z) {
                log += Math.exp(v - max);
            }
            sum += max + Math.log(log) - z[y[i]];
        }
        return sum;
    }
}
