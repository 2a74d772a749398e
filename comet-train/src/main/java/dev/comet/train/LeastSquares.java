package dev.comet.train;

import dev.comet.data.QuantizedDataset;
import java.util.Arrays;

/**
 * Ordinary least squares with an intercept, in {@code double}: the weights {@code w} (bias
 * last) minimising {@code sum_i (sum_j w_j x_ij + b - y_i)^2} over the real values
 * {@code q / 2^16}. It is the best any linear model can do on the data, the yardstick for the
 * trained models.
 *
 * <p>Method: a QR factorisation built row by row with Givens rotations. Each data row
 * {@code [x_i, 1 | y_i]} is rotated into an upper-triangular {@code R} and the matching
 * {@code Q^T y}, then {@code R w = Q^T y} is solved by back substitution. This is backward
 * stable (it never forms {@code X^T X}, which would square the condition number, as the normal
 * equations do) and needs only {@code O(D^2)} memory for any number of rows; the time is
 * {@code O(N D^2)}. The rows are processed in order, so the result is deterministic.
 *
 * <p>If the columns are (numerically) linearly dependent, or there are fewer rows than weights,
 * some diagonal entry of {@code R} vanishes: any {@code |R_kk| <= 1e-9 * max column norm} counts
 * as such. Then the problem has many minimisers and the fit adds a tiny ridge penalty
 * {@code lambda * |w_features|^2} with {@code lambda = 1e-10 * max_j |x_j|^2} (the intercept is
 * not penalised), by rotating the rows {@code sqrt(lambda) e_j} into the same factorisation;
 * the result is then close to the minimiser of smallest norm.
 */
public final class LeastSquares {
    private static final double RANK_TOLERANCE = 1e-9;
    private static final double RIDGE = 1e-10;

    private LeastSquares() {
    }

    /** The least-squares weights in real units, bias last. */
    public static double[] fit(QuantizedDataset data) {
        int n = data.rows();
        int d = data.numFeatures();
        int p = d + 1;
        double[][] r = new double[p][p];
        double[] qty = new double[p];
        double[] row = new double[p];
        double[] columnNormSquared = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                row[j] = data.feature(j, i);
                columnNormSquared[j] += row[j] * row[j];
            }
            row[d] = 1;
            columnNormSquared[d] += 1;
            rotateIn(r, qty, row, data.target(i));
        }

        double maxNormSquared = 0;
        for (double v : columnNormSquared) {
            maxNormSquared = Math.max(maxNormSquared, v);
        }
        double tolerance = RANK_TOLERANCE * Math.sqrt(maxNormSquared);
        if (rankDeficient(r, tolerance)) {
            double sqrtLambda = Math.sqrt(RIDGE * maxNormSquared);
            for (int j = 0; j < d; j++) {
                Arrays.fill(row, 0);
                row[j] = sqrtLambda;
                rotateIn(r, qty, row, 0);
            }
        }
        return backSubstitute(r, qty);
    }

    /**
     * Rotates the row {@code [a | b]} into {@code R} and {@code Q^T y}: for each column
     * {@code k}, a Givens rotation of the rows {@code R_k} and {@code a} zeroes {@code a_k}.
     * {@code a} is overwritten.
     */
    private static void rotateIn(double[][] r, double[] qty, double[] a, double b) {
        int p = a.length;
        for (int k = 0; k < p; k++) {
            double ak = a[k];
            if (ak == 0) {
                continue;
            }
            double[] rk = r[k];
            double rkk = rk[k];
            // no overflow: |values| < 2^15 and sums of squares over at most 2^31 rows stay below 2^61
            double h = Math.sqrt(rkk * rkk + ak * ak);
            double c = rkk / h;
            double s = ak / h;
            rk[k] = h;
            a[k] = 0;
            for (int l = k + 1; l < p; l++) {
                double rl = rk[l];
                double al = a[l];
                rk[l] = c * rl + s * al;
                a[l] = c * al - s * rl;
            }
            double q = qty[k];
            qty[k] = c * q + s * b;
            b = c * b - s * q;
        }
    }

    private static boolean rankDeficient(double[][] r, double tolerance) {
        for (int k = 0; k < r.length; k++) {
            if (Math.abs(r[k][k]) <= tolerance) {
                return true;
            }
        }
        return false;
    }

    private static double[] backSubstitute(double[][] r, double[] qty) {
        int p = qty.length;
        double[] w = new double[p];
        for (int k = p - 1; k >= 0; k--) {
            double sum = qty[k];
            for (int l = k + 1; l < p; l++) {
                sum -= r[k][l] * w[l];
            }
            w[k] = sum / r[k][k];
        }
        return w;
    }
}
