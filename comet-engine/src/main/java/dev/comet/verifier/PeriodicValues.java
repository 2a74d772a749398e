package dev.comet.verifier;

import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;

/**
 * Evaluates a periodic column at an out-of-domain point without interpolating it.
 *
 * <p>A column {@code v} of period {@code m} is the polynomial {@code p(x^(n/m))} with {@code p}
 * interpolating {@code v} on {@code <w_m>}. By the barycentric formula on that subgroup,
 * {@code p(y) = (y^m - 1)/m * sum_i v_i w^i / (y - w^i)}, a sum over the non-zero entries only:
 * selector columns that mark a few rows cost as many terms, not an NTT of the whole period.
 */
final class PeriodicValues {
    private PeriodicValues() {}

    /** The column's polynomial at {@code y = z^(n/m)}, with {@code y} outside {@code <w_m>}. */
    static long[] evaluate(ExtensionField ext, long[] values, long[] y) {
        int m = values.length;
        long omega = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(m));
        int nonZero = 0;
        for (long v : values) {
            if (v != 0) {
                nonZero++;
            }
        }
        long[][] denominators = new long[nonZero][];
        long[] weights = new long[nonZero];
        long w = 1;
        int k = 0;
        for (int i = 0; i < m; i++) {
            if (values[i] != 0) {
                denominators[k] = ext.sub(y, ext.fromBase(w));
                weights[k] = Goldilocks.mul(values[i], w);
                k++;
            }
            w = Goldilocks.mul(w, omega);
        }
        long[][] inverses = ext.batchInvert(denominators);
        long[] sum = ext.zero();
        for (int i = 0; i < nonZero; i++) {
            sum = ext.add(sum, ext.mulBase(inverses[i], weights[i]));
        }
        long[] scale = ext.mulBase(ext.sub(ext.pow(y, m), ext.one()), Goldilocks.inv(m));
        return ext.mul(scale, sum);
    }
}
