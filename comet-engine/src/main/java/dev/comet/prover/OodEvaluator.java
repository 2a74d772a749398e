package dev.comet.prover;

import dev.comet.field.ExtensionField;
import dev.comet.field.ExtensionVectors;
import dev.comet.field.Goldilocks;
import java.util.stream.IntStream;

/** Evaluates committed columns (given by coefficients) at an out-of-domain extension point. */
final class OodEvaluator {
    private OodEvaluator() {}

    /** Each base-field coefficient column at {@code point}: result {@code [column][degree]}. */
    static long[][] evaluate(long[][] coefficients, long[] point) {
        if (coefficients.length == 0) {
            return new long[0][];
        }
        int degree = point.length;
        long[][] powers = ExtensionVectors.powers(point, coefficients[0].length);
        long[][] out = new long[coefficients.length][];
        IntStream.range(0, coefficients.length).parallel().forEach(c -> {
            long[] coef = coefficients[c];
            long[] acc = new long[degree];
            for (int d = 0; d < degree; d++) {
                long[] pw = powers[d];
                long s = 0;
                for (int i = 0; i < coef.length; i++) {
                    s = Goldilocks.add(s, Goldilocks.mul(coef[i], pw[i]));
                }
                acc[d] = s;
            }
            out[c] = acc;
        });
        return out;
    }

    /**
     * Barycentric weights for evaluating columns given by their values on {@code <w_n>} at one
     * point: {@code f(z) = (z^n - 1)/n * sum_i f_i w^i / (z - w^i)}. The weights cost a batch
     * inversion of {@code n} elements and are shared by every column evaluated at that point, so no
     * column needs to be interpolated or kept in coefficient form. Values on a coset
     * {@code s <w_n>} are those of {@code g(x) = f(s x)} on {@code <w_n>}, so weights at
     * {@code z / s} evaluate {@code f} at {@code z}.
     */
    record TraceWeights(ExtensionField ext, long[][] weights, long[] scale) {
        static TraceWeights at(ExtensionField ext, int n, long[] point) {
            int degree = point.length;
            long omega = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(n));
            long[][] weights = new long[degree][n];
            long w = 1;
            for (int i = 0; i < n; i++) {
                weights[0][i] = Goldilocks.sub(point[0], w);
                for (int d = 1; d < degree; d++) {
                    weights[d][i] = point[d];
                }
                w = Goldilocks.mul(w, omega);
            }
            ExtensionVectors.batchInvertInPlace(ext, weights, n);
            w = 1;
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < degree; d++) {
                    weights[d][i] = Goldilocks.mul(weights[d][i], w);
                }
                w = Goldilocks.mul(w, omega);
            }
            long[] scale = ext.mulBase(ext.sub(ext.pow(point, n), ext.one()), Goldilocks.inv(n));
            return new TraceWeights(ext, weights, scale);
        }

        /**
         * Each column at the point and at the next {@code rows - 1} trace rows from it
         * ({@code y, y w, ..., y w^(rows-1)}), reading the column's value {@code i} at index
         * {@code i * stride}: result {@code [row][column][degree]}. The weight of value
         * {@code i} at {@code y w} is the weight of value {@code i - 1} at {@code y} (and
         * {@code (y w)^n = y^n}), so {@code f(y w^o) = scale * sum_i f_(i+o) W_i}: one weight table
         * and one pass over each column serve every row of the frame.
         */
        long[][][] evaluate(long[][] columns, int stride, int rows) {
            int degree = scale.length;
            int n = weights[0].length;
            long[][][] out = new long[rows][columns.length][];
            IntStream.range(0, columns.length).parallel().forEach(c -> {
                long[] f = columns[c];
                if (Integer.bitCount(f.length) != 1 || f.length > n * stride) {
                    throw new IllegalArgumentException("column of " + f.length + " values, expected " + n * stride
                            + " or a power of two below (a column that repeats)");
                }
                int fmask = f.length - 1;
                long[][] acc = new long[rows][degree];
                int block = Math.min(n, BLOCK);
                long[] values = new long[block + rows - 1];
                for (int from = 0; from < n; from += block) {
                    for (int i = 0; i < values.length; i++) {
                        values[i] = f[(((from + i) & (n - 1)) * stride) & fmask];
                    }
                    for (int o = 0; o < rows; o++) {
                        for (int d = 0; d < degree; d++) {
                            long[] wd = weights[d];
                            long sum = acc[o][d];
                            for (int i = 0; i < block; i++) {
                                sum = Goldilocks.add(sum, Goldilocks.mul(values[i + o], wd[from + i]));
                            }
                            acc[o][d] = sum;
                        }
                    }
                }
                for (int o = 0; o < rows; o++) {
                    out[o][c] = ext.mul(acc[o], scale);
                }
            });
            return out;
        }
    }

    /** Values per block of {@link TraceWeights#evaluate}: its column slice stays in cache for every frame row. */
    private static final int BLOCK = 1 << 12;

    /**
     * Extension-valued columns stored as {@code degree} coordinate columns each: combines the
     * coordinates' values {@code v_d} into {@code sum_d v_d t^d}.
     */
    static long[][] combineCoordinates(ExtensionField ext, long[][] coordinateValues) {
        int degree = ext.degree();
        long[][] out = new long[coordinateValues.length / degree][];
        for (int a = 0; a < out.length; a++) {
            long[] acc = ext.zero();
            for (int d = 0; d < degree; d++) {
                long[] basis = ext.zero();
                basis[d] = 1;
                acc = ext.add(acc, ext.mul(coordinateValues[a * degree + d], basis));
            }
            out[a] = acc;
        }
        return out;
    }
}
