package dev.comet.train;

import dev.comet.data.QuantizedDataset;

/**
 * A well-tuned float logistic regression to compare a trained classifier with: the minimiser of
 * {@code sum_i logloss_i + |w|^2 / 2} (the bias unpenalised), which is scikit-learn's default
 * {@code LogisticRegression(C=1)}, found by Newton's method in {@code double}. It runs on the
 * columns training reads, so on standardised data it is the figure the issue compares with.
 */
public final class LogisticBaseline {
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-10;

    private LogisticBaseline() {}

    /** The baseline's weights in real units, bias last; targets are 0 and 1 (in {@code data}'s fixed point). */
    public static double[] fit(QuantizedDataset data) {
        int n = data.rows();
        int d = data.numFeatures();
        int p = d + 1;
        double[][] x = new double[n][p];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = data.feature(j, i);
            }
            x[i][d] = 1;
            y[i] = data.target(i);
        }
        double[] w = new double[p];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[p];
            double[][] hessian = new double[p][p];
            for (int j = 0; j < d; j++) {
                gradient[j] = w[j];
                hessian[j][j] = 1;
            }
            for (int i = 0; i < n; i++) {
                double z = 0;
                for (int j = 0; j < p; j++) {
                    z += w[j] * x[i][j];
                }
                double q = FloatTrainer.sigmoid(z);
                double c = q * (1 - q);
                for (int j = 0; j < p; j++) {
                    gradient[j] += (q - y[i]) * x[i][j];
                    for (int k = 0; k <= j; k++) {
                        hessian[j][k] += c * x[i][j] * x[i][k];
                    }
                }
            }
            double[] step = choleskySolve(hessian, gradient);
            double size = 0;
            for (int j = 0; j < p; j++) {
                w[j] -= step[j];
                size = Math.max(size, Math.abs(step[j]));
            }
            if (size < TOLERANCE) {
                break;
            }
        }
        return w;
    }

    /** Solves {@code A s = b} for the symmetric positive definite {@code A}, given by its lower triangle. */
    static double[] choleskySolve(double[][] a, double[] b) {
        int p = b.length;
        double[][] l = new double[p][p];
        for (int j = 0; j < p; j++) {
            for (int k = 0; k <= j; k++) {
                double sum = a[j][k];
                for (int m = 0; m < k; m++) {
                    sum -= l[j][m] * l[k][m];
                }
                l[j][k] = j == k ? Math.sqrt(Math.max(sum, 1e-300)) : sum / l[k][k];
            }
        }
        double[] z = new double[p];
        for (int j = 0; j < p; j++) {
            double sum = b[j];
            for (int m = 0; m < j; m++) {
                sum -= l[j][m] * z[m];
            }
            z[j] = sum / l[j][j];
        }
        double[] s = new double[p];
        for (int j = p - 1; j >= 0; j--) {
            double sum = z[j];
            for (int m = j + 1; m < p; m++) {
                sum -= l[m][j] * s[m];
            }
            s[j] = sum / l[j][j];
        }
        return s;
    }
}
